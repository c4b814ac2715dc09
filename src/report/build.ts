import type {Catalog} from '../compliance/catalog.js'
import {loadCatalogs} from '../compliance/load.js'
import {frameworksStatus} from '../compliance/status.js'
import type {LoadedRule} from '../engine/loader.js'
import {controlsOf, type RunOutcome} from '../engine/runner.js'
import type {Finding} from '../model/finding.js'
import type {CoverageRow, SourceResult} from '../model/input.js'
import type {AuditReport, ExceptionStatus} from '../model/report.js'
import {SEVERITIES, type Severity, severityRank} from '../model/severity.js'
import {computeScore} from '../scoring/score.js'

export interface ReportParts {
  version: string
  source: SourceResult
  rules: readonly LoadedRule[]
  outcome: RunOutcome
  exceptions: ExceptionStatus[]
  namespaces: {scanned: string[]; skipped: string[]}
  startedAt: Date
  /** omitted when the clock is fixed, so that the same input gives byte-identical output */
  durationMs?: number
  /** the mesh version data the version rules read, and how old it is */
  versionData?: NonNullable<AuditReport['scan']['versionData']>
  /** the framework catalogs to report on; the built-in ones by default */
  catalogs?: readonly Catalog[]
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    a.category.localeCompare(b.category) ||
    a.ruleId.localeCompare(b.ruleId) ||
    (a.resource.namespace ?? '').localeCompare(b.resource.namespace ?? '') ||
    a.resource.kind.localeCompare(b.resource.kind) ||
    a.resource.name.localeCompare(b.resource.name) ||
    (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    a.fingerprint.localeCompare(b.fingerprint)
  )
}

/** Manifest scans read every kind there is; the coverage rows say how many objects of each kind the rules saw. */
function coverageFor(source: SourceResult, rules: readonly LoadedRule[]): CoverageRow[] {
  if (source.coverage.length > 0) return source.coverage
  const counts = new Map<string, number>()
  for (const r of source.resources) counts.set(r.ref.kind, (counts.get(r.ref.kind) ?? 0) + 1)
  const needed = [...new Set(rules.flatMap(({rule}) => rule.meta.reads))].sort()
  return needed.map((kind) => ({kind, count: counts.get(kind) ?? 0, status: 'ok' as const}))
}

/** Assembles the AuditReport: the one structure every reporter renders. */
export function buildReport(parts: ReportParts): AuditReport {
  const {outcome, rules} = parts
  const ran = new Set(outcome.tallies.map((t) => t.ruleId))
  const ranRules = rules.filter(({rule}) => ran.has(rule.meta.id))
  const findings = [...outcome.findings].sort(compareFindings)
  const live = findings.filter((f) => !f.suppressed)

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  const byCategory: Record<string, number> = {}
  for (const category of [...new Set(ranRules.map(({rule}) => rule.meta.category))].sort()) byCategory[category] = 0
  for (const f of live) {
    bySeverity[f.severity]++
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1
  }

  const ruleInfo = new Map(ranRules.map(({rule}) => [rule.meta.id, {category: rule.meta.category, severity: rule.meta.severity}]))
  const coverage = coverageFor(parts.source, ranRules)
  const checks = [...outcome.tallies].sort((a, b) => a.ruleId.localeCompare(b.ruleId))
  const frameworks = frameworksStatus(parts.catalogs ?? loadCatalogs(), {rules: rules.map(({rule}) => rule.meta), ran, checks, findings, coverage})
  return {
    schemaVersion: '1',
    tool: {name: 'zt-audit', version: parts.version},
    scan: {
      source: parts.source.source,
      target: parts.source.target,
      startedAt: parts.startedAt.toISOString(),
      ...(parts.durationMs === undefined ? {} : {durationMs: parts.durationMs}),
      objectsScanned: parts.source.resources.length,
      rules: [...ran].sort(),
      coverage,
      skippedDocuments: parts.source.skippedDocuments.length,
      namespaces: parts.namespaces,
      ...(parts.versionData ? {versionData: parts.versionData} : {}),
    },
    score: computeScore(outcome.results, findings, ruleInfo),
    summary: {bySeverity, byCategory, suppressed: findings.length - live.length},
    rules: ranRules.map(({rule: {meta}, rule}) => ({
      id: meta.id,
      category: meta.category,
      severity: meta.severity,
      title: meta.title,
      controls: controlsOf(rule),
      doc: {
        slug: meta.slug,
        target: meta.target,
        reads: meta.reads,
        description: meta.description,
        remediation: meta.remediation,
        ...(meta.severityNotes ? {severityNotes: meta.severityNotes} : {}),
        ...(meta.example ? {example: meta.example} : {}),
        ...(meta.helpUri ? {helpUri: meta.helpUri} : {}),
        ...(meta.tags ? {tags: meta.tags} : {}),
      },
    })),
    frameworks,
    checks,
    findings,
    exceptions: parts.exceptions,
    errors: parts.source.errors,
  }
}
