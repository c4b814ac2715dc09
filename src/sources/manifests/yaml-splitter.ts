import {ByteAccumulator} from './byte-accumulator.js'

/** A piece of the input parsed on its own. */
export interface TextUnit {
  /** undefined when the unit is larger than the object size limit */
  text: string | undefined
  /** byte range in the input */
  start: number
  end: number
  /** line of the unit's first byte, from 1 */
  line: number
}

export interface YamlDocument extends TextUnit {
  /** position among the file's documents, from 0 */
  index: number
  /** first line with content: where the object starts */
  contentLine: number
  /** how many `items` entries were handed over one by one; `text` is then the rest (the List's envelope) */
  splitItems: number
  /** the document has a top-level `items:` key, so it may be a List, which the size limit does not apply to */
  hasItemsKey: boolean
}

export interface YamlUnitHandler {
  item(unit: TextUnit): void
  document(document: YamlDocument): void
}

type ItemsState = 'none' | 'expect' | 'in' | 'done'

interface DocumentState {
  start: number
  line: number
  contentLine: number
  hasMarker: boolean
  hasContent: boolean
  hasItemsKey: boolean
  items: ItemsState
  itemIndent: number
  splitItems: number
  bytes: ByteAccumulator
}

interface ItemState {
  start: number
  line: number
  bytes: ByteAccumulator
}

const LF = 0x0a
const CR = 0x0d
const TAB = 0x09
const SPACE = 0x20
const HASH = 0x23
const DASH = 0x2d
const DOT = 0x2e
const PERCENT = 0x25
const LETTER_I = 0x69
const ITEMS_KEY = Buffer.from('items:')

function isBreakOrWhite(byte: number | undefined): boolean {
  return byte === SPACE || byte === TAB || byte === CR || byte === LF
}

function leadingSpaces(bytes: Buffer, start: number, end: number, cap = Infinity): number {
  let count = 0
  while (start + count < end && count < cap && bytes[start + count] === SPACE) count++
  return count
}

/** Only blanks, or a comment, from `at` to the end of the line. */
function isBlankOrComment(bytes: Buffer, at: number, end: number): boolean {
  while (at < end && (bytes[at] === SPACE || bytes[at] === TAB)) at++
  return at >= end || bytes[at] === CR || bytes[at] === LF || bytes[at] === HASH
}

/** `---` or `...` at column 0, followed by a blank or the end of the line: YAML's document markers. */
function isMarker(bytes: Buffer, start: number, end: number, char: number): boolean {
  return (
    end - start >= 3 &&
    bytes[start + 1] === char &&
    bytes[start + 2] === char &&
    (start + 3 === end || isBreakOrWhite(bytes[start + 3]))
  )
}

function isItemsKey(bytes: Buffer, start: number, end: number): boolean {
  if (end - start < ITEMS_KEY.length || bytes.compare(ITEMS_KEY, 0, ITEMS_KEY.length, start, start + ITEMS_KEY.length) !== 0) {
    return false
  }
  const after = start + ITEMS_KEY.length
  return after === end || ((bytes[after] === SPACE || bytes[after] === TAB || bytes[after] === CR || bytes[after] === LF) && isBlankOrComment(bytes, after, end))
}

/** A block sequence entry: `-` followed by a blank or the end of the line. */
function isEntry(bytes: Buffer, dash: number, end: number): boolean {
  return bytes[dash] === DASH && (dash + 1 === end || isBreakOrWhite(bytes[dash + 1]))
}

/**
 * Splits a YAML stream into documents as it arrives, chunk by chunk, without decoding it as a whole.
 *
 * A line starting at column 0 with `---` or `...` followed by a blank is a document marker: the YAML spec
 * forbids that text at the start of a content line, even inside block or quoted scalars, so splitting on it
 * is safe. Comments and `%` directives before a `---` belong to the document it starts.
 *
 * A document with a top-level `items:` block sequence (the `kubectl get -o yaml` List shape) has its entries
 * handed over one by one: an entry starts with `-` at the column of the first entry and runs until the next
 * such line, or a line indented less, or a line at that column that is not an entry. Parsing entries one by
 * one keeps a dump of any size out of a single string; the caller checks the rest of the document (the
 * envelope) is a List and falls back to the whole document when it is not.
 */
export class YamlSplitter {
  // the start of a line whose end has not arrived yet
  private pending: Buffer[] = []
  private offset = 0
  private line = 1
  private started = false
  private documentIndex = 0
  private doc: DocumentState
  private item: ItemState | undefined

