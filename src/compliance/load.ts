import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'

import {UserError} from '../errors.js'
import {type Catalog, CatalogError, parseCatalog} from './catalog.js'
import {assetPath} from '../util/assets.js'

/** `rules/frameworks/` beside `src/` in a checkout; the build copies it to `dist/rules/frameworks/` beside `dist/src/`. */
export const BUILTIN_FRAMEWORKS_DIR = assetPath('rules', 'frameworks')

function catalogFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name))
}

function readDir(dir: string): Catalog[] {
  const catalogs: Catalog[] = []
  for (const file of catalogFiles(dir)) {
    const label = path.relative(process.cwd(), file) || file
    try {
      catalogs.push(parseCatalog(readFileSync(file, 'utf8'), label))
    } catch (error) {
      if (error instanceof CatalogError) throw new UserError(`framework catalog ${error.message}`)
      throw error
    }
  }
  const ids = new Map<string, string>()
  for (const c of catalogs) {
    const other = ids.get(c.id)
    if (other) throw new UserError(`framework catalog ${c.file}: id ${c.id} is already used by ${other}`)
    ids.set(c.id, c.file)
  }
  return catalogs
}

let builtins: Catalog[] | undefined

/**
 * The catalogs: the built-in ones, with those in `dir` (`--frameworks-dir`) replacing a built-in catalog of
 * the same id or adding a framework. Sorted by id.
 */
export function loadCatalogs(dir?: string): Catalog[] {
  builtins ??= readDir(BUILTIN_FRAMEWORKS_DIR)
  if (dir === undefined) return builtins
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`no such frameworks folder: ${dir} — pass a folder of catalog files (*.yaml)`)
  const own = readDir(dir)
  if (own.length === 0) throw new UserError(`${dir} holds no framework catalog (*.yaml)`)
  const byId = new Map(builtins.map((c) => [c.id, c]))
  for (const c of own) byId.set(c.id, c)
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id))
}

/** The catalogs limited to `ids` (`--framework`); an unknown id is a usage error naming the known ones. */
export function selectCatalogs(catalogs: readonly Catalog[], ids: readonly string[] | undefined): Catalog[] {
  if (!ids || ids.length === 0) return [...catalogs]
  const known = new Map(catalogs.map((c) => [c.id, c]))
  const unknown = ids.filter((id) => !known.has(id))
  if (unknown.length > 0) throw new UserError(`unknown framework ${unknown.join(', ')}; known: ${[...known.keys()].join(', ')}`)
  return [...new Set(ids)].map((id) => known.get(id) as Catalog)
}
