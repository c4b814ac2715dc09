import {plural} from '../html/text.js'
import type {ReportView, ScoreRow} from '../html/view.js'
import type {Canvas} from './canvas.js'
import {bars, donut} from './charts.js'
import {table} from './table.js'

const TOP_RULES = 10

function scoreRows(canvas: Canvas, rows: ScoreRow[]) {
  return rows.map((r) => ({label: r.name, value: `${r.valueText} (${r.grade})`, share: r.value / 100, color: canvas.color(r.band)}))
}

/** The executive summary: the verdict in a sentence, then the numbers behind it as vector charts. */
export function drawSummary(canvas: Canvas, view: ReportView): void {
  const {doc, layout} = canvas
  canvas.chapter('Executive summary')
  const counts = view.severities.filter((s) => s.count > 0).map((s) => `${s.count} ${s.label}`)
  canvas.text(
    `The scan of ${view.scan.target} (${view.scan.source}) checked ${plural(view.scan.objectsScanned, 'object')} in ` +
      `${plural(view.scan.namespacesScanned.length, 'namespace')} with ${plural(view.scan.rulesRun, 'rule')}. ` +
      `It scored ${view.score.valueText} of 100, grade ${view.score.grade}, with ${plural(view.totals.open, 'open finding')}` +
      `${counts.length ? ` (${counts.join(', ')})` : ''} and ${view.totals.suppressed} suppressed by exceptions.` +
      (view.gaps.length ? ` ${plural(view.gaps.length, 'resource kind')} could not be read, so checks that need them were not assessed.` : ''),
    {size: layout.sizes.body + 0.5, after: 12},
  )

  // severity ring and legend on the left, categories on the right
  canvas.ensure(150)
  const top = doc.y
  canvas.text('Open findings by severity', {face: 'bold', size: layout.sizes.h3})
  const r = 42
  donut(canvas, canvas.left + r + 8, top + 24 + r, r, view.severities.map((s) => ({count: s.count, color: canvas.color(s.key)})), 16)
  doc.font('bold').fontSize(layout.sizes.h2).fillColor(canvas.color('text'))
  doc.text(String(view.totals.open), canvas.left + 8, top + 24 + r - 7, {width: 2 * r, align: 'center', lineBreak: false})
  let y = top + 28
  for (const s of view.severities) {
    canvas.badge(s.label, canvas.left + 2 * r + 30, y, canvas.color(s.key), 58)
    doc.font('regular').fontSize(layout.sizes.body).fillColor(canvas.color('text'))
    doc.text(String(s.count), canvas.left + 2 * r + 94, y + 1, {width: 30, align: 'right', lineBreak: false})
    y += 16
  }
  const half = canvas.width / 2
  doc.x = canvas.left + half
  doc.y = top
  canvas.text('Open findings by category', {face: 'bold', size: layout.sizes.h3, x: canvas.left + half, after: 4})
  if (view.categories.length) {
    bars(canvas, view.categories.map((c) => ({label: c.label, value: String(c.count), share: c.share, color: canvas.color('accent')})), canvas.left + half, half)
  } else {
    canvas.text('No rule categories ran.', {x: canvas.left + half, color: canvas.color('muted')})
  }
  doc.y = Math.max(doc.y, top + 24 + 2 * r + 16)

  if (view.categoryScores.length) {
    canvas.heading('Score by category', {size: layout.sizes.h3, keep: view.categoryScores.length * 15})
    bars(canvas, scoreRows(canvas, view.categoryScores))
  }
  if (view.namespaceScores.length) {
    canvas.heading('Score by namespace', {size: layout.sizes.h3, keep: Math.min(10, view.namespaceScores.length) * 15})
    bars(canvas, scoreRows(canvas, view.namespaceScores))
  }
  if (view.frameworks.length) {
    canvas.heading('Controls', {size: layout.sizes.h3})
    for (const fw of view.frameworks) {
      const compliance = fw.compliance ? `${fw.compliance}% compliant; ` : ''
      canvas.text(`${fw.name}${fw.version ? ` ${fw.version}` : ''}: ${compliance}${fw.counts.pass} pass, ${fw.counts.fail} fail, ${fw.counts.notAssessed} not assessed.`, {after: 2})
    }
  }

  const worst = view.groups
    .flatMap((g) => g.rules)
    .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId))
    .slice(0, TOP_RULES)
  if (worst.length) {
    canvas.heading('Most frequent problems', {size: layout.sizes.h3})
    table(
      canvas,
      [
        {header: 'Rule', share: 1.1, face: 'mono'},
        {header: 'Title', share: 4.2},
        {header: 'Severity', share: 1.1},
        {header: 'Findings', share: 0.9, align: 'right'},
      ],
      worst.map((rule) => [{text: rule.ruleId, goTo: rule.anchor}, {text: rule.title}, {text: rule.severity, badge: rule.severity}, {text: String(rule.count)}]),
    )
  }
}
