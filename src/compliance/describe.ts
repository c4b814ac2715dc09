// Text and JSON views of the catalogs for `zt-audit frameworks`.
import {UserError} from '../errors.js'
import type {Catalog} from './catalog.js'
import {type ControlCoverage, coverageOf, type RuleControls} from './coverage.js'

export interface FrameworkSummary {
  id: string
  name: string
  version: string
  url?: string
  confidence: Catalog['confidence']
  controls: number
  automated: number
  manual: number
  notAssessed: number
}

export function summarize(catalog: Catalog, rules: readonly RuleControls[]): FrameworkSummary {
  const coverage = coverageOf(catalog, rules)
  const count = (a: ControlCoverage['assessment']): number => coverage.filter((c) => c.assessment === a).length
  return {
    id: catalog.id,
    name: catalog.name,
    version: catalog.version,
    ...(catalog.url ? {url: catalog.url} : {}),
    confidence: catalog.confidence,
    controls: coverage.length,
    automated: count('automated'),
    manual: count('manual'),
    notAssessed: count('not-assessed'),
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  return rows.map((r) => r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]) : cell)).join('  ').trimEnd()).join('\n') + '\n'
}

/** One line per framework: id, controls and how they are assessed, name and version. */
export function formatFrameworkTable(catalogs: readonly Catalog[], rules: readonly RuleControls[]): string {
  const rows = catalogs.map((c) => summarize(c, rules)).map((s) => [s.id, String(s.controls), String(s.automated), String(s.manual), String(s.notAssessed), `${s.name}, ${s.version}`])
  return table([['ID', 'CONTROLS', 'AUTOMATED', 'MANUAL', 'NOT-ASSESSED', 'NAME'], ...rows])
}

export function findCatalog(catalogs: readonly Catalog[], id: string): Catalog {
  const found = catalogs.find((c) => c.id === id.toLowerCase())
  if (!found) throw new UserError(`no framework ${id}; \`zt-audit frameworks\` lists them: ${catalogs.map((c) => c.id).join(', ')}`)
  return found
}

/** A framework's controls with the rules covering each, or why none does. */
export function describeFramework(catalog: Catalog, rules: readonly RuleControls[]): string {
  const out = [`${catalog.name}, ${catalog.version}`]
  if (catalog.url) out.push(catalog.url)
  out.push(`Identifiers ${catalog.confidence === 'confirmed' ? 'checked against the source below' : 'checked through secondary sources only (see below)'}; catalog ${catalog.file}`)
  if (catalog.source) out.push('', catalog.source)
  if (catalog.notes) out.push('', catalog.notes)
  out.push('')
  const rows = coverageOf(catalog, rules).map(({control, rules: covering, assessment}) => {
    const aliases = Object.entries(control.aliases).map(([version, id]) => `${version}: ${id}`)
    const title = `${control.title}${aliases.length ? ` (${aliases.join(', ')})` : ''}${control.confidence === 'secondary' && catalog.confidence === 'confirmed' ? ' [secondary source]' : ''}`
    const why = covering.length === 0 && control.reason ? ` — ${control.reason}` : ''
    return [control.id, assessment, covering.length ? covering.join(',') : '-', `${title}${why}`]
  })
  out.push(table([['ID', 'ASSESSMENT', 'RULES', 'TITLE'], ...rows]).trimEnd())
  if (catalog.unconfirmed.ids.length > 0) out.push('', `Not catalogued (unconfirmed): ${catalog.unconfirmed.ids.join(', ')} — ${catalog.unconfirmed.reason}`)
  return `${out.join('\n')}\n`
}

/** The catalog with each control's derived assessment and covering rules, for --json. */
export function catalogJson(catalog: Catalog, rules: readonly RuleControls[]): Record<string, unknown> {
  return {
    ...catalog,
    controls: coverageOf(catalog, rules).map(({control, rules: covering, assessment}) => ({...control, assessment, rules: covering})),
  }
}
