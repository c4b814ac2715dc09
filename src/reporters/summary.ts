import type {AuditReport} from '../model/report.js'
import {SEVERITIES} from '../model/severity.js'
import type {Reporter} from './types.js'

/** One line for a job log: score, counts by severity, what could not be assessed. */
export const summaryReporter: Reporter = {
  format: 'summary',
  render(report: AuditReport) {
    const {score, summary, scan} = report
    const open = SEVERITIES.reduce((n, s) => n + (summary.bySeverity[s] ?? 0), 0)
    const counts = SEVERITIES.map((s) => `${summary.bySeverity[s] ?? 0} ${s}`).join(', ')
    const gaps = scan.coverage.filter((row) => row.status === 'forbidden' || row.status === 'error').map((row) => row.kind)
    const parts = [
      `zt-audit: score ${score.value} (${score.grade})`,
      `${open} findings (${counts})`,
      ...(summary.suppressed ? [`${summary.suppressed} suppressed`] : []),
      `${scan.objectsScanned} objects from ${scan.target}`,
      gaps.length ? `not assessed: ${gaps.join(', ')}` : 'all kinds read',
      ...(report.errors.length ? [`${report.errors.length} input problems`] : []),
    ]
    return `${parts.join('; ')}\n`
  },
}
