import type {ReportView} from '../html/view.js'
import type {Canvas} from './canvas.js'
import {table} from './table.js'

/** Boxed text with a coloured edge, for what a reader must not miss. */
export function callout(canvas: Canvas, text: string, edge = 'fail', fill = 'alert'): void {
  const {doc} = canvas
  const h = canvas.measure(text, {width: canvas.width - 20}) + 12
  canvas.ensure(h + 8)
  const top = doc.y
  doc.rect(canvas.left, top, canvas.width, h).fill(canvas.color(fill))
  doc.rect(canvas.left, top, 3, h).fill(canvas.color(edge))
  doc.y = top + 6
  canvas.text(text, {x: canvas.left + 10, width: canvas.width - 20})
  doc.y = top + h + 8
}

/** What was read and what was not: kinds, namespaces, unreadable input and rules that failed. */
export function drawCoverage(canvas: Canvas, view: ReportView): void {
  const {layout} = canvas
  const item = canvas.chapter('Scan coverage')
  if (view.gaps.length) {
    callout(
      canvas,
      `Not assessed: ${view.gaps.length} resource kind(s) could not be read. Checks that need them were skipped, not passed, and the score leaves them out.\n` +
        view.gaps.map((g) => `${g.kind} — ${g.status}${g.message ? `: ${g.message}` : ''}`).join('\n'),
    )
  }
  if (view.absent.length) {
    callout(
      canvas,
      `Not served by the cluster: ${view.absent.length} kind(s). The API server does not offer them (their CRDs are not installed), so there was nothing of them to check.\n` +
        view.absent.map((a) => `${a.kind}${a.apiVersion ? ` (${a.apiVersion})` : ''}${a.message ? `: ${a.message}` : ''}`).join('\n'),
      'fair',
      'notice',
    )
  }
  if (view.coverage.length) {
    table(
      canvas,
      [
        {header: 'Kind', share: 2},
        {header: 'API version', share: 1.8},
        {header: 'Objects', share: 0.8, align: 'right'},
        {header: 'Status', share: 1.5},
        {header: 'Note', share: 4},
      ],
      view.coverage.map((row) => [{text: row.kind}, {text: row.apiVersion}, {text: row.count}, {text: row.status, badge: row.status}, {text: row.message}]),
      (i) => (view.coverage[i].gap ? 'alert' : undefined),
    )
  }
  canvas.text(`Namespaces checked (${view.scan.namespacesScanned.length})`, {face: 'bold', after: 2})
  canvas.text(view.scan.namespacesScanned.join(', ') || 'none', {after: 6})
  canvas.text(`Namespaces skipped by configuration (${view.scan.namespacesSkipped.length})`, {face: 'bold', after: 2})
  canvas.text(view.scan.namespacesSkipped.join(', ') || 'none', {after: 6})

  canvas.heading('Input problems', {parent: item, size: layout.sizes.h2})
  canvas.text(`Documents skipped because they were not Kubernetes objects: ${view.scan.skippedDocuments}.`, {after: 4})
  if (view.errors.length) {
    const shown = view.errors.slice(0, layout.limits.inputErrors)
    canvas.text('Input that could not be read; the scan went on without it:', {after: 4})
    table(canvas, [{header: 'Where', share: 2.2, face: 'mono'}, {header: 'Problem', share: 4}], shown.map((e) => [{text: e.where}, {text: e.message}]))
    const more = view.errors.length - shown.length + view.errorsNotShown
    if (more > 0) canvas.text(`… and ${more} more; the JSON report lists them all.`, {after: 4})
  } else {
    canvas.text('Every input file could be read.', {after: 4})
  }
  if (view.ruleErrors.length) {
    callout(
      canvas,
      'Rules that failed on some objects (counted as errors, not passes):\n' +
        view.ruleErrors.map((r) => `${r.ruleId}: ${r.count} error(s)${r.examples.length ? ` — e.g. ${r.examples[0]}` : ''}`).join('\n'),
    )
  }
}
