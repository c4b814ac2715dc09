import {ByteAccumulator} from './byte-accumulator.js'
import type {TextUnit} from './yaml-splitter.js'

export interface JsonUnit extends TextUnit {
  /** column of the unit's first byte, from 1 */
  column: number
  /**
   * The end was found from the indentation, not by scanning: right when the text parses, since a text that
   * parses as one object ends at that object's closing brace. When it does not parse, scan again exactly.
   */
  guessed: boolean
}

export interface JsonDocument extends TextUnit {
  /** position among the top-level values of the file, from 0 */
  index: number
  column: number
  /**
   * 'array': a top-level array whose elements were handed over one by one (text is undefined);
   * 'items': an object whose `items` array elements were handed over one by one (text is the rest: the
   * envelope); 'none': text is the whole object
   */
  split: 'none' | 'array' | 'items'
}

export interface JsonUnitHandler {
  item(unit: JsonUnit): void
  document(document: JsonDocument): void
}

/** The input is not a shape the scanner follows; `truncated` when it ended inside a value. */
export class JsonShapeError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly truncated = false,
  ) {
    super(message)
  }
}

/** A guessed element end did not hold, or was never found: the input has to be scanned exactly. */
export class GuessRejected extends Error {}

const LF = 0x0a
const CR = 0x0d
const TAB = 0x09
const SPACE = 0x20
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const ITEMS = [0x69, 0x74, 0x65, 0x6d, 0x73]

// What a byte outside a string means to the scanner: blanks are passed over, as are the characters of
// numbers and literals inside a value; structure is acted on.
const BLANK = 0
const NEWLINE = 1
const STRUCTURAL = 2
const SCALAR = 3
const BYTE_KIND = new Uint8Array(256).fill(SCALAR)
for (const byte of [SPACE, TAB, CR]) BYTE_KIND[byte] = BLANK
BYTE_KIND[LF] = NEWLINE
for (const byte of [QUOTE, COMMA, COLON, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET]) BYTE_KIND[byte] = STRUCTURAL

// Indentation up to which an element's closing brace is looked for by its position (kubectl indents by 4).
const MAX_GUESSED_INDENT = 64

// Where the scanner is among the members of a top-level object.
type MemberPhase = 'key' | 'colon' | 'value' | 'after'

interface ElementState {
  start: number
  line: number
  column: number
  /** where the element's bytes start in the current chunk */
  from: number
  bytes: ByteAccumulator
  /** the element's opening brace starts its line at this indentation: its closing brace should too; -1 to scan */
  indent: number
  /** line breaks in the chunks before the current one, for an element whose end is looked for by position */
  breaks: number
}

function countTextBreaks(text: string): number {
  let count = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++
  return count
}

function countLineBreaks(bytes: Buffer, from: number, to: number): number {
  let count = 0
  for (let at = bytes.indexOf(LF, from); at !== -1 && at < to; at = bytes.indexOf(LF, at + 1)) count++
  return count
}

/**
 * Finds the elements of a JSON List's `items` array (or of a top-level array) in a byte stream, chunk by chunk,
 * so each element can be parsed with JSON.parse on its own and the file is never one string. Elements must be
 * objects; anything else is a shape the caller handles by parsing the whole file. Several top-level values in
 * a row are read as consecutive documents.
 *
 * Scanning every byte in JavaScript costs more than JSON.parse itself, so for pretty-printed input (the
 * `kubectl -o json` shape: an element's `{` first on its line) the element's end is taken to be the first `}`
 * that starts a line at the same indentation, found with native search. Raw line breaks cannot occur inside
 * JSON strings, so such a brace is structural. The caller confirms the guess by parsing; with `exact` every
 * byte is scanned, tracking strings and nesting.
 */
export class JsonSplitter {
  private offset = 0
  private line = 1
  private lineStart = 0
  private depth = 0
  private inString = false
  private escapeNext = false
  private documentIndex = 0
  // the last bytes before the current chunk, to see what precedes a brace at the start of a chunk
  private tail = Buffer.alloc(0)
  // the current top-level value
  private docStart = 0
  private docLine = 1
  private docColumn = 1
  private docKind: 'object' | 'array' = 'object'
  private split: JsonDocument['split'] = 'none'
  private envelope: ByteAccumulator | undefined
  private envelopeFrom = -1
  // members of a top-level object
  private phase: MemberPhase = 'key'
  private inKey = false
  private keyEscaped = false
  private key: number[] = []
  private keyIsItems = false
  // depth just inside the array whose elements are split out; 0 when not inside one
  private elementsDepth = 0
  private element: ElementState | undefined

  constructor(
    private readonly handler: JsonUnitHandler,
    private readonly maxBytes: number,
    private readonly exact = false,
  ) {}

