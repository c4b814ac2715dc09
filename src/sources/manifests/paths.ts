import type {Dirent, Stats} from 'node:fs'
import {readdir, stat} from 'node:fs/promises'
import {extname, join, relative, resolve, sep} from 'node:path'
import {UserError} from '../../errors.js'
import {readFailure} from './read-text.js'

export type Input =
  | {type: 'file'; name: string; path: string}
  /** a pipe or device named on the command line, such as a shell's <(kubectl get ...): read once, whole */
  | {type: 'stream'; name: string; path: string}
  | {type: 'stdin'}
  | {type: 'unreadable'; name: string; message: string}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json'])
const MISSING = new Set(['ENOENT', 'ENOTDIR'])

/** A file name as results show it: relative to the working directory, with / separators. */
export function displayName(cwd: string, path: string): string {
  return (relative(cwd, path) || '.').split(sep).join('/')
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

/**
 * Turns command-line paths into the inputs to read, in a stable order: each path in turn, folders walked
 * depth-first with entries sorted by name. Each file is read once even when named twice.
 */
export async function expandPaths(paths: readonly string[], cwd: string): Promise<Input[]> {
  const inputs: Input[] = []
  const seen = new Set<string>()
  const addFile = (path: string): void => {
    if (seen.has(path)) return
    seen.add(path)
    inputs.push({type: 'file', name: displayName(cwd, path), path})
  }

  // Folders are walked recursively for .yaml/.yml/.json files. Dot-folders (.git, ...) are skipped, and
  // symbolic links to folders are not followed, which also rules out loops.
  const walk = async (folder: string): Promise<void> => {
    let entries: Dirent[]
    try {
      entries = await readdir(folder, {withFileTypes: true})
    } catch (error) {
      inputs.push({type: 'unreadable', name: displayName(cwd, folder), message: readFailure(error)})
      return
    }
    for (const entry of entries.sort(byName)) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.')) await walk(path)
      } else if (MANIFEST_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
        // a link to a file is read (a dangling one is reported); a link to a folder is not followed
        if (entry.isFile()) addFile(path)
        else if (entry.isSymbolicLink() && !(await stat(path).catch(() => undefined))?.isDirectory()) addFile(path)
      }
    }
  }

  for (const given of paths) {
    if (given === '-') {
      if (!seen.has('-')) inputs.push({type: 'stdin'})
      seen.add('-')
      continue
    }
    const path = resolve(cwd, given)
    let stats: Stats
    try {
      stats = await stat(path)
    } catch (error) {
      const code = (error as {code?: string}).code
      if (code !== undefined && MISSING.has(code)) {
        throw new UserError(
          `no such file or folder: ${given} — pass a manifest file, a folder of .yaml/.yml/.json files, or - for standard input`,
        )
      }
      inputs.push({type: 'unreadable', name: displayName(cwd, path), message: readFailure(error)})
      continue
    }
    if (stats.isDirectory()) await walk(path)
    else if (stats.isFile()) addFile(path)
    else if (!seen.has(path)) {
      seen.add(path)
      inputs.push({type: 'stream', name: displayName(cwd, path), path})
    }
  }
  return inputs
}
