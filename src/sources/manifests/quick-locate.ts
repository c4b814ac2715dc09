import type {FieldPath} from '../../model/resource.js'
import {objectMember, skipSpace, skipValue, unescapeDouble} from './json-tokens.js'

/** A position in a text, from 1, and how many path segments were matched to reach it. */
export interface QuickFound {
  line: number
  column: number
  endLine: number
  depth: number
}

/** The text uses something the quick readers do not follow (flow style, anchors, merge keys, tags, tabs …). */
export const UNSUPPORTED = 'unsupported'
export type QuickResult = QuickFound | undefined | typeof UNSUPPORTED

// Keys whose text differs from their parsed form (booleans, nulls, numbers in YAML 1.1) are left to the full parser.
const RESOLVED_FORM = /^(?:true|false|null|-?\d[\d_.e+-]*|\.inf|-\.inf|\.nan)$/i
const KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s'"#&*!|>%@`{}[\],?:-][^#]*?|-[^\s#][^#]*?))[ \t]*:(?:[ \t]|$)/
const FLOW_OR_SPECIAL = /^[{[*&!|>'"%@`]/

interface Container {
  kind: 'map' | 'seq'
  from: number
  to: number
  indent: number
}

const indentOf = (line: string): number => line.length - line.trimStart().length
const isBlank = (line: string): boolean => {
  const trimmed = line.trimStart()
  return trimmed === '' || trimmed.startsWith('#')
}
const isDash = (line: string, indent: number): boolean => line[indent] === '-' && (line.length === indent + 1 || line[indent + 1] === ' ')

/**
 * Finds a field in block-style YAML as kubectl, helm and most people write it, reading lines and indentation
 * only: about a hundred times cheaper than building a syntax tree. Anything it does not follow with certainty
 * answers UNSUPPORTED, and the caller asks the full parser.
 */
export function locateInBlockYaml(text: string, path: FieldPath): QuickResult {
  // tabs cannot indent YAML, and deciding what they mean elsewhere is the parser's job
  if (text.includes('\t') && /^ *\t/m.test(text)) return UNSUPPORTED
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
  let first = 0
  for (; first < lines.length; first++) {
    const line = lines[first]
    if (isBlank(line) || line.startsWith('%')) continue
    if (/^---(\s|$)/.test(line)) {
      if (!isBlank(line.slice(3))) return UNSUPPORTED
      continue
    }
    break
  }
  if (first === lines.length) return undefined
  const indent = indentOf(lines[first])
  let container: Container | undefined = {kind: isDash(lines[first], indent) ? 'seq' : 'map', from: first, to: lines.length, indent}
  let found: QuickFound | undefined
  for (let depth = 0; depth < path.length && container; depth++) {
    const step: Step = container.kind === 'seq' ? seqItem(lines, container, path[depth]) : mapEntry(lines, container, String(path[depth]))
    if (step === UNSUPPORTED) return UNSUPPORTED
    if (!step) break
    found = {...step.found, depth: depth + 1}
    if (step.child === UNSUPPORTED) return depth + 1 < path.length ? UNSUPPORTED : found
    container = step.child
  }
  return found
}

type Step = {found: Omit<QuickFound, 'depth'>; child: Container | undefined | typeof UNSUPPORTED} | undefined | typeof UNSUPPORTED

/** The last content line before `end`, from 1. */
function lastContent(lines: string[], from: number, end: number): number {
  for (let l = end - 1; l > from; l--) if (!isBlank(lines[l])) return l + 1
  return from + 1
}

/** The block that holds a value starting after line `at`, ending before `end`. */
function childBlock(lines: string[], at: number, end: number, minIndent: number): Container | undefined {
  for (let l = at + 1; l < end; l++) {
    if (isBlank(lines[l])) continue
    const indent = indentOf(lines[l])
    if (indent < minIndent) return undefined
    return {kind: isDash(lines[l], indent) ? 'seq' : 'map', from: l, to: end, indent}
  }
  return undefined
}

/** What follows a key's colon or an item's dash on its own line: a nested block, a scalar, or something else. */
function inlineValue(rest: string): 'block' | 'scalar' | typeof UNSUPPORTED {
  const value = rest.replace(/(^|\s)#.*$/, '').trim()
  if (value === '') return 'block'
  if (FLOW_OR_SPECIAL.test(value)) return UNSUPPORTED
  return 'scalar'
}

function mapEntry(lines: string[], container: Container, wanted: string): Step {
  const {from, to, indent} = container
  for (let l = from; l < to; l++) {
    const line = lines[l]
    if (isBlank(line)) continue
    const lineIndent = indentOf(line)
    if (lineIndent > indent) continue
    if (lineIndent < indent) break
    if (isDash(line, indent)) continue // a compact sequence, the value of the key before
    const content = line.slice(indent)
    if (content.startsWith('? ') || content.startsWith('<<')) return UNSUPPORTED
    const match = KEY.exec(content)
    if (!match) return UNSUPPORTED
    const key = match[1] !== undefined ? unescapeDouble(match[1]) : match[2] !== undefined ? match[2].replaceAll("''", "'") : match[3]
    if (key === undefined) return UNSUPPORTED
    if (key !== wanted) continue
    // the value runs until a line at this indentation that is not a compact sequence item, or less indented
    let end = l + 1
    for (; end < to; end++) {
      const next = lines[end]
      if (isBlank(next)) continue
      const nextIndent = indentOf(next)
      if (nextIndent < indent || (nextIndent === indent && !isDash(next, indent))) break
    }
    const found = {line: l + 1, column: indent + 1, endLine: lastContent(lines, l, end)}
    const kind = inlineValue(content.slice(match[0].length))
    if (kind === UNSUPPORTED) return {found, child: UNSUPPORTED}
    return {found, child: kind === 'block' ? childBlock(lines, l, end, indent) : undefined}
  }
  return RESOLVED_FORM.test(wanted) ? UNSUPPORTED : undefined
}

function seqItem(lines: string[], container: Container, wanted: string | number): Step {
  if (typeof wanted !== 'number') return undefined
  const {from, to, indent} = container
  let index = -1
  for (let l = from; l < to; l++) {
    const line = lines[l]
    if (isBlank(line)) continue
    const lineIndent = indentOf(line)
    if (lineIndent > indent) continue
    if (lineIndent < indent || !isDash(line, indent)) break
    if (++index !== wanted) continue
    let end = l + 1
    for (; end < to; end++) if (!isBlank(lines[end]) && indentOf(lines[end]) <= indent) break
    const rest = line.slice(indent + 1)
    const content = rest.trimStart()
    const endLine = lastContent(lines, l, end)
    if (content === '' || content.startsWith('#')) {
      // the item's value starts on the next lines; that is where it is written
      const child = childBlock(lines, l, end, indent + 1)
      // an empty item is a null written just after its dash
      return {found: child ? {line: child.from + 1, column: child.indent + 1, endLine} : {line: l + 1, column: indent + 2, endLine}, child}
    }
    const contentColumn = indent + 1 + (rest.length - content.length)
    const found = {line: l + 1, column: contentColumn + 1, endLine}
    if (isDash(content, 0)) return {found, child: UNSUPPORTED}
    if (KEY.test(content) && !FLOW_OR_SPECIAL.test(content)) {
      // the item is a mapping whose first key shares the dash's line: read that line as if the dash were a space
      lines[l] = ' '.repeat(contentColumn) + content
      return {found, child: {kind: 'map', from: l, to: end, indent: contentColumn}}
    }
    return {found, child: inlineValue(content) === UNSUPPORTED ? UNSUPPORTED : undefined}
  }
  return undefined
}


// Findings on one object are located one after another (the engine groups them), so the steps already
// walked in the last text are remembered: member and element look-ups by offset and segment.
let memoText: string | undefined
let memo = new Map<string, {start: number; value: number} | undefined>()

function step(text: string, pos: number, segment: string | number): {start: number; value: number} | undefined {
  if (text !== memoText) {
    memoText = text
    memo = new Map()
  }
  const key = `${pos}:${typeof segment}:${segment}`
  if (memo.has(key)) return memo.get(key)
  const open = text[pos]
  const hit = open === '{' ? objectMember(text, pos, String(segment)) : open === '[' && typeof segment === 'number' ? arrayElement(text, pos, segment) : undefined
  memo.set(key, hit)
  return hit
}

/** Finds a field in JSON text by walking its tokens; no tree is built. */
export function locateInJson(text: string, path: FieldPath): QuickResult {
  let pos = skipSpace(text, 0)
  let found: {start: number; end: number; depth: number} | undefined
  for (let depth = 0; depth < path.length; depth++) {
    const hit = step(text, pos, path[depth])
    if (hit === undefined) break
    if (hit.start < 0) return UNSUPPORTED
    found = {start: hit.start, end: skipValue(text, hit.value), depth: depth + 1}
    pos = hit.value
  }
  if (!found) return undefined
  const start = position(text, found.start)
  const end = position(text, Math.max(found.start, found.end - 1))
  return {line: start.line, column: start.column, endLine: end.line, depth: found.depth}
}

function position(text: string, offset: number): {line: number; column: number} {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return {line, column: offset - lineStart + 1}
}


function arrayElement(text: string, pos: number, wanted: number): {start: number; value: number} | undefined {
  let i = skipSpace(text, pos + 1)
  for (let index = 0; i < text.length && text[i] !== ']'; index++) {
    if (index === wanted) return {start: i, value: i}
    i = skipSpace(text, skipValue(text, i))
    if (text[i] === ',') i = skipSpace(text, i + 1)
  }
  return undefined
}
