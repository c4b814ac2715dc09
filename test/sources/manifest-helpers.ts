// Shared by the manifest source tests: fixture paths, expected line numbers, scratch folders.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Resource} from '../../src/model/resource.js'

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/manifests')

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8')
}

/** The line (from 1) of the `nth` line of `text` that contains `needle`: expectations read off the fixture. */
export function lineOf(text: string, needle: string, nth = 1): number {
  const lines = text.split('\n')
  let seen = 0
  for (let i = 0; i < lines.length; i++) if (lines[i].includes(needle) && ++seen === nth) return i + 1
  throw new Error(`"${needle}" (#${nth}) is not in the text`)
}

/** The column (from 1) where `needle` starts on line `line` of `text`. */
export function columnOf(text: string, line: number, needle: string): number {
  const at = text.split('\n')[line - 1].indexOf(needle)
  if (at === -1) throw new Error(`"${needle}" is not on line ${line}`)
  return at + 1
}

export function named(resources: Resource[], kind: string, name: string): Resource {
  const found = resources.find((r) => r.ref.kind === kind && r.ref.name === name)
  if (!found) throw new Error(`no ${kind}/${name} among ${resources.map((r) => `${r.ref.kind}/${r.ref.name}`).join(', ')}`)
  return found
}

/** A scratch folder, removed after the current suite. */
export function scratchFolder(): {path: string; remove: () => void} {
  const folder = mkdtempSync(path.join(tmpdir(), 'zt-audit-manifests-'))
  return {path: folder, remove: () => rmSync(folder, {recursive: true, force: true})}
}
