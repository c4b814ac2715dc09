import type {ResourceRef, SourceLocation} from './resource.js'
import type {Severity} from './severity.js'

export interface ControlRef {
  framework: string
  id: string
}

export interface Suppression {
  reason: string
  owner?: string
  expires?: string
}

/** One failed check on one resource, as the report carries it. */
export interface Finding {
  fingerprint: string
  ruleId: string
  category: string
  severity: Severity
  title: string
  message: string
  resource: ResourceRef
  location?: SourceLocation
  controls: ControlRef[]
  remediation: string
  evidence?: Record<string, unknown>
  suppressed?: Suppression
  /** with --baseline: whether the baseline report had this finding (matched by fingerprint) */
  baseline?: 'new' | 'existing'
}

/** A finding as a baseline comparison lists it: enough to name it after it is gone. */
export interface FindingSummary {
  fingerprint: string
  ruleId: string
  severity: Severity
  resource: string
  message: string
}

export type CheckStatus = 'pass' | 'fail' | 'skip' | 'error'

/** The outcome of one rule on one subject; the denominators of the score. */
export interface CheckResult {
  ruleId: string
  subject: ResourceRef
  status: CheckStatus
  /** why a check was skipped or errored */
  reason?: string
}
