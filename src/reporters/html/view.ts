import type {Finding} from '../../model/finding.js'
import type {AuditReport} from '../../model/report.js'
import {SEVERITIES, type Severity, severityRank} from '../../model/severity.js'
import {grade} from '../../scoring/score.js'
import {Anchors} from './anchors.js'
import {type EvidenceEntry, evidenceEntries} from './evidence.js'
import {frameworksOf, namespaceScoresOf} from './extras.js'
import {duration, locationLabel, namespaceOf, resourceLabel, scoreText, utcTime, visible} from './text.js'

/**
 * What the HTML and PDF reports show, derived once from the AuditReport: grouped, counted, labelled and
 * with invisible characters made visible. Plain data; escaping is the renderer's job.
 */
export type Grade = AuditReport['score']['grade']
export type Band = 'good' | 'fair' | 'poor'

export interface ScoreRow {
  name: string
  value: number
  valueText: string
  grade: Grade
  band: Band
}

export interface CountRow {
  key: string
  label: string
  count: number
  /** of the largest count in the chart, 0..1 */
  share: number
}

export interface CoverageView {
  kind: string
  apiVersion: string
  count: string
  status: string
  message: string
  /** the kind could not be read: checks that need it were not assessed */
  gap: boolean
}

export interface ControlChip {
  framework: string
  id: string
  label: string
  /** the control's row in the matrix, when the report has one */
  anchor: string
}

export interface SuppressionView {
  reason: string
  owner: string
  expires: string
}

export interface FindingView {
  anchor: string
  fingerprint: string
  severity: Severity
  severityRank: number
  ruleId: string
  title: string
  category: string
  resource: string
  namespace: string
  location: string
  message: string
  remediation: string
  evidence: EvidenceEntry[]
  controls: ControlChip[]
  suppressed: SuppressionView | null
}

export interface RuleGroup {
  ruleId: string
  title: string
  severity: Severity
  anchor: string
  count: number
  findings: FindingView[]
}

export interface CategoryGroup {
  category: string
  anchor: string
  count: number
  score: ScoreRow | null
  rules: RuleGroup[]
}

export interface ControlView {
  id: string
  title: string
  status: 'pass' | 'fail' | 'not-assessed'
  statusLabel: string
  /** why it was not assessed, or that it is assessed by hand */
  note: string
  findings: number | null
  anchor: string
  rules: {id: string; anchor: string}[]
}

export interface FrameworkView {
  id: string
  name: string
  version: string
  compliance: string
  anchor: string
  counts: {pass: number; fail: number; notAssessed: number}
  controls: ControlView[]
}

export interface RuleView {
  id: string
  title: string
  category: string
  severity: Severity | ''
  pass: number
  fail: number
  skip: number
  error: number
  findings: number
  anchor: string
  /** where its findings are, else its own row */
  target: string
}

export interface ExceptionView {
  rule: string
  resource: string
  reason: string
  owner: string
  expires: string
  status: string
  matched: number
  expired: boolean
}

export interface ProblemView {
  where: string
  message: string
}

export interface ReportView {
  tool: {name: string; version: string}
  scan: {
    source: string
    target: string
    startedAt: string
    startedAtIso: string
    duration: string
    objectsScanned: number
    rulesRun: number
    namespacesScanned: string[]
    namespacesSkipped: string[]
    skippedDocuments: number
    /** the data the rules judged by: the mesh version data's date and the framework catalogs' versions */
    data: {versionsAsOf?: string; versionsStale: boolean; versionsAgeDays?: number; frameworks: string}
  }
  score: ScoreRow
  categoryScores: ScoreRow[]
  namespaceScores: ScoreRow[]
  severities: CountRow[]
  categories: CountRow[]
  totals: {open: number; suppressed: number}
  coverage: CoverageView[]
  gaps: CoverageView[]
  /** kinds the cluster does not serve: nothing of them to check */
  absent: CoverageView[]
  errors: ProblemView[]
  errorsNotShown: number
  ruleErrors: {ruleId: string; count: number; examples: string[]}[]
  frameworks: FrameworkView[]
  rules: RuleView[]
  groups: CategoryGroup[]
  suppressed: FindingView[]
  exceptions: ExceptionView[]
  expiredExceptions: number
  filters: {severities: string[]; namespaces: string[]; rules: string[]}
}

/** Input problems beyond this many are counted, not listed: the JSON report has them all. */
export const ERRORS_SHOWN = 500

const STATUS_LABELS = {pass: 'pass', fail: 'fail', 'not-assessed': 'not assessed'} as const

function band(g: Grade): Band {
  return g === 'A' || g === 'B' ? 'good' : g === 'C' || g === 'D' ? 'fair' : 'poor'
}

