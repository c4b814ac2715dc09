import {visible} from './text.js'

/** One evidence fact: a short value on one line, or a structured one as an indented block. */
export interface EvidenceEntry {
  key: string
  text: string
  block: string
  /** the value on one line, whatever its shape: for the PDF, where space is dearer */
  inline: string
}

/** Long values are cut: the JSON report keeps the whole value. */
const BLOCK_LIMIT = 4000
const INLINE_LIMIT = 600
const CUT = '… (cut; the JSON report has the whole value)'

function cut(text: string, limit: number, separator: string): string {
  return text.length > limit ? `${text.slice(0, limit)}${separator}${CUT}` : text
}

function scalar(value: unknown): string | undefined {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'string') return value === '' ? '""' : value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return undefined
}

function line(key: string, text: string): EvidenceEntry {
  return {key: visible(key), text: visible(cut(text, BLOCK_LIMIT, ' ')), block: '', inline: visible(cut(text, INLINE_LIMIT, ' '))}
}

function entry(key: string, value: unknown): EvidenceEntry {
  const one = scalar(value)
  if (one !== undefined) return line(key, one)
  if (Array.isArray(value)) {
    if (value.length === 0) return line(key, 'none')
    const items = value.map(scalar)
    if (items.every((i): i is string => i !== undefined)) return line(key, items.join(', '))
  }
  return {
    key: visible(key),
    text: '',
    block: visible(cut(JSON.stringify(value, null, 2), BLOCK_LIMIT, '\n')),
    inline: visible(cut(JSON.stringify(value), INLINE_LIMIT, ' ')),
  }
}

/** Evidence as a list of facts, in the order the rule wrote them. */
export function evidenceEntries(evidence: Record<string, unknown> | undefined): EvidenceEntry[] {
  if (!evidence || typeof evidence !== 'object') return []
  return Object.entries(evidence).map(([key, value]) => entry(key, value))
}
