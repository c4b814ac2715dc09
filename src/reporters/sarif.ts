// SARIF 2.1.0 for GitHub code scanning: one run, every rule that ran, one result per finding with exactly one
// physical location on the offending field's line. What GitHub requires and ignores is in docs/sarif.md.
import {gzipSync} from 'node:zlib'

import {renderRuleDoc} from '../docs/rule-doc.js'
import type {Finding} from '../model/finding.js'
import type {AuditReport, RuleSummary} from '../model/report.js'
import type {Severity} from '../model/severity.js'
import type {RuleMeta} from '../sdk/types.js'
import type {RenderOptions, Reporter} from './types.js'

/** The final 2.1.0 schema (GitHub's validator rejects the pre-release rtm.x URLs). */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
/** The project's home, as in the report schema's `$id`. */
export const INFORMATION_URI = 'https://zt-audit.dev/'

/** GitHub code scanning's limits (docs: "SARIF support for code scanning", upload limits). */
export const GITHUB_LIMITS = {
  resultsPerRun: 25_000,
  /** above this GitHub keeps only the most severe results */
  resultsShown: 5_000,
  rulesPerRun: 25_000,
  tagsPerRule: 20,
  /** GitHub keeps the first ten tags of a rule */
  tagsShown: 10,
  descriptionChars: 1024,
  nameChars: 255,
  gzipBytes: 10 * 1024 * 1024,
} as const

export interface SarifOptions {
  /** replaces the category derived from the scan target in `automationDetails.id` (--sarif-category) */
  sarifCategory?: string
}

/** The rule's metadata as the report carries it; undefined for reports written before rules carried their docs. */
function metaOf(summary: RuleSummary): RuleMeta | undefined {
  if (!summary.doc) return undefined
  const controls: Record<string, string[]> = {}
  for (const c of summary.controls) (controls[c.framework] ??= []).push(c.id)
  return {id: summary.id, category: summary.category, severity: summary.severity, title: summary.title, controls, ...summary.doc}
}

type Level = 'error' | 'warning' | 'note'

const LEVELS: Record<Severity, Level> = {critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note'}

/** GitHub: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. Info has none: not a security result. */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: undefined}

// The part of SARIF 2.1.0 zt-audit writes.
export interface SarifRegion {
  startLine: number
  startColumn?: number
  endLine?: number
}

export interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: Level
  message: {text: string}
  locations: {physicalLocation: {artifactLocation: {uri: string}; region: SarifRegion}}[]
  partialFingerprints: Record<string, string>
  suppressions: {kind: 'external'; status: 'accepted'; justification: string; properties: {owner?: string; expires?: string}}[]
  properties: {severity: Severity; resource: string; syntheticLocation?: true}
}

export interface SarifRule {
  id: string
  name: string
  shortDescription: {text: string}
  fullDescription: {text: string}
  defaultConfiguration: {level: Level}
  help: {text: string; markdown: string}
  helpUri: string
  properties: {tags: string[]; precision: 'high'; 'security-severity'?: string; 'problem.severity'?: 'recommendation'; category: string; controls: string[]}
}

export interface SarifNotification {
  level: 'warning'
  message: {text: string}
}

export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: {
    tool: {driver: {name: string; semanticVersion: string; informationUri: string; rules: SarifRule[]}}
    automationDetails: {id: string}
    columnKind: 'utf16CodeUnits'
    invocations: {executionSuccessful: boolean; startTimeUtc: string; toolExecutionNotifications?: SarifNotification[]}[]
    results: SarifResult[]
    properties: {source: string; target: string; score: number; grade: string}
  }[]
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function pascal(words: string): string {
  return words
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('')
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 100) || 'default'
  )
}

/**
 * `automationDetails.id`: `<category>/`, so that GitHub files each scan target under its own category and
 * several uploads for one commit sit side by side. Derived from the source and target unless overridden.
 */
export function automationId(report: AuditReport, override?: string): string {
  const category = override?.trim().replace(/\/+$/, '') || `zt-audit/${report.scan.source}/${slug(report.scan.target)}`
  return `${category}/`
}

/** Each path segment percent-encoded; GitHub decodes the URI before looking the file up. */
function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/')
}

/** A path GitHub can resolve against the repository: relative, no scheme, not standard input. */
function isRepositoryPath(file: string): boolean {
  return file !== '' && !file.startsWith('<') && !file.startsWith('/') && !file.split('/')[0].includes(':')
}

/**
 * A stable, repository-relative stand-in for an object that has no file (a live-cluster scan, standard
 * input): `k8s/<namespace>/<Kind>/<name>.yaml`, `_cluster` for cluster-scoped objects (no namespace can be
 * named so), each segment percent-encoded.
 */