function scoreRow(name: string, value: number, given?: Grade): ScoreRow {
  const g = given ?? grade(value)
  return {name: visible(name), value, valueText: scoreText(value), grade: g, band: band(g)}
}

function countRows(entries: [string, number][], label: (key: string) => string): CountRow[] {
  const max = Math.max(0, ...entries.map(([, n]) => n))
  return entries.map(([key, count]) => ({key: visible(key), label: label(key), count, share: max === 0 ? 0 : count / max}))
}

function controlKey(framework: string, id: string): string {
  return `${framework}\u0000${id}`
}

function findingView(f: Finding, index: number, controlAnchors: Map<string, string>): FindingView {
  return {
    anchor: `finding-${index + 1}`,
    fingerprint: visible(f.fingerprint),
    severity: f.severity,
    severityRank: severityRank(f.severity),
    ruleId: visible(f.ruleId),
    title: visible(f.title),
    category: visible(f.category),
    resource: resourceLabel(f.resource),
    namespace: visible(namespaceOf(f)),
    location: locationLabel(f),
    message: visible(f.message),
    remediation: visible(f.remediation ?? ''),
    evidence: evidenceEntries(f.evidence),
    controls: (f.controls ?? []).map((c) => ({
      framework: visible(c.framework),
      id: visible(c.id),
      label: visible(`${c.framework} ${c.id}`),
      anchor: controlAnchors.get(controlKey(c.framework, c.id)) ?? '',
    })),
    suppressed: f.suppressed ? {reason: visible(f.suppressed.reason), owner: visible(f.suppressed.owner ?? ''), expires: visible(f.suppressed.expires ?? '')} : null,
  }
}

/** Open findings by category, then rule, in the order the report sorted them (worst first). */
function groupFindings(findings: FindingView[], anchors: Anchors, categoryScores: Map<string, ScoreRow>): CategoryGroup[] {
  const groups = new Map<string, CategoryGroup>()
  for (const f of findings) {
    let group = groups.get(f.category)
    if (!group) {
      group = {category: f.category, anchor: anchors.id('category', f.category), count: 0, score: categoryScores.get(f.category) ?? null, rules: []}
      groups.set(f.category, group)
    }
    let rule = group.rules.find((r) => r.ruleId === f.ruleId)
    if (!rule) {
      rule = {ruleId: f.ruleId, title: f.title, severity: f.severity, anchor: anchors.id('findings', f.ruleId), count: 0, findings: []}
      group.rules.push(rule)
    }
    rule.findings.push(f)
    rule.count++
    group.count++
  }
  return [...groups.values()]
}

function ruleViews(report: AuditReport, open: Finding[], anchors: Anchors, groups: CategoryGroup[]): RuleView[] {
  const ids = [...new Set([...report.rules.map((r) => r.id), ...report.checks.map((c) => c.ruleId), ...report.findings.map((f) => f.ruleId)])]
  const findingTargets = new Map(groups.flatMap((g) => g.rules.map((r) => [r.ruleId, r.anchor] as const)))
  return ids.sort().map((id) => {
    const meta = report.rules.find((r) => r.id === id)
    const tally = report.checks.find((c) => c.ruleId === id)
    const sample = report.findings.find((f) => f.ruleId === id)
    const anchor = anchors.id('rule', id)
    return {
      id: visible(id),
      title: visible(meta?.title ?? sample?.title ?? ''),
      category: visible(meta?.category ?? sample?.category ?? ''),
      severity: meta?.severity ?? '',
      pass: tally?.pass ?? 0,
      fail: tally?.fail ?? 0,
      skip: tally?.skip ?? 0,
      error: tally?.error ?? 0,
      findings: open.filter((f) => f.ruleId === id).length,
      anchor,
      target: findingTargets.get(visible(id)) ?? anchor,
    }
  })
}

function frameworkViews(report: AuditReport, anchors: Anchors, rules: RuleView[]): FrameworkView[] {
  const ruleTargets = new Map(rules.map((r) => [r.id, r.target]))
  return frameworksOf(report).map((fw) => {
    const controls = fw.controls.map((c) => ({
      id: visible(c.id),
      title: visible(c.title),
      status: c.status,
      statusLabel: STATUS_LABELS[c.status],
      note: visible(c.reason ?? (c.assessment === 'manual' ? 'assessed manually' : '')),
      findings: typeof c.findings === 'number' ? c.findings : null,
      anchor: anchors.id(`control-${fw.id}`, c.id),
      rules: (c.rules ?? []).map((id) => ({id: visible(id), anchor: ruleTargets.get(visible(id)) ?? ''})),
    }))
    const count = (s: string): number => controls.filter((c) => c.status === s).length
    return {
      id: visible(fw.id),
      name: visible(fw.name),
      // catalogs whose name already says the version need it only once
      version: fw.version && !fw.name.includes(fw.version) ? visible(fw.version) : '',
      compliance: typeof fw.compliance === 'number' ? scoreText(fw.compliance) : '',
      anchor: anchors.id('framework', fw.id),
      counts: {pass: count('pass'), fail: count('fail'), notAssessed: count('not-assessed')},
      controls,
    }
  })
}

