import path from 'node:path'

import {readReport} from '../baseline/read.js'
import {UserError} from '../errors.js'
import type {Finding} from '../model/finding.js'
import type {AuditReport} from '../model/report.js'
import {isSeverity, SEVERITIES} from '../model/severity.js'
import {writeReports} from '../reporters/index.js'
import {isRecord} from '../util/guards.js'

export interface RerenderRequest {
  file: string
  formats: readonly string[]
  outputDir: string
}

export interface RerenderOutcome {
  report: AuditReport
  written: string[]
}

const GRADES = ['A', 'B', 'C', 'D', 'E', 'F']
const COVERAGE = ['ok', 'absent', 'forbidden', 'error']
const EXCEPTION_STATUS = ['active', 'expired', 'unused', 'invalid']

const isString = (v: unknown): v is string => typeof v === 'string'
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const optional = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || check(v)

/** The first thing wrong with an array's items, named by its path, e.g. `findings[3].severity`. */
function eachItem(list: unknown, name: string, check: (item: Record<string, unknown>) => string | undefined): string | undefined {
  if (list === undefined) return undefined
  if (!Array.isArray(list)) return `${name} is not a list`
  for (const [i, item] of list.entries()) {
    if (!isRecord(item)) return `${name}[${i}] is not an object`
    const problem = check(item)
    if (problem) return `${name}[${i}].${problem}`
  }
  return undefined
}

function findingProblem(f: Record<string, unknown>): string | undefined {
  for (const key of ['fingerprint', 'ruleId', 'category', 'title', 'message'] as const) if (!isString(f[key])) return `${key} is not a string`
  if (!isSeverity(f.severity)) return `severity is ${JSON.stringify(f.severity)}, not one of ${SEVERITIES.join(', ')}`
  const r = f.resource
  if (!isRecord(r) || !isString(r.kind) || !isString(r.name) || !optional(r.namespace, isString)) return 'resource needs a kind and a name'
  const at = f.location
  if (at !== undefined && (!isRecord(at) || !isString(at.file) || !isNumber(at.line))) return 'location needs a file and a line'
  if (!optional(f.remediation, isString)) return 'remediation is not a string'
  if (!optional(f.evidence, isRecord)) return 'evidence is not an object'
  if (f.suppressed !== undefined && (!isRecord(f.suppressed) || !isString(f.suppressed.reason))) return 'suppressed needs a reason'
  return eachItem(f.controls, 'controls', (c) => (isString(c.framework) && isString(c.id) ? undefined : 'needs a framework and an id'))
}

/** What the reporters read, checked, so that a damaged or hand-edited file fails here with its path named. */
function reportProblem(r: Record<string, unknown>): string | undefined {
  const {scan, score, summary} = r
  if (!isRecord(scan)) return 'scan is missing'
  if (scan.source !== 'manifests' && scan.source !== 'cluster') return 'scan.source is neither manifests nor cluster'
  if (!isString(scan.target)) return 'scan.target is not a string'
  if (!isNumber(scan.objectsScanned)) return 'scan.objectsScanned is not a number'
  if (!optional(scan.startedAt, isString)) return 'scan.startedAt is not a string'
  const coverage = eachItem(scan.coverage, 'scan.coverage', (c) => (isString(c.kind) && COVERAGE.includes(c.status as string) ? undefined : 'needs a kind and a status'))
  if (coverage) return coverage
  if (!isRecord(score) || !isNumber(score.value) || !GRADES.includes(score.grade as string)) return 'score needs a value and a grade from A to F'
  if (!isRecord(summary) || !isRecord(summary.bySeverity) || !isRecord(summary.byCategory)) return 'summary needs bySeverity and byCategory'
  return (
    eachItem(r.findings, 'findings', findingProblem) ??
    eachItem(r.rules, 'rules', (x) => (isString(x.id) && isString(x.title) ? undefined : 'needs an id and a title')) ??
    eachItem(r.checks, 'checks', (x) => (isString(x.ruleId) && ['pass', 'fail', 'skip', 'error'].every((k) => isNumber(x[k])) ? undefined : 'needs a ruleId and pass/fail/skip/error counts')) ??
    eachItem(r.exceptions, 'exceptions', (x) =>
      isString(x.rule) && isString(x.resource) && isString(x.reason) && EXCEPTION_STATUS.includes(x.status as string) ? undefined : 'needs a rule, a resource, a reason and a status',
    ) ??
    eachItem(r.errors, 'errors', (x) => (isString(x.message) ? undefined : 'message is not a string'))
  )
}

/** Fills in what the contract leaves optional, so every reporter can rely on it. */
function complete(r: AuditReport): AuditReport {
  const scan = r.scan as Partial<AuditReport['scan']> & Pick<AuditReport['scan'], 'source' | 'target' | 'objectsScanned'>
  const findings: Finding[] = r.findings.map((f) => ({...f, controls: f.controls ?? [], remediation: f.remediation ?? ''}))
  return {
    ...r,
    scan: {
      ...scan,
      startedAt: scan.startedAt ?? '',
      rules: scan.rules ?? [],
      coverage: scan.coverage ?? [],
      skippedDocuments: scan.skippedDocuments ?? 0,
      namespaces: {scanned: scan.namespaces?.scanned ?? [], skipped: scan.namespaces?.skipped ?? []},
    },
    score: {...r.score, byCategory: r.score.byCategory ?? {}},
    summary: {
      bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, r.summary.bySeverity[s] ?? 0])) as AuditReport['summary']['bySeverity'],
      byCategory: r.summary.byCategory,
      suppressed: r.summary.suppressed ?? findings.filter((f) => f.suppressed).length,
    },
    rules: r.rules ?? [],
    checks: r.checks ?? [],
    findings,
    exceptions: r.exceptions ?? [],
    errors: r.errors ?? [],
  }
}

/** A saved JSON report, checked and completed; a UserError names the file and what is wrong with it. */
export function loadSavedReport(file: string): AuditReport {
  const report = readReport(file)
  const problem = reportProblem(report as unknown as Record<string, unknown>)
  if (problem) throw new UserError(`${file} is not a usable zt-audit report: ${problem}`)
  return complete(report)
}

/** Renders a saved report again in other formats, without scanning. */
export async function rerender(request: RerenderRequest): Promise<RerenderOutcome> {
  const report = loadSavedReport(request.file)
  if (request.formats.includes('json') && path.resolve(request.outputDir, 'zt-audit.json') === path.resolve(request.file)) {
    throw new UserError(`writing the json format to ${request.outputDir} would overwrite ${request.file} itself; pass another --output-dir`)
  }
  const written = await writeReports(report, request.formats, request.outputDir)
  return {report, written}
}