export function syntheticUri(resource: Finding['resource']): string {
  return ['k8s', resource.namespace ?? '_cluster', resource.kind, `${resource.name}.yaml`].map(encodeURIComponent).join('/')
}

/** The offending field's line as a one-line region, so pull-request annotations land on it. */
function locationOf(f: Finding): {uri: string; region: SarifRegion; synthetic: boolean} {
  if (f.location && isRepositoryPath(f.location.file)) {
    const startLine = Math.max(1, f.location.line)
    const region: SarifRegion = {startLine}
    if (f.location.column !== undefined && f.location.column >= 1) region.startColumn = f.location.column
    region.endLine = startLine
    return {uri: encodePath(f.location.file), region, synthetic: false}
  }
  return {uri: syntheticUri(f.resource), region: {startLine: 1}, synthetic: true}
}

function resourceName(r: Finding['resource']): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`
}

/** One line whose first sentence names the resource, since GitHub may show only that sentence. */
function messageOf(f: Finding): string {
  const text = oneLine(f.message)
  const first = text.split(/(?<=\.)\s/)[0]
  return first.includes(f.resource.name) ? text : `${resourceName(f.resource)}: ${text}`
}

/** `security`, the category, then control ids taken from each framework in turn, so the ten tags GitHub keeps span every framework. */
function tagsOf(summary: RuleSummary, meta: RuleMeta | undefined): string[] {
  const byFramework = new Map<string, string[]>()
  for (const c of summary.controls) byFramework.set(c.framework, [...(byFramework.get(c.framework) ?? []), `${c.framework}/${c.id}`])
  const controls: string[] = []
  const lists = [...byFramework.values()]
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) controls.push(l[i])
  const security = SECURITY_SEVERITY[summary.severity] === undefined ? [] : ['security']
  const tags = [...security, summary.category, ...controls, 'kubernetes', 'zero-trust', ...(meta?.tags ?? [])]
  return [...new Set(tags)].slice(0, GITHUB_LIMITS.tagsPerRule)
}

function helpUri(id: string, meta: RuleMeta | undefined): string {
  return meta?.helpUri ?? `${INFORMATION_URI}rules/${id}`
}

/** The help GitHub shows: the rule's documentation page, or what the report knows when the rules are not at hand. */
function helpOf(summary: RuleSummary, meta: RuleMeta | undefined, report: AuditReport): {text: string; markdown: string} {
  const uri = helpUri(summary.id, meta)
  let doc: string
  if (meta) {
    doc = renderRuleDoc(meta)
  } else {
    const remediation = report.findings.find((f) => f.ruleId === summary.id)?.remediation
    const controls = summary.controls.map((c) => `- ${c.framework}: ${c.id}`)
    doc = [`# ${summary.id}: ${summary.title}`, '', `Category \`${summary.category}\`, severity ${summary.severity}.`, ...(remediation ? ['', '## How to fix it', '', remediation] : []), ...(controls.length ? ['', '## Controls', '', ...controls] : []), ''].join('\n')
  }
  // GitHub does not display helpUri, so the link goes into the help itself
  const markdown = doc.includes(uri) ? doc : `${doc.trimEnd()}\n\nMore: ${uri}\n`
  return {text: markdown, markdown}
}

function ruleDescriptor(summary: RuleSummary, meta: RuleMeta | undefined, report: AuditReport): SarifRule {
  const securitySeverity = SECURITY_SEVERITY[summary.severity]
  const full = meta ? oneLine(meta.description.split(/\n\s*\n/)[0]) : summary.title
  return {
    id: summary.id,
    name: clip(pascal(meta?.slug ?? summary.title), GITHUB_LIMITS.nameChars),
    shortDescription: {text: clip(oneLine(summary.title), GITHUB_LIMITS.descriptionChars)},
    fullDescription: {text: clip(full, GITHUB_LIMITS.descriptionChars)},
    defaultConfiguration: {level: LEVELS[summary.severity]},
    help: helpOf(summary, meta, report),
    helpUri: helpUri(summary.id, meta),
    properties: {
      tags: tagsOf(summary, meta),
      precision: 'high',
      ...(securitySeverity === undefined ? {'problem.severity': 'recommendation'} : {'security-severity': securitySeverity}),
      category: summary.category,
      controls: summary.controls.map((c) => `${c.framework}/${c.id}`),
    },
  }
}

