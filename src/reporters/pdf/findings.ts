import {plural} from '../html/text.js'
import type {FindingView, ReportView, RuleGroup} from '../html/view.js'
import type {Canvas, Outline, TextStyle} from './canvas.js'

const BADGE = 50
const INDENT = BADGE + 8

interface Part {
  text: string
  style: TextStyle
}

/** The lines of one finding, beside its severity label; the rule's own remediation is not repeated. */
function parts(canvas: Canvas, f: FindingView, sharedRemediation: string): Part[] {
  const {sizes} = canvas.layout
  const muted = canvas.color('muted')
  const out: Part[] = [{text: f.resource, style: {face: 'bold', size: sizes.body}}]
  if (f.location) out.push({text: f.location, style: {face: 'mono', size: sizes.small, color: muted}})
  out.push({text: f.message, style: {size: sizes.body}})
  const facts = f.evidence.map((e) => `${e.key}: ${e.inline}`)
  if (facts.length) out.push({text: facts.join('  ·  '), style: {face: 'mono', size: sizes.small, color: muted}})
  if (f.remediation && f.remediation !== sharedRemediation) out.push({text: `Fix: ${f.remediation}`, style: {size: sizes.small}})
  if (f.suppressed) {
    const s = f.suppressed
    out.push({text: `Suppressed: ${s.reason}${s.owner ? ` — owner ${s.owner}` : ''}${s.expires ? `, until ${s.expires}` : ''}`, style: {size: sizes.small, color: muted}})
  }
  if (!sharedRemediation || f.suppressed) out.push({text: `${f.ruleId}  ${f.fingerprint}`, style: {face: 'mono', size: sizes.small - 0.5, color: muted}})
  return out
}

function drawFinding(canvas: Canvas, f: FindingView, sharedRemediation: string): void {
  const {doc} = canvas
  const x = canvas.left + INDENT
  const width = canvas.width - INDENT
  const lines = parts(canvas, f, sharedRemediation)
  const height = lines.reduce((sum, p) => sum + canvas.measure(p.text, {...p.style, width}) + 1.5, 0)
  canvas.ensure(height + 8)
  canvas.badge(f.severity, canvas.left, doc.y + 1, canvas.color(f.severity), BADGE)
  for (const p of lines) canvas.text(p.text, {...p.style, x, width, after: 1.5})
  doc.x = canvas.left
  canvas.gap(7)
  canvas.drew()
}

/** A rule's block: title, severity, how to fix, its controls, then each finding. */
function drawRule(canvas: Canvas, rule: RuleGroup, parent: Outline | undefined): void {
  const {layout} = canvas
  const remediation = rule.findings[0]?.remediation ?? ''
  const controls = [...new Set(rule.findings.flatMap((f) => f.controls.map((c) => c.label)))]
  canvas.heading(`${rule.ruleId}  ${rule.title}`, {parent, size: layout.sizes.h3, keep: 90, destination: rule.anchor})
  canvas.text(`${plural(rule.count, 'finding')} · severity up to ${rule.severity}`, {size: layout.sizes.small, color: canvas.color('muted'), after: 3})
  if (remediation) canvas.text(`Fix: ${remediation}`, {size: layout.sizes.small + 0.5, after: 3})
  if (controls.length) canvas.text(`Controls: ${controls.join(', ')}`, {size: layout.sizes.small, color: canvas.color('muted'), after: 3})
  canvas.rule().gap(6)
  for (const f of rule.findings) drawFinding(canvas, f, remediation)
}

/** Open findings by category, then rule, worst first, as the report sorted them. */
export function drawFindings(canvas: Canvas, view: ReportView): void {
  const {layout} = canvas
  const item = canvas.chapter(`Findings (${view.totals.open})`)
  if (view.groups.length === 0) {
    canvas.text('No open findings.', {face: 'bold', color: canvas.color('good')})
    return
  }
  for (const group of view.groups) {
    const heading = `${group.category} — ${plural(group.count, 'finding')}${group.score ? `, score ${group.score.valueText} (${group.score.grade})` : ''}`
    const child = canvas.heading(heading, {parent: item, size: layout.sizes.h2, keep: 120})
    for (const rule of group.rules) drawRule(canvas, rule, child)
  }
}

/** Findings an active exception covers, apart from the open ones and with the exception's reason. */
export function drawSuppressed(canvas: Canvas, view: ReportView): void {
  if (view.suppressed.length === 0) return
  canvas.chapter(`Suppressed findings (${view.suppressed.length})`)
  canvas.text('Covered by an active exception: they do not count towards the score, the summary or the exit status.', {color: canvas.color('muted'), after: 8})
  for (const f of view.suppressed) drawFinding(canvas, f, '')
}