  push(chunk: Buffer): void {
    const length = chunk.length
    if (this.envelopeFrom >= 0) this.envelopeFrom = 0
    if (this.element) this.element.from = 0
    let i = 0
    if (this.offset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      // a byte order mark
      i = 3
      this.lineStart = 3
    }
    while (i < length) {
      if (this.element && this.element.indent >= 0) {
        i = this.findGuessedEnd(chunk, i, length)
        continue
      }
      if (this.inString) {
        i = this.inKey ? this.readKey(chunk, i, length) : this.skipString(chunk, i, length)
        continue
      }
      const byte = chunk[i]
      const kind = BYTE_KIND[byte]
      if (kind === BLANK || (kind === SCALAR && this.depth > 0)) {
        i++
        continue
      }
      if (kind === NEWLINE) {
        this.line++
        this.lineStart = this.offset + i + 1
      } else if (this.depth === 0) {
        this.startDocument(byte, i)
      } else if (this.depth === this.elementsDepth && !this.element) {
        this.betweenElements(byte, chunk, i)
      } else if (this.depth === 1 && this.docKind === 'object') {
        this.member(byte, chunk, i)
      } else {
        this.nested(byte, chunk, i)
      }
      i++
    }
    if (this.envelope && this.envelopeFrom >= 0) this.envelope.add(chunk, this.envelopeFrom, length)
    if (this.element) this.element.bytes.add(chunk, this.element.from, length)
    const keep = MAX_GUESSED_INDENT + 1
    this.tail = length >= keep ? Buffer.from(chunk.subarray(length - keep)) : Buffer.concat([this.tail, chunk]).subarray(-keep)
    this.offset += length
  }

  end(): void {
    // no closing brace where one was expected: only an exact scan can tell where the input went wrong
    if (this.element && this.element.indent >= 0) throw new GuessRejected()
    if (this.depth > 0 || this.inString) throw new JsonShapeError('unexpected end of file', this.line, true)
  }

  private startDocument(byte: number, i: number): void {
    if (byte !== OPEN_BRACE && byte !== OPEN_BRACKET) throw this.shapeError()
    this.depth = 1
    this.docStart = this.offset + i
    this.docLine = this.line
    this.docColumn = this.column(i)
    if (byte === OPEN_BRACE) {
      this.docKind = 'object'
      this.split = 'none'
      this.phase = 'key'
      this.envelope = new ByteAccumulator(this.maxBytes)
      this.envelopeFrom = i
    } else {
      this.docKind = 'array'
      this.split = 'array'
      this.elementsDepth = 1
      this.envelope = undefined
      this.envelopeFrom = -1
    }
  }

  private endDocument(chunk: Buffer, i: number): void {
    const end = this.offset + i + 1
    let text: string | undefined
    if (this.envelope) {
      this.envelope.add(chunk, this.envelopeFrom, i + 1)
      text = this.envelope.text()
    }
    this.handler.document({
      index: this.documentIndex++,
      text,
      start: this.docStart,
      end,
      line: this.docLine,
      column: this.docColumn,
      split: this.split,
    })
    this.depth = 0
    this.elementsDepth = 0
    this.envelope = undefined
    this.envelopeFrom = -1
  }

  // Between the elements of the split array: only objects, commas and its closing bracket may come.
  private betweenElements(byte: number, chunk: Buffer, i: number): void {
    if (byte === COMMA) return
    if (byte === OPEN_BRACE) {
      const indent = this.offset + i - this.lineStart
      // `{` alone on its line, as pretty printers write it
      const after = chunk[i + 1] === CR ? chunk[i + 2] : chunk[i + 1]
      const guessable =
        !this.exact &&
        after === LF &&
        this.lineStart >= this.offset &&
        indent <= MAX_GUESSED_INDENT &&
        chunk.subarray(this.lineStart - this.offset, i).every((b) => b === SPACE)
      this.element = {
        start: this.offset + i,
        line: this.line,
        column: indent + 1,
        from: i,
        bytes: new ByteAccumulator(this.maxBytes),
        indent: guessable ? indent : -1,
        breaks: 0,
      }
      if (!guessable) this.depth++
      return
    }
    if (byte !== CLOSE_BRACKET) throw this.shapeError()
    this.depth--
    this.elementsDepth = 0
    if (this.depth === 0) {
      this.endDocument(chunk, i)
    } else {
      // back in the envelope, from the closing bracket on
      this.envelopeFrom = i
      this.phase = 'after'
    }
  }