export function buildView(report: AuditReport): ReportView {
  const anchors = new Anchors()
  const {scan, summary, score} = report
  const categoryScores = Object.entries(score.byCategory ?? {}).map(([name, value]) => scoreRow(name, value))
  const categoryScoreMap = new Map(categoryScores.map((row) => [row.name, row]))

  // control anchors first, so that findings can link to their rows in the matrix
  const frameworks = frameworksOf(report)
  const controlAnchors = new Map(frameworks.flatMap((fw) => fw.controls.map((c) => [controlKey(fw.id, c.id), anchors.id(`control-${fw.id}`, c.id)] as const)))
  const views = report.findings.map((f, i) => findingView(f, i, controlAnchors))
  const openViews = views.filter((v) => !v.suppressed)
  const open = report.findings.filter((f) => !f.suppressed)
  const groups = groupFindings(openViews, anchors, categoryScoreMap)
  const rules = ruleViews(report, open, anchors, groups)

  const coverage: CoverageView[] = scan.coverage.map((row) => ({
    kind: visible(row.kind),
    apiVersion: visible(row.apiVersion ?? ''),
    count: row.count === undefined ? '' : String(row.count),
    status: row.status,
    message: visible(row.message ?? ''),
    gap: row.status === 'forbidden' || row.status === 'error',
  }))
  const exceptions = report.exceptions.map((e) => ({
    rule: visible(e.rule),
    resource: visible(e.resource),
    reason: visible(e.reason),
    owner: visible(e.owner ?? ''),
    expires: visible(e.expires ?? ''),
    status: e.status,
    matched: e.matched,
    expired: e.status === 'expired',
  }))

  return {
    tool: {name: visible(report.tool.name), version: visible(report.tool.version)},
    scan: {
      source: scan.source === 'cluster' ? 'live cluster' : 'manifests',
      target: visible(scan.target),
      startedAt: scan.startedAt ? utcTime(scan.startedAt) : '',
      startedAtIso: visible(scan.startedAt ?? ''),
      duration: duration(scan.durationMs),
      objectsScanned: scan.objectsScanned,
      rulesRun: scan.rules.length,
      namespacesScanned: scan.namespaces.scanned.map(visible),
      namespacesSkipped: scan.namespaces.skipped.map(visible),
      skippedDocuments: scan.skippedDocuments,
      data: {
        ...(scan.versionData ? {versionsAsOf: visible(scan.versionData.asOf), versionsAgeDays: scan.versionData.ageDays} : {}),
        versionsStale: Boolean(scan.versionData?.stale),
        frameworks: (report.frameworks ?? []).map((f) => visible(`${f.id} ${f.version}`)).join(', '),
      },
    },
    score: scoreRow('overall', score.value, score.grade),
    categoryScores,
    namespaceScores: namespaceScoresOf(report).map(([name, value]) => scoreRow(name, value)),
    severities: countRows(SEVERITIES.map((s) => [s, summary.bySeverity[s] ?? 0]), (s) => s),
    categories: countRows(Object.entries(summary.byCategory), visible),
    totals: {open: open.length, suppressed: report.findings.length - open.length},
    coverage,
    gaps: coverage.filter((row) => row.gap),
    absent: coverage.filter((row) => row.status === 'absent'),
    errors: report.errors.slice(0, ERRORS_SHOWN).map((e) => ({where: visible(`${e.file ?? ''}${e.line ? `:${e.line}` : ''}`), message: visible(e.message)})),
    errorsNotShown: Math.max(0, report.errors.length - ERRORS_SHOWN),
    ruleErrors: report.checks.filter((c) => c.error > 0).map((c) => ({ruleId: visible(c.ruleId), count: c.error, examples: (c.errors ?? []).map(visible)})),
    frameworks: frameworkViews(report, anchors, rules),
    rules,
    groups,
    suppressed: views.filter((v) => v.suppressed),
    exceptions,
    expiredExceptions: exceptions.filter((e) => e.expired).length,
    filters: {
      severities: SEVERITIES.filter((s) => openViews.some((f) => f.severity === s)),
      namespaces: [...new Set(openViews.map((f) => f.namespace))].sort(),
      rules: [...new Set(openViews.map((f) => f.ruleId))].sort(),
    },
  }
}
