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

/** A rule that ran, with its documentation, so that every rendering of a saved report can explain it. */
export interface RuleSummary {
  id: string
  category: string
  severity: Severity
  title: string
  controls: ControlRef[]
  /** the documentation fields of the rule's metadata; absent in reports of older versions */
  doc?: RuleDoc
}

export interface RuleDoc {
  slug: string
  target: string
  reads: string[]
  description: string
  remediation: string
  severityNotes?: string
  example?: string
  helpUri?: string
  tags?: string[]
}

/** A control's standing in one scan: fail on an open finding of a rule covering it, pass when those rules checked something and found nothing. */
export interface ControlStatus {
  id: string
  title: string
  status: 'pass' | 'fail' | 'not-assessed'
  /** automated when a rule covers the control; otherwise what the catalog says */
  assessment: 'automated' | 'manual' | 'not-assessed'
  /** unsuppressed findings of the covering rules */
  findings: number
  /** the rules covering the control */
  rules: string[]
  /** why it was not assessed */
  reason?: string
}

/** One framework's controls; compliance = pass ÷ (pass + fail) × 100, absent when nothing was assessed. */
export interface FrameworkStatus {
  id: string
  name: string
  version: string
  compliance?: number
  counts: {pass: number; fail: number; notAssessed: number}
  controls: ControlStatus[]
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
    /** the mesh version lifecycle and advisory data the version rules used; stale when over 180 days older than the scan */
    versionData?: {file: string; asOf: string; ageDays: number; stale: boolean}
  }
  score: {
    value: number
    grade: 'A' | 'B' | 'C' | 'D' | 'E' | 'F'
    byCategory: Record<string, number>
    /** per namespace of the checked subjects; cluster-scoped ones under `(cluster)`. Absent in reports of older versions. */
    byNamespace?: Record<string, number>
  }
  summary: {
    bySeverity: Record<Severity, number>
    byCategory: Record<string, number>
    suppressed: number
  }
  rules: RuleSummary[]
  /** per-control status for each framework catalog (or those chosen with --framework). Absent in reports of older versions. */
  frameworks?: FrameworkStatus[]
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
