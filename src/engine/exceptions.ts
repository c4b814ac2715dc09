import type {Finding} from '../model/finding.js'
import type {ExceptionStatus} from '../model/report.js'
import type {Resource, ResourceRef} from '../model/resource.js'
import type {ExceptionSpec, ResourceMatch} from './config.js'

/** `RULE-ID; reason; owner; expires=YYYY-MM-DD`, one per line, on the resource an exception covers. */
export const EXCEPTION_ANNOTATION = 'zt-audit.io/exception'

const DAY = 24 * 60 * 60 * 1000

function glob(pattern: string | undefined, value: string | undefined): boolean {
  if (pattern === undefined || pattern === '*') return true
  if (value === undefined) return false
  const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
  return regex.test(value)
}

export function matchesResource(match: ResourceMatch, ref: ResourceRef): boolean {
  return glob(match.kind, ref.kind) && glob(match.namespace, ref.namespace) && glob(match.name, ref.name)
}

function describe(match: ResourceMatch): string {
  return [match.kind ?? '*', ...(match.namespace === undefined ? [] : [match.namespace]), match.name ?? '*'].join('/')
}

/** The exception no longer applies after its `expires` day has ended (UTC). */
export function isExpired(spec: ExceptionSpec, now: Date): boolean {
  return spec.expires !== undefined && now.getTime() >= Date.parse(spec.expires) + DAY
}

/** Why an exception cannot be applied, or nothing: a reason and an expiry within `maxDays` of the scan are required. */
function problemOf(spec: ExceptionSpec, now: Date, maxDays: number): string | undefined {
  if (spec.problem) return spec.problem
  if (!spec.reason) return 'no reason given'
  if (!spec.expires) return 'no expiry date given (expires=YYYY-MM-DD)'
  const days = Math.floor((Date.parse(spec.expires) - now.getTime()) / DAY)
  if (days > maxDays) return `expires ${spec.expires}, more than ${maxDays} days after the scan (the configured maximum)`
  return undefined
}

/**
 * Exceptions declared on resources themselves with the `zt-audit.io/exception` annotation. Each covers that
 * resource only. Malformed lines are kept, marked with their problem, so the report shows them.
 */
export function annotationExceptions(resources: readonly Resource[]): ExceptionSpec[] {
  const specs: ExceptionSpec[] = []
  for (const resource of resources) {
    const annotations = resource.object.metadata?.annotations
    const value = annotations?.[EXCEPTION_ANNOTATION]
    if (typeof value !== 'string') continue
    const {kind, namespace, name} = resource.ref
    for (const line of value.split('\n').map((l) => l.trim()).filter(Boolean)) {
      const [rule = '', reason = '', ...rest] = line.split(';').map((part) => part.trim())
      const owner = rest.find((part) => part !== '' && !part.startsWith('expires='))
      const expires = rest.find((part) => part.startsWith('expires='))?.slice('expires='.length)
      const validDate = expires !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(expires) && !Number.isNaN(Date.parse(expires))
      specs.push({
        rule: rule || '?',
        resource: {kind, ...(namespace === undefined ? {} : {namespace}), name},
        reason,
        ...(owner ? {owner} : {}),
        ...(expires ? {expires} : {}),
        source: 'annotation',
        ...(!rule ? {problem: `"${line}" does not start with a rule id`} : expires !== undefined && !validDate ? {problem: `expires=${expires} is not a date (YYYY-MM-DD)`} : {}),
      })
    }
  }
  return specs
}

/**
 * Marks the findings that a valid, unexpired exception covers (they stay in the report, suppressed) and
 * reports on every exception: active, expired (no longer applied), unused, or invalid (never applied).
 */
export function applyExceptions(findings: Finding[], specs: readonly ExceptionSpec[], now: Date, maxDays: number): ExceptionStatus[] {
  return specs.map((spec) => {
    const problem = problemOf(spec, now, maxDays)
    const expired = isExpired(spec, now)
    let matched = 0
    for (const finding of findings) {
      if (!glob(spec.rule, finding.ruleId) || !matchesResource(spec.resource, finding.resource)) continue
      matched++
      if (!problem && !expired && !finding.suppressed) {
        finding.suppressed = {reason: spec.reason, ...(spec.owner ? {owner: spec.owner} : {}), ...(spec.expires ? {expires: spec.expires} : {})}
      }
    }
    return {
      rule: spec.rule,
      resource: describe(spec.resource),
      reason: spec.reason,
      ...(spec.owner ? {owner: spec.owner} : {}),
      ...(spec.expires ? {expires: spec.expires} : {}),
      status: problem ? 'invalid' : expired ? 'expired' : matched === 0 ? 'unused' : 'active',
      matched,
      source: spec.source ?? 'config',
      ...(problem ? {problem} : {}),
    }
  })
}