  private member(byte: number, chunk: Buffer, i: number): void {
    switch (this.phase) {
      case 'key':
        if (byte === QUOTE) {
          this.inString = true
          this.inKey = true
          this.keyEscaped = false
          this.key = []
        } else if (byte === CLOSE_BRACE) {
          this.endDocument(chunk, i)
        } else {
          throw this.shapeError()
        }
        return
      case 'colon':
        if (byte !== COLON) throw this.shapeError()
        this.phase = 'value'
        return
      case 'value':
        // after a number or literal, the comma or brace comes while the value is still expected
        if (byte === COMMA) {
          this.phase = 'key'
          return
        }
        if (byte === CLOSE_BRACE) {
          this.endDocument(chunk, i)
          return
        }
        this.phase = 'after'
        if (this.keyIsItems && byte === OPEN_BRACKET) {
          this.split = 'items'
          this.envelope!.add(chunk, this.envelopeFrom, i + 1)
          this.envelopeFrom = -1
          this.depth = 2
          this.elementsDepth = 2
          return
        }
        this.nested(byte, chunk, i)
        return
      case 'after':
        if (byte === COMMA) this.phase = 'key'
        else if (byte === CLOSE_BRACE) this.endDocument(chunk, i)
        else this.nested(byte, chunk, i)
    }
  }

  // Inside a value: strings and nesting are all that matter.
  private nested(byte: number, chunk: Buffer, i: number): void {
    if (byte === QUOTE) {
      this.inString = true
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      this.depth++
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      this.depth--
      if (this.element && this.depth === this.elementsDepth) this.endElement(chunk, i, false)
      else if (this.depth < 1) throw this.shapeError()
    }
  }

  // Looks for the guessed end of the current element: a `}` at the indentation of its `{`, first on its line.
  private findGuessedEnd(chunk: Buffer, from: number, length: number): number {
    const element = this.element!
    const indent = element.indent
    for (let brace = chunk.indexOf(CLOSE_BRACE, from); brace !== -1; brace = chunk.indexOf(CLOSE_BRACE, brace + 1)) {
      if (!this.startsLineAt(chunk, brace, indent)) continue
      const startedHere = element.start >= this.offset
      const text = this.endElement(chunk, brace, true)
      // counting line breaks in the text is cheaper than in the bytes, when the text covers the element
      const breaks = startedHere && text !== undefined ? countTextBreaks(text) : element.breaks + countLineBreaks(chunk, from, brace)
      this.line = element.line + breaks
      this.lineStart = this.offset + brace - indent
      return brace + 1
    }
    element.breaks += countLineBreaks(chunk, from, length)
    const lastBreak = chunk.lastIndexOf(LF)
    if (lastBreak >= from) this.lineStart = this.offset + lastBreak + 1
    return length
  }

  private startsLineAt(chunk: Buffer, at: number, indent: number): boolean {
    for (let k = 1; k <= indent; k++) if (this.byteAt(chunk, at - k) !== SPACE) return false
    return this.byteAt(chunk, at - indent - 1) === LF
  }

  // A byte of the current chunk, or of the end of the previous one for a negative index.
  private byteAt(chunk: Buffer, index: number): number | undefined {
    return index >= 0 ? chunk[index] : this.tail[this.tail.length + index]
  }

  private endElement(chunk: Buffer, i: number, guessed: boolean): string | undefined {
    const element = this.element!
    this.element = undefined
    element.bytes.add(chunk, element.from, i + 1)
    const text = element.bytes.text()
    this.handler.item({
      text,
      start: element.start,
      end: this.offset + i + 1,
      line: element.line,
      column: element.column,
      guessed,
    })
    return text
  }

  // Key strings of the top-level object are short: read byte by byte to learn whether the key is `items`.
  private readKey(chunk: Buffer, i: number, length: number): number {
    while (i < length) {
      const byte = chunk[i++]
      if (this.keyEscaped) {
        this.keyEscaped = false
        this.key.push(-1)
      } else if (byte === BACKSLASH) {
        this.keyEscaped = true
      } else if (byte === QUOTE) {
        this.inString = false
        this.inKey = false
        this.keyIsItems = this.key.length === ITEMS.length && this.key.every((b, k) => b === ITEMS[k])
        this.phase = 'colon'
        return i
      } else if (this.key.length <= ITEMS.length) {
        this.key.push(byte)
      }
    }
    return i
  }

  // Moves past the rest of a string; an escape may straddle two chunks.
  private skipString(chunk: Buffer, i: number, length: number): number {
    if (this.escapeNext) {
      this.escapeNext = false
      i++
    }
    while (i < length) {
      const byte = chunk[i]
      if (byte === QUOTE) {
        this.inString = false
        return i + 1
      }
      i += byte === BACKSLASH ? 2 : 1
    }
    if (i > length) this.escapeNext = true
    return length
  }

  private column(i: number): number {
    return this.offset + i - this.lineStart + 1
  }

  private shapeError(): JsonShapeError {
    return new JsonShapeError('unexpected JSON shape', this.line)
  }
}
