import type {Canvas} from './canvas.js'
import type {Face} from './layout.js'

export interface Column {
  header: string
  /** share of the content width */
  share: number
  align?: 'left' | 'right'
  face?: Face
}

export interface Cell {
  text: string
  /** a list of ids, kept whole: packed into lines instead of wrapped at hyphens */
  list?: string[]
  /** drawn as a filled label of this colour name instead of plain text */
  badge?: string
  color?: string
  face?: Face
  goTo?: string
  destination?: string
}

const PAD = 3

/**
 * A table whose cells wrap; rows never split across pages and the header repeats on every page.
 * `highlight` names a background colour for rows that need attention (a failed control, a kind not read).
 */
export function table(canvas: Canvas, columns: Column[], rows: Cell[][], highlight?: (row: number) => string | undefined): void {
  const {doc, layout} = canvas
  const size = layout.sizes.small + 0.5
  const total = columns.reduce((sum, c) => sum + c.share, 0)
  const widths = columns.map((c) => (c.share / total) * canvas.width)
  const xs = widths.map((_, i) => canvas.left + widths.slice(0, i).reduce((a, b) => a + b, 0))

  // the header is always bold; body cells take their own face, else their column's
  const faceOf = (cell: Cell, i: number, header: boolean): Face => (header ? 'bold' : (cell.face ?? columns[i].face ?? 'regular'))
  for (const row of rows) {
    for (const [i, cell] of row.entries()) {
      if (cell.list) cell.text = canvas.packList(cell.list, {face: faceOf(cell, i, false), size, width: widths[i] - 2 * PAD})
    }
  }
  const heightOf = (cells: Cell[], header = false): number =>
    Math.max(...cells.map((cell, i) => (cell.badge ? size + 4 : canvas.measure(cell.text, {face: faceOf(cell, i, header), size, width: widths[i] - 2 * PAD})))) + 2 * PAD

  const drawRow = (cells: Cell[], header: boolean, fill?: string): void => {
    const h = heightOf(cells, header)
    const y = doc.y
    if (fill) doc.rect(canvas.left, y, canvas.width, h).fill(canvas.color(fill))
    for (const [i, cell] of cells.entries()) {
      if (cell.badge) {
        canvas.badge(cell.text, xs[i] + PAD, y + PAD, canvas.color(cell.badge))
        continue
      }
      doc.y = y + PAD
      canvas.text(cell.text, {
        face: faceOf(cell, i, header),
        size,
        color: cell.color ? canvas.color(cell.color) : undefined,
        x: xs[i] + PAD,
        width: widths[i] - 2 * PAD,
        align: columns[i].align ?? 'left',
        goTo: cell.goTo,
        destination: cell.destination,
      })
    }
    doc.y = y + h
    doc.moveTo(canvas.left, doc.y).lineTo(canvas.left + canvas.width, doc.y).lineWidth(0.4).strokeColor(canvas.color('line')).stroke()
  }

  const header = columns.map((c) => ({text: c.header}))
  canvas.ensure(heightOf(header, true) + (rows.length ? heightOf(rows[0]) : 0))
  drawRow(header, true, 'panel')
  for (const [index, row] of rows.entries()) {
    if (doc.y + heightOf(row) > canvas.bottom) {
      doc.addPage()
      drawRow(header, true, 'panel')
    }
    drawRow(row, false, highlight?.(index))
  }
  doc.x = canvas.left
  canvas.gap(8)
}
