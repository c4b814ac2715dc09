// Token-level moves over JSON text, for reading a field's position or cutting a member out without parsing.

export function skipSpace(text: string, pos: number): number {
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\n' || text[pos] === '\r' || text[pos] === '\t')) pos++
  return pos
}

/** The offset just past the string starting at `pos`; native searches jump from quote to quote. */
export function skipString(text: string, pos: number): number {
  for (let from = pos + 1; ; ) {
    const quote = text.indexOf('"', from)
    if (quote === -1) return text.length
    let backslashes = 0
    for (let i = quote - 1; i > pos && text.charCodeAt(i) === 0x5c; i--) backslashes++
    if (backslashes % 2 === 0) return quote + 1
    from = quote + 1
  }
}

const STRUCTURE = /["{}[\]]/g
const SCALAR_END = /[,}\]\s]/g

/** The offset just past the value starting at `pos`, jumping between structural characters. */
export function skipValue(text: string, pos: number): number {
  const first = text[pos]
  if (first === '"') return skipString(text, pos)
  if (first !== '{' && first !== '[') {
    SCALAR_END.lastIndex = pos
    return SCALAR_END.exec(text)?.index ?? text.length
  }
  let depth = 0
  STRUCTURE.lastIndex = pos
  for (let match = STRUCTURE.exec(text); match; match = STRUCTURE.exec(text)) {
    const c = match[0]
    if (c === '"') STRUCTURE.lastIndex = skipString(text, match.index)
    else if (c === '{' || c === '[') depth++
    else if (--depth === 0) return match.index + 1
  }
  return text.length
}

export function unescapeDouble(text: string): string | undefined {
  if (!text.includes('\\')) return text
  try {
    return JSON.parse(`"${text}"`) as string
  } catch {
    return undefined
  }
}

/** The member `wanted` of the object at `pos`: where its key starts and where its value starts; start -1 when malformed. */
export function objectMember(text: string, pos: number, wanted: string): {start: number; value: number} | undefined {
  let i = skipSpace(text, pos + 1)
  while (i < text.length && text[i] !== '}') {
    if (text[i] !== '"') return {start: -1, value: -1}
    const keyEnd = skipString(text, i)
    const raw = text.slice(i + 1, keyEnd - 1)
    const key = raw.includes('\\') ? unescapeDouble(raw) : raw
    const colon = skipSpace(text, keyEnd)
    if (text[colon] !== ':') return {start: -1, value: -1}
    const value = skipSpace(text, colon + 1)
    if (key === wanted) return {start: i, value}
    i = skipSpace(text, skipValue(text, value))
    if (text[i] === ',') i = skipSpace(text, i + 1)
  }
  return undefined
}
