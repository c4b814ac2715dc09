import PDFDocument from 'pdfkit'

import type {AuditReport} from '../../model/report.js'
import {buildView, type ReportView} from '../html/view.js'
import {drawExceptions, drawRules} from './appendix.js'
import {Canvas, type Doc} from './canvas.js'
import {drawControls} from './controls.js'
import {drawCover} from './cover.js'
import {drawCoverage} from './coverage.js'
import {drawFindings, drawSuppressed} from './findings.js'
import {drawFooter} from './footer.js'
import {registerFonts} from './fonts.js'
import {type Layout, pdfLayout} from './layout.js'
import {drawSummary} from './summary.js'

/** The report's own start time: with `--now` the PDF is byte-identical from run to run (pdfkit derives its file ID from it). */
function creationDate(report: AuditReport): Date {
  const date = new Date(report.scan.startedAt)
  return Number.isNaN(date.getTime()) ? new Date(0) : date
}

function newDocument(layout: Layout, view: ReportView, date: Date, compress: boolean): Doc {
  return new PDFDocument({
    size: layout.page.size,
    margins: layout.page.margins,
    autoFirstPage: false,
    compress,
    pdfVersion: '1.7',
    lang: 'en',
    displayTitle: true,
    info: {
      Title: `Zero-trust audit: ${view.scan.target}`,
      Subject: `zt-audit report, score ${view.score.valueText} (${view.score.grade}), ${view.totals.open} open findings`,
      Author: 'zt-audit',
      Creator: `${view.tool.name} ${view.tool.version}`,
      Keywords: 'zero trust, Kubernetes, NetworkPolicy, audit',
      CreationDate: date,
      ModDate: date,
    },
  })
}

function drawReport(canvas: Canvas, view: ReportView): void {
  drawCover(canvas, view)
  drawSummary(canvas, view)
  drawCoverage(canvas, view)
  drawControls(canvas, view)
  drawFindings(canvas, view)
  drawSuppressed(canvas, view)
  drawExceptions(canvas, view)
  drawRules(canvas, view)
}

/**
 * Lays the report out once, or twice when `total` is wanted: pages are written out as they are finished,
 * so memory stays flat however many findings there are, and "page N of M" needs M from a first,
 * discarded pass (the layout is deterministic, so both passes break pages at the same places).
 */
async function lay(report: AuditReport, view: ReportView, total?: number): Promise<{bytes: Buffer; pages: number}> {
  const layout = pdfLayout()
  const doc = newDocument(layout, view, creationDate(report), total !== undefined)
  const chunks: Buffer[] = []
  const done = new Promise<void>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => {
      if (total !== undefined) chunks.push(chunk)
    })
    doc.on('end', resolve)
    doc.on('error', reject)
  })
  const canvas = new Canvas(doc, layout, registerFonts(doc, layout))
  let pages = 0
  doc.on('pageAdded', () => {
    pages++
    if (total !== undefined && pages > 1) canvas.aside(() => drawFooter(canvas, view, pages, total))
  })
  drawReport(canvas, view)
  doc.end()
  await done
  return {bytes: Buffer.concat(chunks), pages}
}

export async function renderPdf(report: AuditReport): Promise<Buffer> {
  const view = buildView(report)
  const {pages} = await lay(report, view)
  return (await lay(report, view, pages)).bytes
}
