import {isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLMap} from 'yaml'
import type {FieldPath, SourceLocation} from '../../model/resource.js'

/** Where an object's text lies in its input, and how to reach the object from the root of that text. */
export interface Span {
  start: number
  end: number
  /** line and column of the span's first byte, from 1 */
  line: number
  column: number
  /** path from the root of the span's text to the object: [0] for a `- ` List entry, ['items', 3] in a whole List */
  prefix: FieldPath
}

/** An input the text of a span can be read back from, synchronously. */
export interface SpanSource {
  /** the file name used in results */
  name: string
  /** unique per input within one load */
  key: string
  read(start: number, end: number): Buffer
}

interface ParsedText {
  doc: Document.Parsed
  lines: LineCounter
}

interface Found {
  start: number
  end: number
}

const CACHE_SIZE = 32
// The `yaml` package spends ~35 KiB per object on its tree: whole Lists are not re-parsed to locate a field.
const MAX_LOCATE_BYTES = 16 * 1024 * 1024

let parseCount = 0

/** How many texts have been parsed for source maps; lets tests check that parsing happens only on demand. */
export function sourceMapParseCount(): number {
  return parseCount
}

/**
 * Resolves field paths to lines and columns by re-reading an object's text and parsing it with the `yaml`
 * package, which keeps positions. Nothing is parsed until a location is asked for; the last few parsed texts
 * are kept, since findings tend to cluster on one object.
 */
export class SourceMaps {
  private readonly cache = new Map<string, ParsedText>()

  locate(source: SpanSource, span: Span, objectLine: number, path: FieldPath): SourceLocation {
    const fallback = {file: source.name, line: objectLine}
    try {
      if (span.end - span.start > MAX_LOCATE_BYTES) return fallback
      const parsed = this.parsed(source, span)
      const found = findPath(parsed.doc, [...span.prefix, ...path], span.prefix.length)
      if (!found) return fallback
      const start = parsed.lines.linePos(found.start)
      const end = parsed.lines.linePos(Math.max(found.start, found.end - 1))
      const line = span.line + start.line - 1
      const endLine = span.line + end.line - 1
      const column = start.line === 1 ? span.column + start.col - 1 : start.col
      return {file: source.name, line, column, ...(endLine > line ? {endLine} : {})}
    } catch {
      return fallback
    }
  }

  private parsed(source: SpanSource, span: Span): ParsedText {
    const key = `${source.key}:${span.start}:${span.end}`
    const cached = this.cache.get(key)
    if (cached) {
      this.cache.delete(key)
      this.cache.set(key, cached)
      return cached
    }
    const text = source.read(span.start, span.end).toString('utf8')
    const lines = new LineCounter()
    parseCount++
    // YAML 1.1, as the objects were read, so keys like `on` or `0755` match their parsed form
    const doc = parseDocument(text, {lineCounter: lines, version: '1.1', uniqueKeys: false, prettyErrors: false})
    const parsed = {doc, lines}
    this.cache.set(key, parsed)
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!)
    return parsed
  }
}

/** The deepest node along `path`, counting only matches past the first `skip` segments. */
function findPath(doc: Document.Parsed, path: FieldPath, skip: number): Found | undefined {
  let node: unknown = doc.contents
  let found: Found | undefined
  for (let i = 0; i < path.length; i++) {
    const step = childAt(doc, resolve(doc, node), path[i])
    if (!step) break
    if (i >= skip) found = step.found
    node = step.node
  }
  return found
}

function resolve(doc: Document.Parsed, node: unknown): unknown {
  for (let hops = 0; isAlias(node) && hops < 100; hops++) node = node.resolve(doc)
  return node
}

function rangeOf(node: unknown): [number, number] | undefined {
  const range = (node as {range?: [number, number, number]} | null)?.range
  return range ? [range[0], range[1]] : undefined
}

function childAt(doc: Document.Parsed, node: unknown, segment: string | number): {node: unknown; found: Found} | undefined {
  if (isSeq(node)) {
    if (typeof segment !== 'number') return undefined
    const item: unknown = node.items[segment]
    const range = rangeOf(item)
    return range ? {node: item, found: {start: range[0], end: range[1]}} : undefined
  }
  if (isMap(node)) return pairAt(doc, node, String(segment), 0)
  return undefined
}

// A key matches by its parsed value or by its text; `<<` merge keys are searched when no key matches.
function pairAt(doc: Document.Parsed, map: YAMLMap, wanted: string, depth: number): {node: unknown; found: Found} | undefined {
  const merged: unknown[] = []
  for (const pair of map.items) {
    const key = pair.key
    if (!isScalar(key)) continue
    if (key.source === '<<') {
      merged.push(pair.value)
      continue
    }
    if (String(key.value) !== wanted && key.source !== wanted) continue
    const keyRange = rangeOf(key)
    if (!keyRange) return undefined
    const valueRange = rangeOf(pair.value)
    return {node: pair.value, found: {start: keyRange[0], end: valueRange ? valueRange[1] : keyRange[1]}}
  }
  if (depth > 10) return undefined
  for (const source of merged) {
    const target = resolve(doc, source)
    const maps = isSeq(target) ? target.items.map((item) => resolve(doc, item)) : [target]
    for (const candidate of maps) {
      if (!isMap(candidate)) continue
      const hit = pairAt(doc, candidate, wanted, depth + 1)
      if (hit) return hit
    }
  }
  return undefined
}
