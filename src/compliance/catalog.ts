// A framework's control catalog, read from a YAML data file (rules/frameworks/*.yaml). Which rules cover a
// control is not in the file: it comes from the rules' own metadata (see coverage.ts).
import {parse} from 'yaml'

import {isRecord} from '../util/guards.js'

/** How a control is assessed: by rules (derived), by a person, or not at all yet. */
export type Assessment = 'automated' | 'manual' | 'not-assessed'

/** How far an identifier and title were checked: in the primary source, or only through others quoting it. */
export type Confidence = 'confirmed' | 'secondary'

export interface CatalogControl {
  id: string
  /** a short paraphrase, never the framework's own text */
  title: string
  /** sort key within the catalog */
  order: number
  /** the marker for controls no rule covers; `automated` is never written, it is derived */
  assessment?: Exclude<Assessment, 'automated'>
  /** why a control is manual or not assessed */
  reason?: string
  confidence: Confidence
  /** the control's id in another version of the framework, e.g. {'v1.10': '5.7.1'} */
  aliases: Record<string, string>
}

export interface Catalog {
  id: string
  name: string
  version: string
  url?: string
  confidence: Confidence
  source?: string
  notes?: string
  /** identifiers seen but not confirmed: listed so they are not mistaken for missing, never controls */
  unconfirmed: {ids: string[]; reason: string}
  controls: CatalogControl[]
  /** where the catalog was read from */
  file: string
}

const TOP_KEYS = new Set(['id', 'name', 'version', 'url', 'confidence', 'source', 'notes', 'unconfirmed', 'controls'])
const CONTROL_KEYS = new Set(['id', 'title', 'order', 'assessment', 'reason', 'confidence'])
const CONFIDENCES: readonly Confidence[] = ['confirmed', 'secondary']
const MARKERS = ['manual', 'not-assessed'] as const
/** An alias key names another version of the framework: v1.10, 4.0, rev4 … */
const ALIAS_KEY = /^(v|rev)?\d+(\.\d+)*$/

/** Thrown for a malformed catalog; the message names the file and the control. */
export class CatalogError extends Error {}

function text(value: unknown, where: string, field: string, required = true): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw new CatalogError(`${where}: \`${field}\` is missing`)
    return undefined
  }
  if (typeof value === 'number') throw new CatalogError(`${where}: \`${field}\` ${value} was read as a number; quote it`)
  if (typeof value !== 'string' || value.trim() === '') throw new CatalogError(`${where}: \`${field}\` must be non-empty text`)
  return value.trim()
}

function confidenceOf(value: unknown, where: string, fallback: Confidence): Confidence {
  if (value === undefined) return fallback
  if (!CONFIDENCES.includes(value as Confidence)) throw new CatalogError(`${where}: \`confidence\` must be one of ${CONFIDENCES.join(', ')}`)
  return value as Confidence
}

function readControl(raw: unknown, index: number, file: string, catalogConfidence: Confidence): CatalogControl {
  if (!isRecord(raw)) throw new CatalogError(`${file}: controls[${index}] must be a mapping`)
  const id = text(raw.id, `${file}: controls[${index}]`, 'id') as string
  const where = `${file}: control ${id}`
  const aliases: Record<string, string> = {}
  for (const [key, value] of Object.entries(raw)) {
    if (CONTROL_KEYS.has(key)) continue
    if (!ALIAS_KEY.test(key)) throw new CatalogError(`${where}: unknown field \`${key}\` (fields: ${[...CONTROL_KEYS].join(', ')}, or a version such as v1.10)`)
    aliases[key] = text(value, where, key) as string
  }
  if (typeof raw.order !== 'number' || !Number.isFinite(raw.order)) throw new CatalogError(`${where}: \`order\` must be a number`)
  const assessment = raw.assessment
  if (assessment !== undefined && !MARKERS.includes(assessment as (typeof MARKERS)[number])) {
    throw new CatalogError(`${where}: \`assessment\` must be manual or not-assessed (automated is derived from the rules)`)
  }
  const reason = text(raw.reason, where, 'reason', assessment !== undefined)
  if (reason !== undefined && assessment === undefined) throw new CatalogError(`${where}: \`reason\` belongs with \`assessment: manual\` or \`not-assessed\``)
  return {
    id,
    title: text(raw.title, where, 'title') as string,
    order: raw.order,
    ...(assessment === undefined ? {} : {assessment: assessment as CatalogControl['assessment']}),
    ...(reason === undefined ? {} : {reason}),
    confidence: confidenceOf(raw.confidence, where, catalogConfidence),
    aliases,
  }
}

function readUnconfirmed(raw: unknown, file: string): Catalog['unconfirmed'] {
  if (raw === undefined) return {ids: [], reason: ''}
  if (!isRecord(raw) || !Array.isArray(raw.ids)) throw new CatalogError(`${file}: \`unconfirmed\` must have \`ids\` (a list) and \`reason\``)
  const ids = raw.ids.map((id, i) => text(id, `${file}: unconfirmed.ids[${i}]`, 'id') as string)
  return {ids, reason: text(raw.reason, `${file}: unconfirmed`, 'reason') as string}
}

/** Parses and checks one catalog file's text. Controls come back sorted by `order`. */
export function parseCatalog(source: string, file: string): Catalog {
  let raw: unknown
  try {
    raw = parse(source)
  } catch (error) {
    throw new CatalogError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`)
  }
  if (!isRecord(raw)) throw new CatalogError(`${file}: a catalog is a mapping with id, name, version and controls`)
  for (const key of Object.keys(raw)) if (!TOP_KEYS.has(key)) throw new CatalogError(`${file}: unknown field \`${key}\` (fields: ${[...TOP_KEYS].join(', ')})`)
  const id = text(raw.id, file, 'id') as string
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new CatalogError(`${file}: \`id\` ${id} must be kebab-case, as rules name it in their controls`)
  const confidence = confidenceOf(raw.confidence, file, 'confirmed')
  if (!Array.isArray(raw.controls) || raw.controls.length === 0) throw new CatalogError(`${file}: \`controls\` must be a non-empty list`)
  const controls = raw.controls.map((c, i) => readControl(c, i, file, confidence))
  const seen = new Set<string>()
  for (const control of controls) {
    if (seen.has(control.id)) throw new CatalogError(`${file}: control ${control.id} is listed twice`)
    seen.add(control.id)
  }
  const unconfirmed = readUnconfirmed(raw.unconfirmed, file)
  const clash = unconfirmed.ids.find((u) => seen.has(u))
  if (clash) throw new CatalogError(`${file}: ${clash} is both a control and unconfirmed`)
  return {
    id,
    name: text(raw.name, file, 'name') as string,
    version: text(raw.version, file, 'version') as string,
    ...optional('url', text(raw.url, file, 'url', false)),
    confidence,
    ...optional('source', text(raw.source, file, 'source', false)),
    ...optional('notes', text(raw.notes, file, 'notes', false)),
    unconfirmed,
    controls: controls.map((c, position) => ({c, position})).sort((a, b) => a.c.order - b.c.order || a.position - b.position).map(({c}) => c),
    file,
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({[key]: value} as Record<K, string>)
}
