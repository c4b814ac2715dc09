import type {ReportView} from '../html/view.js'
import type {Canvas} from './canvas.js'

/** What the report is and where in it the reader is, at the foot of every page after the cover. */
export function drawFooter(canvas: Canvas, view: ReportView, page: number, total: number): void {
  const {doc, layout} = canvas
  // the footer sits in the bottom margin; without this pdfkit would start a new page for it
  const bottom = doc.page.margins.bottom
  doc.page.margins.bottom = 0
  const y = doc.page.height - bottom + 22
  doc.font('regular').fontSize(layout.sizes.footer).fillColor(canvas.color('muted'))
  const label = canvas.printable(`${view.tool.name} ${view.tool.version} · ${view.scan.target} · ${view.scan.startedAt}`, 'regular')
  doc.text(label, canvas.left, y, {width: canvas.width - 90, lineBreak: false, ellipsis: true, height: 10})
  doc.text(`Page ${page} of ${total}`, canvas.left + canvas.width - 90, y, {width: 90, align: 'right', lineBreak: false})
  doc.page.margins.bottom = bottom
}
