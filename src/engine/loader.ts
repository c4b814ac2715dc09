import {existsSync, readdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import {UserError} from '../errors.js'
import {assetPath} from '../util/assets.js'
import type {Rule} from '../sdk/types.js'
import {ruleProblems} from './validate.js'

/** The folder of built-in rules: `rules/` beside `src/` in a checkout, `dist/rules/` once built. */
const BUILTIN_DIR = assetPath('rules')
/** Rule modules are TypeScript under development and JavaScript once built, like this file. */
const OWN_EXTENSION = path.extname(fileURLToPath(import.meta.url))

export interface LoadedRule {
  rule: Rule
  /** the module it came from, for messages and docs */
  file: string
  builtin: boolean
}

async function importRules(file: string, builtin: boolean): Promise<LoadedRule[]> {
  const label = path.relative(process.cwd(), file) || file
  let module: {default?: unknown}
  try {
    module = (await import(pathToFileURL(file).href)) as {default?: unknown}
  } catch (error) {
    throw new UserError(`rule module ${label} could not be loaded: ${(error as Error).message}`)
  }
  if (module.default === undefined) throw new UserError(`rule module ${label} has no default export; export a rule or a list of rules`)
  const candidates = Array.isArray(module.default) ? (module.default as unknown[]) : [module.default]
  return candidates.map((candidate, index) => {
    const problems = ruleProblems(candidate)
    if (problems.length > 0) {
      const which = candidates.length > 1 ? ` (rule ${index + 1})` : ''
      throw new UserError(`rule module ${label}${which} is malformed: ${problems.join('; ')}`)
    }
    return {rule: candidate as Rule, file, builtin}
  })
}

/** `rules/<category>/<slug>/rule.ts|js`: the built-in rules. */
export async function loadBuiltinRules(dir = BUILTIN_DIR): Promise<LoadedRule[]> {
  const files: string[] = []
  for (const category of readdirSync(dir).sort()) {
    const categoryDir = path.join(dir, category)
    if (!statSync(categoryDir).isDirectory()) continue
    for (const slug of readdirSync(categoryDir).sort()) {
      const file = path.join(categoryDir, slug, `rule${OWN_EXTENSION}`)
      if (existsSync(file)) files.push(file)
    }
  }
  return (await Promise.all(files.map((f) => importRules(f, true)))).flat()
}

const PLUGIN_EXTENSIONS = new Set(['.js', '.mjs'])

/**
 * Plug-in rules: a module file, or a folder whose `*.js`/`*.mjs` files and `<name>/rule.js` files are
 * rule modules. Each must default-export a rule or a list of rules.
 */
export async function loadPluginRules(locations: readonly string[]): Promise<LoadedRule[]> {
  const files: string[] = []
  for (const location of locations) {
    const absolute = path.resolve(location)
    if (!existsSync(absolute)) throw new UserError(`no such rules folder or module: ${location}`)
    if (!statSync(absolute).isDirectory()) {
      files.push(absolute)
      continue
    }
    for (const entry of readdirSync(absolute, {withFileTypes: true}).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(absolute, entry.name)
      if (entry.isFile() && PLUGIN_EXTENSIONS.has(path.extname(entry.name))) files.push(full)
      else if (entry.isDirectory()) {
        for (const ext of PLUGIN_EXTENSIONS) if (existsSync(path.join(full, `rule${ext}`))) files.push(path.join(full, `rule${ext}`))
      }
    }
  }
  const loaded: LoadedRule[] = []
  for (const file of files) loaded.push(...(await importRules(file, false)))
  return loaded
}

/** Built-in rules followed by plug-ins, with ids checked for clashes. */
export async function loadRules(pluginLocations: readonly string[] = []): Promise<LoadedRule[]> {
  const all = [...(await loadBuiltinRules()), ...(await loadPluginRules(pluginLocations))]
  const seen = new Map<string, string>()
  for (const {rule, file} of all) {
    const previous = seen.get(rule.meta.id)
    if (previous) {
      throw new UserError(`rule id ${rule.meta.id} in ${path.relative(process.cwd(), file)} is already used by ${path.relative(process.cwd(), previous)}`)
    }
    seen.set(rule.meta.id, file)
  }
  return all.sort((a, b) => a.rule.meta.id.localeCompare(b.rule.meta.id))
}
