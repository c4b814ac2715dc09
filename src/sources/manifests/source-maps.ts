import {isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLMap} from 'yaml'
import type {FieldPath, SourceLocation} from '../../model/resource.js'
import {locateInBlockYaml, locateInJson, type QuickFound, UNSUPPORTED} from './quick-locate.js'

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

export interface ParsedText {
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

let readCount = 0

/** How many object texts have been read back for source maps; lets tests check that it happens only on demand. */
export function sourceMapReadCount(): number {
  return readCount
}

/**
 * Resolves field paths to lines and columns by re-reading an object's text. Block-style YAML and JSON are read
 * by the quick readers, which follow lines and tokens without building a tree; anything else is parsed with
 * the `yaml` package, which keeps positions. Nothing is read until a location is asked for; the last few texts
 * are kept, since findings tend to cluster on one object.
 */
export class SourceMaps {
  private readonly cache = new Map<string, CachedText>()

  locate(source: SpanSource, span: Span, objectLine: number, path: FieldPath): SourceLocation {
    const fallback = {file: source.name, line: objectLine}
    try {
      if (span.end - span.start > MAX_LOCATE_BYTES) return fallback
      const cached = this.text(source, span)
      const fullPath = [...span.prefix, ...path]
      const quick = /^\s*[{[]/.test(cached.text) ? locateInJson(cached.text, fullPath) : locateInBlockYaml(cached.text, fullPath)
      if (quick !== UNSUPPORTED) {
        if (!quick || quick.depth <= span.prefix.length) return fallback
        return this.place(source, span, quick.line, quick.column, quick.endLine)
      }
      const found = locateWithParser((cached.parsed ??= parseText(cached.text)), fullPath)
      if (!found || found.depth <= span.prefix.length) return fallback
      return this.place(source, span, found.line, found.column, found.endLine)
    } catch {
      return fallback
    }
  }

  /** A position in the span's text, as a location in the file. */
  private place(source: SpanSource, span: Span, line: number, column: number, endLine: number): SourceLocation {
    const fileLine = span.line + line - 1
    const fileEndLine = span.line + endLine - 1
    const fileColumn = line === 1 ? span.column + column - 1 : column
    return {file: source.name, line: fileLine, column: fileColumn, ...(fileEndLine > fileLine ? {endLine: fileEndLine} : {})}
  }

  private text(source: SpanSource, span: Span): CachedText {
    const key = `${source.key}:${span.start}:${span.end}`
    const cached = this.cache.get(key)
    if (cached) {
      this.cache.delete(key)
      this.cache.set(key, cached)
      return cached
    }
    readCount++
    const entry: CachedText = {text: source.read(span.start, span.end).toString('utf8')}
    this.cache.set(key, entry)
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!)
    return entry
  }
}

interface CachedText {
  text: string
  parsed?: ParsedText
}

/** Parses a text with positions kept, for `locateWithParser`. */
export function parseText(text: string): ParsedText {
  const lines = new LineCounter()
  // YAML 1.1, as the objects were read, so keys like `on` or `0755` match their parsed form
  const doc = parseDocument(text, {lineCounter: lines, version: '1.1', uniqueKeys: false, prettyErrors: false})
  return {doc, lines}
}

/** The deepest node along `path` in a parsed text, with how many segments were matched to reach it. */
export function locateWithParser(parsed: ParsedText, path: FieldPath): QuickFound | undefined {
  const {doc, lines} = parsed
  let node: unknown = doc.contents
  let found: (Found & {depth: number}) | undefined
  for (let i = 0; i < path.length; i++) {
    const step = childAt(doc, resolve(doc, node), path[i])
    if (!step) break
    found = {...step.found, depth: i + 1}
    node = step.node
  }
  if (!found) return undefined
  const start = lines.linePos(found.start)
  const end = lines.linePos(Math.max(found.start, found.end - 1))
  return {line: start.line, column: start.col, endLine: end.line, depth: found.depth}
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
