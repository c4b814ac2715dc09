import type {Finding} from '../../model/finding.js'
import type {ResourceRef} from '../../model/resource.js'

/**
 * Characters that change how the text around them reads without showing themselves: C0/C1 controls
 * (except tab and newline), bidi embeddings, overrides and isolates (a name can be written to read
 * backwards), zero-width characters and the BOM.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g

/** Names and values from the input are shown as written, but invisible characters are made visible. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => codePoint(c.codePointAt(0) ?? 0))
}

export function codePoint(cp: number): string {
  return `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`
}

export function resourceLabel(ref: Pick<ResourceRef, 'kind' | 'namespace' | 'name'>): string {
  return visible([ref.kind, ref.namespace, ref.name].filter(Boolean).join('/'))
}

/** The namespace a finding belongs to for filtering: a Namespace is its own; cluster-wide objects have none. */
export function namespaceOf(f: Finding): string {
  return f.resource.namespace ?? (f.resource.kind === 'Namespace' ? f.resource.name : '')
}

export function locationLabel(f: Finding): string {
  return f.location ? visible(`${f.location.file}:${f.location.line}`) : ''
}

/** Wall-clock time as an auditor files it: UTC, to the second, whatever the reader's time zone. */
export function utcTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return visible(iso)
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

export function duration(ms: number | undefined): string {
  if (ms === undefined) return ''
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

/** A score as the JSON has it: one decimal at most. */
export function scoreText(value: number): string {
  return String(Math.round(value * 10) / 10)
}
