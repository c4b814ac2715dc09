import {isListEnvelope, type Collector} from './collector.js'
import {parseYaml, type Parsed} from './parse.js'
import type {ParsePool} from './parse-pool.js'
import {readText} from './read-text.js'
import type {SpanSource} from './source-maps.js'
import type {TextUnit, YamlDocument, YamlUnitHandler} from './yaml-splitter.js'

interface SplitItem {
  /** undefined when the entry was too large to parse */
  parsed: Parsed | undefined
  start: number
  end: number
  line: number
}

function isSingleEntry(value: unknown): value is [unknown] {
  return Array.isArray(value) && value.length === 1
}

/** A document waiting its turn: parsed on another core, or handled here once those before it are done. */
type Queued = {doc: YamlDocument; parsing: Promise<Parsed>; parsed?: Parsed} | {run: () => void}

// how many documents may wait for their turn before reading stops to let the workers catch up
const MAX_QUEUED = 1024
// the workers' heaps are small; a rare large document is parsed here instead
const POOLED_MAX_BYTES = 1024 * 1024

/**
 * Parses the units of a YAML stream with js-yaml and hands the values to the collector. With a pool, plain
 * documents are parsed on other cores and handed over in input order as they come back (`settle`).
 */
export class YamlLoader implements YamlUnitHandler {
  // entries of the current document's `items`, parsed as they arrive and kept until the document is complete
  private items: SplitItem[] = []
  private readonly queue: Queued[] = []

  constructor(
    private readonly collector: Collector,
    private readonly source: SpanSource,
    private readonly pool?: ParsePool,
  ) {}

  item(unit: TextUnit): void {
    const parsed = unit.text === undefined ? undefined : parseYaml(unit.text, unit.line)
    this.items.push({parsed, start: unit.start, end: unit.end, line: unit.line})
  }

  document(doc: YamlDocument): void {
    const items = this.items
    this.items = []
    if (this.pool && doc.splitItems === 0 && doc.text !== undefined && doc.end - doc.start <= POOLED_MAX_BYTES) {
      const queued: Queued = {doc, parsing: this.pool.parse(doc.text, doc.line, doc.contentLine)}
      queued.parsing.then((parsed) => (queued.parsed = parsed)).catch(() => {})
      this.queue.push(queued)
    } else if (this.queue.length > 0) {
      this.queue.push({run: () => this.process(doc, items)})
    } else {
      this.process(doc, items)
    }
  }

  /** Hands the documents parsed so far to the collector, in input order; with `all`, waits for every one. */
  async settle(all: boolean): Promise<void> {
    this.pool?.flush()
    while (this.queue.length > 0) {
      const head = this.queue[0]
      if ('run' in head) {
        this.queue.shift()
        head.run()
        continue
      }
      if (head.parsed === undefined && !all && this.queue.length < MAX_QUEUED) return
      // a worker that failed (it ran out of memory, say) leaves its documents to be parsed here
      const parsed = head.parsed ?? (await head.parsing.catch(() => parseYaml(head.doc.text ?? '', head.doc.line, head.doc.contentLine)))
      this.queue.shift()
      if (!parsed.ok) this.collector.error(parsed.line, parsed.message)
      else this.addWhole(head.doc, parsed.value)
    }
  }

  private process(doc: YamlDocument, items: SplitItem[]): void {
    if (doc.splitItems > 0 && this.loadSplitList(doc, items)) return
    this.loadWhole(doc)
  }

  // A List read entry by entry. False when the text turns out not to have that shape.
  private loadSplitList(doc: YamlDocument, items: SplitItem[]): boolean {
    if (doc.text === undefined) return false
    const envelope = parseYaml(doc.text, doc.line)
    if (!envelope.ok || !isListEnvelope(envelope.value)) return false
    if (items.some(({parsed}) => parsed?.ok && !isSingleEntry(parsed.value))) return false
    if (items.some(({parsed}) => parsed && !parsed.ok)) {
      // an entry may fail alone yet parse in its document, e.g. an alias to an anchor in another entry
      const whole = this.parseWhole(doc)
      if (whole.ok) {
        this.addWhole(doc, whole.value)
        return true
      }
    }
    const list = envelope.value
    items.forEach(({parsed, start, end, line}, index) => {
      if (!parsed) return this.collector.tooLarge(line, end - start)
      if (!parsed.ok) return this.collector.error(parsed.line, parsed.message)
      const span = {start, end, line, column: 1, prefix: [0]}
      const placement = {document: doc.index, item: index, line, size: end - start, span}
      this.collector.addListItem(list, (parsed.value as [unknown])[0], placement)
    })
    return true
  }

  private loadWhole(doc: YamlDocument): void {
    const size = doc.end - doc.start
    // only a List may be larger than an object can be: anything else is refused without parsing it
    if (size > this.maxBytes && !doc.hasItemsKey) return this.collector.tooLarge(doc.contentLine, size)
    const parsed = this.parseWhole(doc)
    if (!parsed.ok) return this.collector.error(parsed.line, parsed.message)
    this.addWhole(doc, parsed.value)
  }

  private get maxBytes(): number {
    return this.collector.maxObjectBytes
  }

  private parseWhole(doc: YamlDocument): Parsed {
    const text = doc.splitItems === 0 && doc.text !== undefined ? doc.text : readText(this.source, doc.start, doc.end)
    if (typeof text !== 'string') return {ok: false, message: text.message, line: doc.contentLine}
    return parseYaml(text, doc.line, doc.contentLine)
  }

  private addWhole(doc: YamlDocument, value: unknown): void {
    const span = {start: doc.start, end: doc.end, line: doc.line, column: 1, prefix: []}
    this.collector.addDocument(value, {document: doc.index, line: doc.contentLine, size: doc.end - doc.start, span})
  }
}
