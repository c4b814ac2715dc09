import type {AuditReport} from '../model/report.js'
import type {Reporter} from './types.js'

const INDENT = '    '

/**
 * The report as JSON.stringify(report, null, 2) writes it, in pieces: the findings one by one, so a report with
 * tens of thousands of them is never one string in memory. Joined, the pieces are that exact text.
 */
export function* jsonChunks(report: AuditReport): Generator<string> {
  if (report.findings.length === 0) {
    yield `${JSON.stringify(report, null, 2)}\n`
    return
  }
  const marker = '"zt-audit:findings-go-here"'
  const [head, tail] = JSON.stringify({...report, findings: [JSON.parse(marker) as string]}, null, 2).split(`${INDENT}${marker}`)
  yield head
  for (const [i, finding] of report.findings.entries()) {
    yield `${i === 0 ? '' : ',\n'}${INDENT}${JSON.stringify(finding, null, 2).replaceAll('\n', `\n${INDENT}`)}`
  }
  yield `${tail}\n`
}

/** The report as the public JSON contract has it. Stable key order and sorting make it reproducible. */
export const jsonReporter: Reporter = {
  format: 'json',
  fileName: 'zt-audit.json',
  render: (report) => [...jsonChunks(report)].join(''),
  chunks: jsonChunks,
}
