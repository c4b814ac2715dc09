import {existsSync, readFileSync} from 'node:fs'

import jsyaml from 'js-yaml'
import semver from 'semver'

import {UserError} from '../../errors.js'
import {asArray, asRecord, asString, isRecord} from '../../util/guards.js'
import {assetPath} from '../../util/assets.js'

/** A minor (or major) release line with its support window. */
export interface ReleaseLine {
  line: string
  released?: string
  /** YYYY-MM-DD; undefined while the project has not set one */
  eol?: string
  /** the date is the project's estimate, not a fact yet */
  eolApproximate?: boolean
  latest?: string
  /** Linkerd: the first edge release of this major, to place edge releases on a line */
  firstEdge?: string
  source: string
  note?: string
}

export interface Advisory {
  id: string
  aliases: string[]
  published?: string
  severity: 'critical' | 'high' | 'medium' | 'low'
  summary: string
  /** semver range over release versions (`1.2.3`, Linkerd `stable-`/`enterprise-` without the prefix) */
  affected?: string
  /** Linkerd: semver range over edge releases read as `YY.M.N` */
  affectedEdge?: string
  fixed: string[]
  source: string
}

export interface ProductData {
  key: string
  name: string
  lines: ReleaseLine[]
  advisories: Advisory[]
  /** the project stopped making releases altogether on this date */
  retired?: string
  retiredNote?: string
  retiredSource?: string
  /** Istio's rule: the data plane may be this many minors behind its control plane and never ahead */
  skew?: {behind: number; ahead: number}
}

export interface VersionData {
  /** the date the data was last checked against its sources */
  asOf: string
  file: string
  products: ReadonlyMap<string, ProductData>
}

/** Where the shipped data lives: `rules/data/` beside `src/` in a checkout, or above `dist/` once built. */


export function shippedVersionDataFile(): string {
  return assetPath('rules', 'data', 'mesh-versions.yaml')
}

const cache = new Map<string, VersionData>()

/** Reads the version data: the given file (`--version-data`), else the one zt-audit ships. Read once per file. */
export function loadVersionData(file?: string): VersionData {
  const chosen = file ?? shippedVersionDataFile()
  const cached = cache.get(chosen)
  if (cached) return cached
  if (!existsSync(chosen)) throw new UserError(`version data file not found: ${chosen}`)
  let raw: unknown
  try {
    // JSON schema: dates and versions stay strings, as they are written
    raw = jsyaml.load(readFileSync(chosen, 'utf8'), {schema: jsyaml.JSON_SCHEMA})
  } catch (error) {
    throw new UserError(`version data ${chosen}: invalid YAML: ${(error as Error).message.split('\n')[0]}`)
  }
  const data = parseVersionData(raw, chosen)
  cache.set(chosen, data)
  return data
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const SEVERITIES = new Set(['critical', 'high', 'medium', 'low'])

export function parseVersionData(raw: unknown, file: string): VersionData {
  const fail = (message: string): never => {
    throw new UserError(`version data ${file}: ${message}`)
  }
  if (!isRecord(raw)) fail('expected a mapping with asOf and products')
  const root = raw as Record<string, unknown>
  const asOf = asString(root.asOf)
  if (!asOf || !DATE.test(asOf)) fail('asOf must be a date, YYYY-MM-DD')
  const products = new Map<string, ProductData>()
  for (const [key, value] of Object.entries(asRecord(root.products))) {
    const p = asRecord(value)
    const lines = asArray(p.lines).map((l, i): ReleaseLine => {
      const line = asRecord(l)
      if (typeof line.line !== 'string') fail(`products.${key}.lines[${i}].line must be a quoted string such as "1.20"`)
      if (typeof line.source !== 'string') fail(`products.${key}.lines[${i}] has no source`)
      for (const field of ['released', 'eol']) if (line[field] !== undefined && line[field] !== null && !(typeof line[field] === 'string' && DATE.test(line[field]))) fail(`products.${key}.lines[${i}].${field} must be YYYY-MM-DD`)
      return line as unknown as ReleaseLine
    })
    const advisories = asArray(p.advisories).map((a, i): Advisory => {
      const adv = asRecord(a)
      const where = `products.${key}.advisories[${i}]`
      if (typeof adv.id !== 'string') fail(`${where}.id must be a string`)
      if (typeof adv.source !== 'string') fail(`${where} has no source`)
      for (const field of ['affected', 'affectedEdge']) if (adv[field] !== undefined && (typeof adv[field] !== 'string' || semver.validRange(adv[field]) === null)) fail(`${where}.${field} is not a semver range`)
      if (adv.affected === undefined && adv.affectedEdge === undefined) fail(`${where} has no affected range`)
      const severity = asString(adv.severity) ?? 'high'
      if (!SEVERITIES.has(severity)) fail(`${where}.severity must be critical, high, medium or low`)
      return {...(adv as unknown as Advisory), aliases: asArray(adv.aliases).map(String), fixed: asArray(adv.fixed).map(String), severity: severity as Advisory['severity'], summary: asString(adv.summary) ?? ''}
    })
    products.set(key, {
      key,
      name: asString(p.name) ?? key,
      lines,
      advisories,
      ...(typeof p.retired === 'string' ? {retired: p.retired, retiredNote: asString(p.retiredNote) ?? '', retiredSource: asString(p.retiredSource) ?? ''} : {}),
      ...(isRecord(p.skew) ? {skew: {behind: Number(p.skew.behind ?? 1), ahead: Number(p.skew.ahead ?? 0)}} : {}),
    })
  }
  return {asOf: asOf!, file, products}
}

/** How old the data is on the scan's clock; stale past 180 days, when the report must say so. */
export function versionDataAge(data: VersionData, now: Date): {asOf: string; ageDays: number; stale: boolean} {
  const ageDays = Math.floor((now.getTime() - Date.parse(`${data.asOf}T00:00:00Z`)) / 86_400_000)
  return {asOf: data.asOf, ageDays, stale: ageDays > 180}
}