  constructor(
    private readonly handler: YamlUnitHandler,
    private readonly maxBytes: number,
  ) {
    this.doc = this.newDocument(0, 1)
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return
    if (!this.started) {
      this.started = true
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        chunk = chunk.subarray(3)
        this.offset = 3
        this.doc = this.newDocument(3, 1)
      }
    }
    const lastBreak = chunk.lastIndexOf(LF)
    if (lastBreak === -1) {
      this.pending.push(chunk)
      return
    }
    const work = this.pending.length === 0 ? chunk : Buffer.concat([...this.pending, chunk])
    const end = work.length - (chunk.length - lastBreak - 1)
    this.lines(work, end)
    this.pending = end < work.length ? [work.subarray(end)] : []
  }

  end(): void {
    if (this.pending.length > 0) {
      const work = Buffer.concat(this.pending)
      this.pending = []
      this.lines(work, work.length)
    }
    this.endDocument(this.offset, this.line)
  }

  private lines(bytes: Buffer, end: number): void {
    let start = 0
    while (start < end) {
      const lineBreak = bytes.indexOf(LF, start)
      const next = lineBreak === -1 || lineBreak >= end ? end : lineBreak + 1
      this.onLine(bytes, start, next)
      this.offset += next - start
      if (next === lineBreak + 1) this.line++
      start = next
    }
  }

  private onLine(bytes: Buffer, start: number, end: number): void {
    const first = bytes[start]
    if ((first === DASH || first === DOT) && isMarker(bytes, start, end, first)) {
      if (first === DASH) this.onDocumentStart(bytes, start, end)
      else this.onDocumentEnd(bytes, start, end)
      return
    }
    const doc = this.doc
    if (!doc.hasContent) {
      const prefix = isBlankOrComment(bytes, start, end) || (!doc.hasMarker && first === PERCENT)
      if (prefix) {
        doc.bytes.add(bytes, start, end)
        return
      }
      doc.hasContent = true
      doc.contentLine = this.line
    }
    switch (doc.items) {
      case 'none':
        if (first === LETTER_I && isItemsKey(bytes, start, end)) {
          doc.hasItemsKey = true
          if (doc.splitItems === 0) doc.items = 'expect'
        }
        doc.bytes.add(bytes, start, end)
        return
      case 'expect': {
        const indent = leadingSpaces(bytes, start, end)
        if (isBlankOrComment(bytes, start + indent, end)) {
          doc.bytes.add(bytes, start, end)
        } else if (isEntry(bytes, start + indent, end)) {
          doc.items = 'in'
          doc.itemIndent = indent
          this.startItem(bytes, start, end)
        } else {
          // `items:` holds something other than a block sequence: the document is parsed whole
          doc.items = 'done'
          doc.bytes.add(bytes, start, end)
        }
        return
      }
      case 'in': {
        const column = doc.itemIndent
        const indent = leadingSpaces(bytes, start, end, column + 1)
        if (indent > column || isBlankOrComment(bytes, start + indent, end)) {
          this.item!.bytes.add(bytes, start, end)
        } else if (indent === column && isEntry(bytes, start + indent, end)) {
          this.endItem(this.offset)
          this.startItem(bytes, start, end)
        } else {
          this.endItem(this.offset)
          doc.items = 'done'
          doc.bytes.add(bytes, start, end)
        }
        return
      }
      case 'done':
        doc.bytes.add(bytes, start, end)
    }
  }

  private onDocumentStart(bytes: Buffer, start: number, end: number): void {
    if (this.doc.hasMarker || this.doc.hasContent) this.endDocument(this.offset, this.line)
    const doc = this.doc
    doc.hasMarker = true
    doc.bytes.add(bytes, start, end)
    // `--- {a: 1}` or `--- !tag`: the content starts on the marker line
    if (!doc.hasContent && !isBlankOrComment(bytes, start + 3, end)) {
      doc.hasContent = true
      doc.contentLine = this.line
    }
  }

  private onDocumentEnd(bytes: Buffer, start: number, end: number): void {
    const doc = this.doc
    if (doc.items === 'in') {
      this.endItem(this.offset)
      doc.items = 'done'
    }
    doc.bytes.add(bytes, start, end)
    this.endDocument(this.offset + (end - start), this.line + 1)
  }

  private endDocument(end: number, nextLine: number): void {
    const doc = this.doc
    if (doc.items === 'in') this.endItem(end)
    if (doc.hasContent) {
      this.handler.document({
        index: this.documentIndex,
        text: doc.bytes.text(),
        start: doc.start,
        end,
        line: doc.line,
        contentLine: doc.contentLine,
        splitItems: doc.splitItems,
        hasItemsKey: doc.hasItemsKey,
      })
    }
    if (doc.hasContent || doc.hasMarker) this.documentIndex++
    this.doc = this.newDocument(end, nextLine)
  }

  private startItem(bytes: Buffer, start: number, end: number): void {
    this.item = {start: this.offset, line: this.line, bytes: new ByteAccumulator(this.maxBytes)}
    this.item.bytes.add(bytes, start, end)
  }

  private endItem(end: number): void {
    const item = this.item
    if (!item) return
    this.item = undefined
    this.doc.splitItems++
    this.handler.item({text: item.bytes.text(), start: item.start, end, line: item.line})
  }

  private newDocument(start: number, line: number): DocumentState {
    return {
      start,
      line,
      contentLine: line,
      hasMarker: false,
      hasContent: false,
      hasItemsKey: false,
      items: 'none',
      itemIndent: 0,
      splitItems: 0,
      bytes: new ByteAccumulator(this.maxBytes),
    }
  }
}
