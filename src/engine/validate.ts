import {isSeverity} from '../model/severity.js'
import type {Rule} from '../sdk/types.js'
import {isRecord} from '../util/guards.js'

const ID = /^ZT-[A-Z]+-[0-9]{3}$/
const KEBAB = /^[a-z][a-z0-9-]*$/

/** Checks that a module's export is a usable rule; returns what is wrong with it, or nothing. */
export function ruleProblems(candidate: unknown): string[] {
  if (!isRecord(candidate)) return ['it is not an object with `meta` and `check`']
  const problems: string[] = []
  if (typeof candidate.check !== 'function') problems.push('`check` is not a function')
  const meta = candidate.meta
  if (!isRecord(meta)) return [...problems, '`meta` is missing']
  if (typeof meta.id !== 'string' || !ID.test(meta.id)) problems.push(`meta.id ${JSON.stringify(meta.id)} must look like ZT-AREA-123`)
  for (const field of ['slug', 'category'] as const) {
    if (typeof meta[field] !== 'string' || !KEBAB.test(meta[field])) problems.push(`meta.${field} must be kebab-case`)
  }
  for (const field of ['title', 'description', 'remediation', 'target'] as const) {
    if (typeof meta[field] !== 'string' || meta[field].trim() === '') problems.push(`meta.${field} must be a non-empty string`)
  }
  if (!Array.isArray(meta.reads) || !meta.reads.every((kind) => typeof kind === 'string')) problems.push('meta.reads must list the object kinds the rule reads')
  if (!isSeverity(meta.severity)) problems.push('meta.severity must be one of critical, high, medium, low, info')
  if (!isRecord(meta.controls) || !Object.values(meta.controls).every((ids) => Array.isArray(ids) && ids.every((id) => typeof id === 'string'))) {
    problems.push('meta.controls must map framework ids to lists of control ids')
  }
  return problems
}

export function isRule(candidate: unknown): candidate is Rule {
  return ruleProblems(candidate).length === 0
}
