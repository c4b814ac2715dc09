import type {Finding} from '../model/finding.js'
import type {ExceptionStatus} from '../model/report.js'
import type {ResourceRef} from '../model/resource.js'
import type {ExceptionSpec, ResourceMatch} from './config.js'

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
  return spec.expires !== undefined && now.getTime() >= Date.parse(spec.expires) + 24 * 60 * 60 * 1000
}

/**
 * Marks the findings that an active exception covers (they stay in the report, suppressed) and reports
 * on every exception: active, expired (no longer applied), or unused.
 */
export function applyExceptions(findings: Finding[], specs: readonly ExceptionSpec[], now: Date): ExceptionStatus[] {
  return specs.map((spec) => {
    const expired = isExpired(spec, now)
    let matched = 0
    for (const finding of findings) {
      if (!glob(spec.rule, finding.ruleId) || !matchesResource(spec.resource, finding.resource)) continue
      matched++
      if (!expired && !finding.suppressed) {
        finding.suppressed = {reason: spec.reason, ...(spec.owner ? {owner: spec.owner} : {}), ...(spec.expires ? {expires: spec.expires} : {})}
      }
    }
    return {
      rule: spec.rule,
      resource: describe(spec.resource),
      reason: spec.reason,
      ...(spec.owner ? {owner: spec.owner} : {}),
      ...(spec.expires ? {expires: spec.expires} : {}),
      status: expired ? 'expired' : matched === 0 ? 'unused' : 'active',
      matched,
    }
  })
}