function resultOf(f: Finding, ruleIndex: number): SarifResult {
  const {uri, region, synthetic} = locationOf(f)
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVELS[f.severity],
    message: {text: messageOf(f)},
    locations: [{physicalLocation: {artifactLocation: {uri}, region}}],
    // upload-sarif hashes the line of a real file itself; a synthetic path has no file, so it gets one here
    partialFingerprints: {'ztAuditFingerprint/v1': f.fingerprint, ...(synthetic ? {primaryLocationLineHash: `${f.fingerprint.slice(0, 16)}:1`} : {})},
    // SARIF wants suppressions on every result of a run or on none
    suppressions: f.suppressed
      ? [{kind: 'external', status: 'accepted', justification: f.suppressed.reason, properties: {...(f.suppressed.owner ? {owner: f.suppressed.owner} : {}), ...(f.suppressed.expires ? {expires: f.suppressed.expires} : {})}}]
      : [],
    properties: {severity: f.severity, resource: resourceName(f.resource), ...(synthetic ? {syntheticLocation: true} : {})},
  }
}

/** Findings in the order GitHub should keep them when there are too many: open ones by severity, then suppressed ones. */
function ordered(findings: readonly Finding[]): Finding[] {
  return [...findings.filter((f) => !f.suppressed), ...findings.filter((f) => f.suppressed)]
}

/** Problems with GitHub's limits this report would run into, as sentences for the console and the SARIF run. */
export function sarifWarnings(report: AuditReport): string[] {
  const warnings: string[] = []
  const total = report.findings.length
  if (total > GITHUB_LIMITS.resultsPerRun) {
    warnings.push(`${total} results exceed GitHub's limit of ${GITHUB_LIMITS.resultsPerRun} per SARIF run: the SARIF keeps the ${GITHUB_LIMITS.resultsPerRun} most severe and leaves out ${total - GITHUB_LIMITS.resultsPerRun} (the JSON report has them all).`)
  } else if (total > GITHUB_LIMITS.resultsShown) {
    warnings.push(`${total} results: GitHub code scanning shows only the ${GITHUB_LIMITS.resultsShown} most severe of a run.`)
  }
  if (report.rules.length > GITHUB_LIMITS.rulesPerRun) warnings.push(`${report.rules.length} rules exceed GitHub's limit of ${GITHUB_LIMITS.rulesPerRun} per SARIF run.`)
  return warnings
}

function buildLog(report: AuditReport, options: SarifOptions, notices: readonly string[]): SarifLog {
  const summaries = [...report.rules]
  const known = new Set(summaries.map((s) => s.id))
  for (const f of report.findings) {
    if (known.has(f.ruleId)) continue
    known.add(f.ruleId)
    summaries.push({id: f.ruleId, category: f.category, severity: f.severity, title: f.title, controls: f.controls})
  }
  summaries.sort((a, b) => a.id.localeCompare(b.id))
  const index = new Map(summaries.map((s, i) => [s.id, i]))
  const results = ordered(report.findings)
    .slice(0, GITHUB_LIMITS.resultsPerRun)
    .map((f) => resultOf(f, index.get(f.ruleId) as number))
  const notifications: SarifNotification[] = notices.map((text) => ({level: 'warning', message: {text}}))
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {driver: {name: 'zt-audit', semanticVersion: report.tool.version, informationUri: INFORMATION_URI, rules: summaries.map((s) => ruleDescriptor(s, metaOf(s), report))}},
        automationDetails: {id: automationId(report, options.sarifCategory)},
        columnKind: 'utf16CodeUnits',
        invocations: [{executionSuccessful: true, startTimeUtc: report.scan.startedAt, ...(notifications.length ? {toolExecutionNotifications: notifications} : {})}],
        results,
        properties: {source: report.scan.source, target: report.scan.target, score: report.score.value, grade: report.score.grade},
      },
    ],
  }
}

// the warnings of the last rendering of each report, so the command can print them without rendering twice
const rendered = new WeakMap<AuditReport, string[]>()

/** The SARIF text, with any limit GitHub would enforce reported inside the run as a warning notification. */
export function renderSarif(report: AuditReport, options: SarifOptions = {}): {text: string; warnings: string[]} {
  const warnings = sarifWarnings(report)
  let text = `${JSON.stringify(buildLog(report, options, warnings), null, 2)}\n`
  const size = gzipSync(text).length
  if (size > GITHUB_LIMITS.gzipBytes) {
    warnings.push(`the SARIF file is ${(size / 1024 / 1024).toFixed(1)} MB gzip-compressed, over GitHub's upload limit of 10 MB; scan fewer namespaces or paths per upload.`)
    text = `${JSON.stringify(buildLog(report, options, warnings), null, 2)}\n`
  }
  rendered.set(report, warnings)
  return {text, warnings}
}

/** The warnings of the SARIF rendered for this report, or those the report alone predicts when none was rendered. */
export function renderedSarifWarnings(report: AuditReport): string[] {
  return rendered.get(report) ?? sarifWarnings(report)
}

export const sarifReporter: Reporter = {
  format: 'sarif',
  fileName: 'zt-audit.sarif',
  render: (report: AuditReport, options: RenderOptions & SarifOptions) => renderSarif(report, options).text,
}
