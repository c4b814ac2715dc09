import type {ControlRef, Finding, FindingSummary} from './finding.js'
import type {CoverageRow, InputError} from './input.js'
import type {Severity} from './severity.js'

/** Per-rule tallies of check results. */
export interface RuleTally {
  ruleId: string
  pass: number
  fail: number
  skip: number
  error: number
  /** first few error messages, so a broken rule is visible without a debugger */
  errors?: string[]
}

export interface ExceptionStatus {
  rule: string
  resource: string
  reason: string
  owner?: string
  expires?: string
  /**
   * active: applies; expired: past its date and no longer applies; unused: matched no finding;
   * invalid: missing a reason or an expiry, or expiring later than the configured maximum — never applied
   */
  status: 'active' | 'expired' | 'unused' | 'invalid'
  matched: number
  /** where it was declared: the config file, or an annotation on the resource it covers */
  source: 'config' | 'annotation'
  /** why an exception is invalid */
  problem?: string
}

export interface RuleSummary {
  id: string
  category: string
  severity: Severity
  title: string
  controls: ControlRef[]
}

/** The only thing a reporter sees. Its JSON form is the public contract (report.schema.json). */
export interface AuditReport {
  schemaVersion: '1'
  tool: {name: 'zt-audit'; version: string}
  scan: {
    source: 'manifests' | 'cluster'
    target: string
    startedAt: string
    durationMs?: number
    objectsScanned: number
    rules: string[]
    coverage: CoverageRow[]
    skippedDocuments: number
    namespaces: {scanned: string[]; skipped: string[]}
  }
  score: {value: number; grade: 'A' | 'B' | 'C' | 'D' | 'E' | 'F'; byCategory: Record<string, number>}
  summary: {
    bySeverity: Record<Severity, number>
    byCategory: Record<string, number>
    suppressed: number
  }
  rules: RuleSummary[]
  checks: RuleTally[]
  findings: Finding[]
  exceptions: ExceptionStatus[]
  errors: InputError[]
  /** with --baseline: how this scan compares with a saved report */
  baseline?: BaselineComparison
}

export interface BaselineComparison {
  file: string
  new: number
  existing: number
  /** findings of the baseline that this scan no longer has */
  fixed: FindingSummary[]
}
