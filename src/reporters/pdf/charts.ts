import type {Canvas} from './canvas.js'

export interface BarRow {
  label: string
  value: string
  /** 0..1 of the bar space */
  share: number
  color: string
}

const ROW = 15
const BAR = 9

/** Horizontal bars with the label on the left and the value after the bar, drawn as vectors. */
export function bars(canvas: Canvas, rows: BarRow[], x = canvas.left, width = canvas.width): void {
  const {doc, layout} = canvas
  const labelWidth = Math.min(130, width * 0.38)
  const space = width - labelWidth - 60
  canvas.ensure(rows.length * ROW + 4)
  const top = doc.y
  for (const [i, row] of rows.entries()) {
    const y = top + i * ROW
    doc.font('regular').fontSize(layout.sizes.small).fillColor(canvas.color('text'))
    doc.text(canvas.printable(row.label, 'regular'), x, y + 1, {width: labelWidth - 6, align: 'right', lineBreak: false, ellipsis: true, height: ROW})
    const w = row.share > 0 ? Math.max(1.5, row.share * space) : 0
    if (w > 0) doc.rect(x + labelWidth, y + (ROW - BAR) / 2 - 1, w, BAR).fill(row.color)
    doc.fillColor(canvas.color('muted')).text(row.value, x + labelWidth + w + 4, y + 1, {width: 56, lineBreak: false})
  }
  doc.x = canvas.left
  doc.y = top + rows.length * ROW + 4
}

/** An SVG-style arc path from angle a to b (radians, clockwise from 12 o'clock). */
function arcPath(cx: number, cy: number, r: number, a: number, b: number): string {
  const point = (t: number): string => `${(cx + r * Math.sin(t)).toFixed(2)} ${(cy - r * Math.cos(t)).toFixed(2)}`
  const large = b - a > Math.PI ? 1 : 0
  return `M ${point(a)} A ${r} ${r} 0 ${large} 1 ${point(b)}`
}

export interface Segment {
  count: number
  color: string
}

/** A ring split by counts; a full grey ring when everything is zero. */
export function donut(canvas: Canvas, cx: number, cy: number, r: number, segments: Segment[], thickness = 14): void {
  const {doc} = canvas
  const total = segments.reduce((sum, s) => sum + s.count, 0)
  doc.circle(cx, cy, r).lineWidth(thickness).strokeColor(canvas.color('line')).stroke()
  let start = 0
  for (const s of segments) {
    if (s.count === 0) continue
    const sweep = (s.count / total) * 2 * Math.PI
    if (sweep >= 2 * Math.PI - 1e-6) doc.circle(cx, cy, r).lineWidth(thickness).strokeColor(s.color).stroke()
    else doc.path(arcPath(cx, cy, r, start, start + sweep)).lineWidth(thickness).strokeColor(s.color).stroke()
    start += sweep
  }
}

/** The score as a ring filled to its value, with the grade in the middle. */
export function dial(canvas: Canvas, cx: number, cy: number, r: number, score: {value: number; text: string; grade: string}, fill: string): void {
  const {doc, layout} = canvas
  const value = Math.min(100, Math.max(0, score.value))
  donut(canvas, cx, cy, r, [{count: value, color: fill}, {count: 100 - value, color: canvas.color('line')}], r / 5)
  doc.font('bold').fontSize(r * 0.9).fillColor(canvas.color('text'))
  doc.text(score.grade, cx - r, cy - r * 0.62, {width: 2 * r, align: 'center', lineBreak: false})
  doc.font('regular').fontSize(layout.sizes.small).fillColor(canvas.color('muted'))
  doc.text(`${score.text} / 100`, cx - r, cy + r * 0.3, {width: 2 * r, align: 'center', lineBreak: false})
}
