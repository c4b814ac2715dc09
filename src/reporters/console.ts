import type {Finding} from '../model/finding.js'
import type {AuditReport} from '../model/report.js'
import {SEVERITIES, type Severity} from '../model/severity.js'
import type {Reporter} from './types.js'

const TOP = 10

const COLORS: Record<Severity | 'bold' | 'dim', string> = {
  critical: '\u001B[1;35m',
  high: '\u001B[1;31m',
  medium: '\u001B[33m',
  low: '\u001B[36m',
  info: '\u001B[2m',
  bold: '\u001B[1m',
  dim: '\u001B[2m',
}
const RESET = '\u001B[0m'

function resourceName(f: Finding): string {
  return [f.resource.kind, f.resource.namespace, f.resource.name].filter(Boolean).join('/')
}

/** A summary for people at a terminal: counts, the worst findings with file:line, and what was not read. */
export const consoleReporter: Reporter = {
  format: 'console',
  render(report: AuditReport, {color}) {
    const paint = (style: keyof typeof COLORS, text: string): string => (color ? `${COLORS[style]}${text}${RESET}` : text)
    const lines: string[] = []
    const {scan, summary, score} = report
    lines.push(paint('bold', `zt-audit ${report.tool.version}`) + ` scanned ${scan.objectsScanned} objects from ${scan.target}`)
    const skipped = scan.namespaces.skipped.length ? ` (skipped: ${scan.namespaces.skipped.join(', ')})` : ''
    lines.push(`${scan.namespaces.scanned.length} namespaces checked${skipped}, ${scan.rules.length} rules`)
    lines.push('')
    lines.push(`Score ${paint('bold', `${score.value} (${score.grade})`)}`)
    const severityCounts = SEVERITIES.map((s) => `${paint(s, s)} ${summary.bySeverity[s] ?? 0}`).join('  ')
    const suppressed = summary.suppressed ? `  (${summary.suppressed} suppressed by exceptions)` : ''
    lines.push(`By severity: ${severityCounts}${suppressed}`)
    const categories = Object.entries(summary.byCategory).map(([c, n]) => `${c} ${n}`)
    if (categories.length) lines.push(`By category: ${categories.join('  ')}`)

    const open = report.findings.filter((f) => !f.suppressed)
    if (open.length > 0) {
      lines.push('', paint('bold', open.length > TOP ? `Top ${TOP} of ${open.length} findings` : `Findings (${open.length})`))
      for (const f of open.slice(0, TOP)) {
        const where = f.location ? `${f.location.file}:${f.location.line}` : ''
        lines.push(`  ${paint(f.severity, f.severity.toUpperCase().padEnd(8))} ${f.ruleId}  ${resourceName(f)}  ${paint('dim', where)}`)
        lines.push(`           ${f.message}`)
      }
    } else {
      lines.push('', 'No findings.')
    }

    const gaps = scan.coverage.filter((row) => row.status === 'forbidden' || row.status === 'error')
    if (gaps.length > 0) {
      lines.push('', paint('high', `Not assessed — ${gaps.length} kind(s) could not be read:`))
      for (const row of gaps) lines.push(`  ${row.kind}: ${row.status}${row.message ? ` (${row.message})` : ''}`)
    }
    if (report.errors.length > 0) {
      lines.push('', paint('medium', `${report.errors.length} input problem(s); the scan went on without them:`))
      for (const e of report.errors.slice(0, TOP)) lines.push(`  ${e.file ?? ''}${e.line ? `:${e.line}` : ''}  ${e.message}`)
      if (report.errors.length > TOP) lines.push(`  … and ${report.errors.length - TOP} more (see the JSON report)`)
    }
    const data = scan.versionData
    if (data?.stale) {
      lines.push('', paint('medium', `Mesh version data is from ${data.asOf}, ${data.ageDays} days before the scan: end-of-life and advisory findings may be missing. Update zt-audit or pass --version-data.`))
    }
    if (scan.skippedDocuments > 0) lines.push('', `${scan.skippedDocuments} document(s) were not Kubernetes objects and were skipped.`)
    const ruleErrors = report.checks.filter((c) => c.error > 0)
    if (ruleErrors.length > 0) {
      lines.push('', paint('medium', 'Rules that failed to run on some objects (reported as errors, not passes):'))
      for (const t of ruleErrors) lines.push(`  ${t.ruleId}: ${t.error} error(s), e.g. ${t.errors?.[0] ?? ''}`)
    }
    const expired = report.exceptions.filter((e) => e.status === 'expired')
    const unused = report.exceptions.filter((e) => e.status === 'unused')
    if (expired.length) lines.push('', paint('medium', `${expired.length} exception(s) expired and no longer apply: `) + expired.map((e) => `${e.rule} ${e.resource} (${e.expires})`).join(', '))
    if (unused.length) lines.push('', `${unused.length} exception(s) matched no finding: ` + unused.map((e) => `${e.rule} ${e.resource}`).join(', '))
    const invalid = report.exceptions.filter((e) => e.status === 'invalid')
    if (invalid.length) {
      lines.push('', paint('medium', `${invalid.length} exception(s) are invalid and were not applied:`))
      for (const e of invalid) lines.push(`  ${e.rule} ${e.resource} (${e.source}): ${e.problem ?? ''}`)
    }
    return `${lines.join('\n')}\n`
  },
}
