import type {AuditReport} from '../model/report.js'
import type {Reporter} from './types.js'

/** pdfkit takes a noticeable moment to load, so it is loaded only when a PDF is asked for. */
export async function renderPdf(report: AuditReport): Promise<Buffer> {
  const {renderPdf: render} = await import('./pdf/render.js')
  return render(report)
}

/** The report as a PDF an auditor can file: drawn natively with pdfkit, fonts embedded, reproducible. */
export const pdfReporter: Reporter = {
  format: 'pdf',
  fileName: 'zt-audit.pdf',
  render: (report) => renderPdf(report),
}
