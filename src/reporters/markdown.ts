import type {Finding} from '../model/finding.js'
import type {AuditReport} from '../model/report.js'
import {SEVERITIES} from '../model/severity.js'
import type {Reporter} from './types.js'

const TOP = 15

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ').replaceAll('<', '&lt;')

function resource(f: Finding): string {
  return [f.resource.kind, f.resource.namespace, f.resource.name].filter(Boolean).join('/')
}

/** A short summary in GitHub-flavoured Markdown, for a job summary ($GITHUB_STEP_SUMMARY) or a pull-request comment. */
export const markdownReporter: Reporter = {
  format: 'markdown',
  fileName: 'zt-audit.md',
  render(report: AuditReport) {
    const {scan, score, summary} = report
    const out = [
      `## zt-audit: score ${score.value} (${score.grade})`,
      '',
      `Scanned ${scan.objectsScanned} objects from \`${cell(scan.target)}\` with ${scan.rules.length} rules.`,
      '',
      `| ${SEVERITIES.join(' | ')} | suppressed |`,
      `|${SEVERITIES.map(() => '---:').join('|')}|---:|`,
      `| ${SEVERITIES.map((s) => summary.bySeverity[s] ?? 0).join(' | ')} | ${summary.suppressed} |`,
    ]
    const categories = Object.entries(summary.byCategory)
    if (categories.length > 0) {
      out.push('', '| category | findings | score |', '|---|---:|---:|')
      for (const [category, count] of categories) out.push(`| ${category} | ${count} | ${score.byCategory[category] ?? '–'} |`)
    }
    const gaps = scan.coverage.filter((row) => row.status === 'forbidden' || row.status === 'error')
    if (gaps.length > 0) {
      out.push('', `> [!WARNING]`, `> Not assessed: ${gaps.map((row) => `${row.kind} (${row.status})`).join(', ')}. Rules that read these kinds were skipped.`)
    }
    if (report.errors.length > 0) out.push('', `${report.errors.length} input problem(s) were skipped; see the JSON report.`)
    const open = report.findings.filter((f) => !f.suppressed)
    if (open.length > 0) {
      out.push('', `### ${open.length > TOP ? `Top ${TOP} of ${open.length} findings` : 'Findings'}`, '', '| severity | rule | resource | where | message |', '|---|---|---|---|---|')
      for (const f of open.slice(0, TOP)) {
        const where = f.location ? `\`${cell(f.location.file)}:${f.location.line}\`` : ''
        out.push(`| ${f.severity} | ${f.ruleId} | \`${cell(resource(f))}\` | ${where} | ${cell(f.message)} |`)
      }
    } else {
      out.push('', 'No findings.')
    }
    return `${out.join('\n')}\n`
  },
}
