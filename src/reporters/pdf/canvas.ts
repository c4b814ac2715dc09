import type PDFDocument from 'pdfkit'

import type {Printable} from './fonts.js'
import {color, type Face, type Layout} from './layout.js'

export type Doc = InstanceType<typeof PDFDocument>
export type Outline = Doc['outline']

export interface TextStyle {
  face?: Face
  size?: number
  color?: string
  x?: number
  width?: number
  align?: 'left' | 'right' | 'center'
  /** space after, in points */
  after?: number
  goTo?: string
  destination?: string
}

/**
 * The PDF's flowing cursor: styled text that wraps within the margins, headings that become bookmarks,
 * and page breaks taken before a block that would not fit rather than in the middle of it.
 */
/** findings drawn between two trims of pdfkit's word-layout cache */
const TRIM_EVERY = 250

export class Canvas {
  /** the last text style set, restored after a footer is drawn on a page pdfkit adds mid-paragraph */
  private current: TextStyle = {}
  private blocks = 0

  constructor(
    readonly doc: Doc,
    readonly layout: Layout,
    readonly printable: Printable,
  ) {}

  get left(): number {
    return this.doc.page.margins.left
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom
  }

  get pageHeight(): number {
    return this.bottom - this.doc.page.margins.top
  }

  color(name: string): string {
    return color(this.layout, name)
  }

  style(style: TextStyle): this {
    this.current = style
    const face = style.face ?? 'regular'
    this.doc.font(face).fontSize(style.size ?? this.layout.sizes.body).fillColor(style.color ?? this.color('text'))
    return this
  }

  /** Height the text would take, in the style given. */
  measure(text: string, style: TextStyle = {}): number {
    this.style(style)
    return this.doc.heightOfString(this.printable(text, style.face ?? 'regular'), {width: style.width ?? this.width})
  }

  /**
   * A list laid out so that no item is split: items are packed into lines that fit `width`, so that
   * pdfkit never breaks an id like ZT-NET-001 at its hyphens.
   */
  packList(items: string[], style: TextStyle & {width: number}, separator = ', '): string {
    this.style(style)
    const lines: string[] = []
    let line = ''
    for (const [i, item] of items.entries()) {
      const piece = i < items.length - 1 ? `${item}${separator.trimEnd()}` : item
      const candidate = line ? `${line} ${piece}` : piece
      if (line && this.doc.widthOfString(this.printable(candidate, style.face ?? 'regular')) > style.width) {
        lines.push(line)
        line = piece
      } else {
        line = candidate
      }
    }
    if (line) lines.push(line)
    return lines.join('\n')
  }

  /** Starts a new page when fewer than `height` points are left (a block taller than a page flows instead). */
  ensure(height: number): void {
    if (this.doc.y + Math.min(height, this.pageHeight) > this.bottom) this.doc.addPage()
  }

  text(text: string, style: TextStyle = {}): this {
    this.style(style)
    const x = style.x ?? this.left
    this.doc.text(this.printable(text, style.face ?? 'regular'), x, this.doc.y, {
      width: style.width ?? this.width - (x - this.left),
      align: style.align ?? 'left',
      ...(style.goTo ? {goTo: style.goTo, underline: false} : {}),
      ...(style.destination ? {destination: style.destination} : {}),
    })
    if (style.after) this.doc.y += style.after
    return this
  }

  /**
   * pdfkit caches the layout of every word it has set, per font, for the life of the document. Reports
   * are full of unique words (names, file:line, fingerprints), so on a large report that cache, not the
   * pages, is what fills memory; it is emptied now and then. Internal to pdfkit: if it changes shape,
   * this does nothing.
   */
  trimLayoutCache(): void {
    const families = (this.doc as unknown as {_fontFamilies?: Record<string, {layoutCache?: object}>})._fontFamilies ?? {}
    for (const font of Object.values(families)) if (font.layoutCache) font.layoutCache = Object.create(null) as object
  }

  /** Counts a finding drawn, trimming the layout cache every so often. */
  drew(): void {
    if (++this.blocks % TRIM_EVERY === 0) this.trimLayoutCache()
  }

  /** Runs `draw` (e.g. a page footer) without disturbing the position and style of the text in flow. */
  aside(draw: () => void): void {
    const {x, y} = this.doc
    draw()
    this.doc.x = x
    this.doc.y = y
    this.style(this.current)
  }

  gap(points: number): this {
    this.doc.y += points
    return this
  }

  rule(colorName = 'line'): this {
    const y = this.doc.y
    this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(0.5).strokeColor(this.color(colorName)).stroke()
    return this
  }

  /** A chapter: on a new page, with a bookmark. */
  chapter(title: string, parent: Outline = this.doc.outline): Outline {
    this.doc.addPage()
    const item = parent.addItem(title)
    this.text(title, {face: 'bold', size: this.layout.sizes.h1, color: this.color('accent'), after: 4})
    this.rule('accent').gap(10)
    return item
  }

  /** A heading inside a chapter, kept with at least `keep` points of what follows; optionally bookmarked. */
  heading(title: string, options: {parent?: Outline; size?: number; keep?: number; destination?: string} = {}): Outline | undefined {
    const size = options.size ?? this.layout.sizes.h2
    this.ensure(this.measure(title, {face: 'bold', size}) + (options.keep ?? 60))
    this.gap(6)
    const item = options.parent?.addItem(title)
    this.text(title, {face: 'bold', size, after: 4, ...(options.destination ? {destination: options.destination} : {})})
    return item
  }

  /** A small filled label, e.g. a severity; returns its width. */
  badge(label: string, x: number, y: number, fill: string, width?: number): number {
    const size = this.layout.sizes.small
    const {x: keepX, y: keepY} = this.doc
    this.doc.font('bold').fontSize(size)
    const text = label.toUpperCase()
    const w = width ?? this.doc.widthOfString(text) + 8
    this.doc.roundedRect(x, y, w, size + 4, 2).fill(fill)
    this.doc.fillColor('#ffffff').text(text, x, y + 2.2, {width: w, align: 'center', lineBreak: false})
    this.doc.x = keepX
    this.doc.y = keepY
    return w
  }
}
