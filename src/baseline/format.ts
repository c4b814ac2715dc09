import type {FindingSummary} from '../model/finding.js'
import type {ReportDiff} from './compare.js'

const LIMIT = 50

function lines(title: string, findings: readonly FindingSummary[], bullet: (f: FindingSummary) => string): string[] {
  if (findings.length === 0) return []
  const shown = findings.slice(0, LIMIT).map(bullet)
  if (findings.length > LIMIT) shown.push(`… and ${findings.length - LIMIT} more`)
  return ['', title, ...shown]
}

/** The difference between two reports, for a terminal. */
export function diffText(diff: ReportDiff): string {
  const sign = diff.score.delta > 0 ? '+' : ''
  const out = [
    `Score ${diff.score.before} → ${diff.score.after} (${sign}${diff.score.delta})`,
    `${diff.added.length} new, ${diff.fixed.length} fixed, ${diff.severityChanged.length} changed severity, ${diff.unchanged} unchanged`,
    ...lines('New findings:', diff.added, (f) => `  + ${f.severity.toUpperCase().padEnd(8)} ${f.ruleId}  ${f.resource}  ${f.message}`),
    ...lines('Fixed findings:', diff.fixed, (f) => `  - ${f.severity.toUpperCase().padEnd(8)} ${f.ruleId}  ${f.resource}`),
  ]
  if (diff.severityChanged.length > 0) {
    out.push('', 'Changed severity:')
    for (const c of diff.severityChanged.slice(0, LIMIT)) out.push(`  ~ ${c.finding.ruleId}  ${c.finding.resource}: ${c.from} → ${c.to}`)
  }
  return `${out.join('\n')}\n`
}

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

/** The difference between two reports, as GitHub-flavoured Markdown. */
export function diffMarkdown(diff: ReportDiff): string {
  const sign = diff.score.delta > 0 ? '+' : ''
  const out = [
    '## zt-audit: changes since the baseline',
    '',
    `Score **${diff.score.before} → ${diff.score.after}** (${sign}${diff.score.delta}) · ${diff.added.length} new · ${diff.fixed.length} fixed · ${diff.severityChanged.length} changed severity · ${diff.unchanged} unchanged`,
  ]
  const table = (title: string, findings: readonly FindingSummary[]): void => {
    if (findings.length === 0) return
    out.push('', `### ${title}`, '', '| severity | rule | resource | message |', '|---|---|---|---|')
    for (const f of findings.slice(0, LIMIT)) out.push(`| ${f.severity} | ${f.ruleId} | \`${cell(f.resource)}\` | ${cell(f.message)} |`)
    if (findings.length > LIMIT) out.push('', `… and ${findings.length - LIMIT} more.`)
  }
  table('New findings', diff.added)
  table('Fixed findings', diff.fixed)
  return `${out.join('\n')}\n`
}
