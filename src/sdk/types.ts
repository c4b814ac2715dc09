import type {Inventory} from '../inventory/index.js'
import type {Subject} from '../inventory/views.js'
import type {FieldPath, Resource} from '../model/resource.js'
import type {Severity} from '../model/severity.js'

export const BUILTIN_CATEGORIES = ['default-deny', 'mesh-plaintext', 'ingress-tls', 'wildcard-egress', 'rbac-overreach', 'mesh-version'] as const

export interface RuleMeta {
  /** stable, `ZT-<AREA>-<NNN>`; never reused */
  id: string
  /** kebab-case; equals the rule's folder name */
  slug: string
  /** one of the built-in categories, or a plug-in's own (kebab-case) */
  category: string
  title: string
  /** what the rule checks and why it matters (Markdown) */
  description: string
  /** how to fix a finding (Markdown) */
  remediation: string
  /** the default severity; a finding may carry another one when the rule grades by scope */
  severity: Severity
  /** how severities are graded, when findings differ from the default (Markdown) */
  severityNotes?: string
  /** the object kinds the rule reads; a scan that could not read one of them skips the rule instead of passing it */
  reads: string[]
  /** what the rule runs on: `Namespace`, `Workload`, `Service`, `NetworkPolicy`, `Cluster` or any object kind */
  target: string
  /** framework id → control ids */
  controls: Record<string, string[]>
  helpUri?: string
  tags?: string[]
  /** an example that passes, shown in the rule's documentation (YAML) */
  example?: string
}

export interface FindingInput {
  /** what is wrong, in one or two sentences; the first sentence must stand alone */
  message: string
  /** the offending field, relative to `at` (or to the subject's own object) */
  path?: FieldPath
  /** the object the path points into, when it is not the subject's own (e.g. the policy that negates a default deny) */
  at?: Resource
  /** when the rule grades severity, e.g. by scope */
  severity?: Severity
  /**
   * what distinguishes this finding from others of the same rule on the same subject; part of the
   * fingerprint. Defaults to the path (and `at`), which is independent of line numbers.
   */
  cause?: string
  /** facts behind the finding; never secret values */
  evidence?: Record<string, unknown>
}

export interface RuleContext {
  readonly inventory: Inventory
  /** the scan's clock (`--now`) */
  readonly now: Date
  /** the rule's options from the config file */
  readonly options: Readonly<Record<string, unknown>>
  report(finding: FindingInput): void
  /** the rule does not apply to this subject */
  skip(reason: string): void
}

export interface Rule<S extends Subject = Subject> {
  meta: RuleMeta
  /** called once per subject of `meta.target`; no report = pass, a report = fail, skip = not applicable */
  check(subject: S, ctx: RuleContext): void
}
