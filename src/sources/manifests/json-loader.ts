import type {KubeObject} from '../../model/kube.js'
import {isListEnvelope, type Collector} from './collector.js'
import {GuessRejected, type JsonDocument, type JsonUnit, type JsonUnitHandler} from './json-splitter.js'
import {objectMember, skipSpace, skipValue} from './json-tokens.js'
import {parseJson, type Parsed} from './parse.js'
import {readText} from './read-text.js'
import type {SpanSource} from './source-maps.js'

interface SplitElement {
  /** undefined when the element was too large to parse */
  parsed: Parsed | undefined
  start: number
  end: number
  line: number
  column: number
}

/** Parses the units of a JSON stream with JSON.parse and hands the values to the collector. */
export class JsonLoader implements JsonUnitHandler {
  // elements of the current top-level value, parsed as they arrive and kept until the value is complete
  private elements: SplitElement[] = []

  constructor(
    private readonly collector: Collector,
    private readonly source: SpanSource,
  ) {}

  item(unit: JsonUnit): void {
    const parsed = unit.text === undefined ? undefined : parseTrimmed(unit.text, unit.line)
    if (unit.guessed && !parsed?.ok) throw new GuessRejected()
    this.elements.push({parsed, start: unit.start, end: unit.end, line: unit.line, column: unit.column})
  }

  document(doc: JsonDocument): void {
    const elements = this.elements
    this.elements = []
    if (doc.split === 'array') return this.addElements(doc, elements, undefined)
    if (doc.split === 'items') {
      const envelope = doc.text === undefined ? undefined : parseJson(doc.text, doc.line)
      if (envelope?.ok && isListEnvelope(envelope.value)) return this.addElements(doc, elements, envelope.value)
      // not a List after all: the object is read whole
      return this.addWhole(doc, readText(this.source, doc.start, doc.end))
    }
    if (doc.text === undefined) return this.collector.tooLarge(doc.line, doc.end - doc.start)
    this.addWhole(doc, doc.text)
  }

  private addElements(doc: JsonDocument, elements: SplitElement[], list: KubeObject | undefined): void {
    elements.forEach(({parsed, start, end, line, column}, index) => {
      if (!parsed) return this.collector.tooLarge(line, end - start)
      if (!parsed.ok) return this.collector.error(parsed.line, parsed.message)
      const placement = {document: doc.index, item: index, line, size: end - start, span: {start, end, line, column, prefix: []}}
      if (list) this.collector.addListItem(list, parsed.value, placement)
      else this.collector.addDocument(parsed.value, placement)
    })
  }

  private addWhole(doc: JsonDocument, text: string | {message: string}): void {
    if (typeof text !== 'string') return this.collector.error(doc.line, text.message)
    const parsed = parseJson(text, doc.line)
    if (!parsed.ok) return this.collector.error(parsed.line, parsed.message)
    const span = {start: doc.start, end: doc.end, line: doc.line, column: doc.column, prefix: []}
    this.collector.addDocument(parsed.value, {document: doc.index, line: doc.line, size: doc.end - doc.start, span})
  }
}

/** The text without one member of the object starting at `object` (its key, value and one adjoining comma). */
function withoutMember(text: string, object: number, key: string): string {
  const member = objectMember(text, object, key)
  if (!member || member.start < 0) return text
  const end = skipValue(text, member.value)
  const after = skipSpace(text, end)
  if (text[after] === ',') return text.slice(0, member.start) + text.slice(after + 1)
  let before = member.start - 1
  while (before > object && ' \n\r\t'.includes(text[before])) before--
  return text[before] === ',' ? text.slice(0, before) + text.slice(end) : text.slice(0, member.start) + text.slice(end)
}

/**
 * What trim() drops from every object anyway — metadata.managedFields and the last-applied annotation — cut
 * from an item's text first, so JSON.parse never builds them. Exactly those members: a key of the same name
 * elsewhere stays.
 */
function withoutNoise(text: string): string {
  const root = skipSpace(text, 0)
  if (text[root] !== '{') return text
  const metadata = objectMember(text, root, 'metadata')
  if (!metadata || metadata.start < 0 || text[metadata.value] !== '{') return text
  let lean = withoutMember(text, metadata.value, 'managedFields')
  const annotations = objectMember(lean, metadata.value, 'annotations')
  if (annotations && annotations.start >= 0 && lean[annotations.value] === '{') lean = withoutMember(lean, annotations.value, LAST_APPLIED)
  return lean
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

/** Parses a List item without the members no rule reads; an error is reported against the original text. */
function parseTrimmed(text: string, line: number): Parsed {
  const lean = withoutNoise(text)
  const parsed = parseJson(lean, line)
  return parsed.ok || lean === text ? parsed : parseJson(text, line)
}
