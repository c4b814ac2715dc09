import type {ReportView} from '../html/view.js'
import type {Canvas} from './canvas.js'
import {dial} from './charts.js'

/** Page 1: what was audited, when, by which version, and the verdict at a glance. */
export function drawCover(canvas: Canvas, view: ReportView): void {
  const {doc, layout} = canvas
  doc.addPage()
  doc.outline.addItem('Cover')
  doc.rect(0, 0, doc.page.width, 150).fill(canvas.color('accent'))
  doc.y = 58
  canvas.text('ZERO-TRUST NETWORK AUDIT', {face: 'bold', size: layout.sizes.small + 1, color: '#c9d6e3', after: 6})
  canvas.text('Audit report', {face: 'bold', size: layout.sizes.cover, color: '#ffffff'})

  doc.y = 185
  canvas.text('Target', {size: layout.sizes.small, color: canvas.color('muted')})
  canvas.text(view.scan.target, {face: 'bold', size: layout.sizes.h2, width: canvas.width - 150, after: 10})
  const facts: [string, string][] = [
    ['Scan started', view.scan.startedAt],
    ['Source', view.scan.source],
    ['Tool', `${view.tool.name} ${view.tool.version}`],
    ...(view.scan.duration ? [['Duration', view.scan.duration] as [string, string]] : []),
    ['Objects scanned', String(view.scan.objectsScanned)],
    ['Rules run', String(view.scan.rulesRun)],
    ['Namespaces checked', String(view.scan.namespacesScanned.length)],
  ]
  for (const [label, value] of facts) {
    const y = doc.y
    canvas.text(label, {size: layout.sizes.body, color: canvas.color('muted'), width: 110})
    doc.y = y
    canvas.text(value, {size: layout.sizes.body, x: canvas.left + 115, width: canvas.width - 265, after: 3})
  }
  dial(canvas, canvas.left + canvas.width - 60, 250, 52, {value: view.score.value, text: view.score.valueText, grade: view.score.grade}, canvas.color(view.score.band))
  doc.font('regular').fontSize(layout.sizes.small).fillColor(canvas.color('muted'))
  doc.text('Score and grade', canvas.left + canvas.width - 120, 312, {width: 120, align: 'center', lineBreak: false})

  doc.y = Math.max(doc.y, 340) + 16
  doc.x = canvas.left
  canvas.rule().gap(10)
  canvas.text('Open findings', {face: 'bold', size: layout.sizes.h3, after: 6})
  let x = canvas.left
  const y = doc.y
  for (const row of view.severities) {
    const w = canvas.badge(`${row.label} ${row.count}`, x, y, canvas.color(row.key), 82)
    x += w + 8
  }
  doc.y = y + 22
  canvas.text(`${view.totals.open} open, ${view.totals.suppressed} suppressed by exceptions.`, {after: 10})

  if (view.gaps.length > 0) {
    const note = `Not assessed: ${view.gaps.length} resource kind(s) could not be read (${view.gaps.map((g) => `${g.kind}: ${g.status}`).join(', ')}). Checks that need them were skipped, not passed.`
    const h = canvas.measure(note, {width: canvas.width - 20}) + 12
    doc.rect(canvas.left, doc.y, canvas.width, h).fill(canvas.color('alert'))
    doc.rect(canvas.left, doc.y, 3, h).fill(canvas.color('fail'))
    const top = doc.y
    doc.y += 6
    canvas.text(note, {x: canvas.left + 10, width: canvas.width - 20})
    doc.y = top + h + 10
  }
  if (view.expiredExceptions > 0) canvas.text(`${view.expiredExceptions} exception(s) expired and no longer suppress findings.`, {color: canvas.color('fail'), after: 6})

  doc.y = canvas.bottom - 40
  canvas.text(
    'Rendered from the zt-audit JSON report, which is the complete record. Findings carry fingerprints that stay the same across scans; controls refer to the frameworks named in each finding.',
    {size: layout.sizes.small, color: canvas.color('muted')},
  )
}
