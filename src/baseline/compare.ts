import type {Finding, FindingSummary} from '../model/finding.js'
import type {AuditReport} from '../model/report.js'
import {type Severity, severityRank} from '../model/severity.js'

export interface SeverityChange {
  finding: FindingSummary
  from: Severity
  to: Severity
}

/** What changed between two reports, matched by fingerprint (rule, resource and cause; never lines). */
export interface ReportDiff {
  added: FindingSummary[]
  fixed: FindingSummary[]
  unchanged: number
  severityChanged: SeverityChange[]
  score: {before: number; after: number; delta: number}
}

export function summarize(finding: Finding): FindingSummary {
  const {resource} = finding
  return {
    fingerprint: finding.fingerprint,
    ruleId: finding.ruleId,
    severity: finding.severity,
    resource: [resource.kind, resource.namespace, resource.name].filter(Boolean).join('/'),
    message: finding.message,
  }
}

/** Suppressed findings are accepted risk: they count as neither new nor fixed. */
const open = (report: AuditReport): Finding[] => report.findings.filter((f) => !f.suppressed)

const bySeverity = (a: FindingSummary, b: FindingSummary): number =>
  severityRank(a.severity) - severityRank(b.severity) || a.ruleId.localeCompare(b.ruleId) || a.resource.localeCompare(b.resource) || a.fingerprint.localeCompare(b.fingerprint)

/**
 * Marks each finding of `report` new or existing against `baseline` and records what the baseline had that
 * this scan no longer has.
 */
export function compareWithBaseline(report: AuditReport, baseline: AuditReport, file: string): void {
  const known = new Set(baseline.findings.map((f) => f.fingerprint))
  let fresh = 0
  for (const finding of report.findings) {
    finding.baseline = known.has(finding.fingerprint) ? 'existing' : 'new'
    if (finding.baseline === 'new') fresh++
  }
  report.baseline = {file, new: fresh, existing: report.findings.length - fresh, fixed: diffReports(baseline, report).fixed}
}

export function diffReports(before: AuditReport, after: AuditReport): ReportDiff {
  const old = new Map(open(before).map((f) => [f.fingerprint, f]))
  const now = new Map(open(after).map((f) => [f.fingerprint, f]))
  const added: FindingSummary[] = []
  const severityChanged: SeverityChange[] = []
  let unchanged = 0
  for (const [fingerprint, finding] of now) {
    const previous = old.get(fingerprint)
    if (!previous) added.push(summarize(finding))
    else if (previous.severity !== finding.severity) severityChanged.push({finding: summarize(finding), from: previous.severity, to: finding.severity})
    else unchanged++
  }
  const fixed = [...old.values()].filter((f) => !now.has(f.fingerprint)).map(summarize)
  const delta = Math.round((after.score.value - before.score.value) * 10) / 10
  return {
    added: added.sort(bySeverity),
    fixed: fixed.sort(bySeverity),
    unchanged,
    severityChanged: severityChanged.sort((a, b) => bySeverity(a.finding, b.finding)),
    score: {before: before.score.value, after: after.score.value, delta},
  }
}
