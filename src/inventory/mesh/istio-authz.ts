import type {FieldPath, Resource} from '../../model/resource.js'
import {asArray, asRecord, asString, isRecord} from '../../util/guards.js'

/** A way an ALLOW rule admits far more callers than an allow-list should. */
export interface AllowAnyRule {
  index: number
  path: FieldPath
  /** every-request: `{}`, a rule without from, to or when; any-identity: principals or namespaces `*` */
  kind: 'every-request' | 'any-identity'
  /** the rule narrows what may be called (`to`) or when (`when`) */
  narrowed: boolean
}

export interface AuthorizationPolicyView {
  resource: Resource
  name: string
  namespace: string
  action: string
  /** namespace-wide (or mesh-wide in the root namespace) when it has no selector and no targetRef */
  selected: boolean
  /** `rules` absent or empty: an ALLOW policy then allows nothing */
  ruleCount: number
}

export function compileAuthorizationPolicy(resource: Resource): AuthorizationPolicyView {
  const spec = asRecord(resource.object.spec)
  const selector = asRecord(spec.selector)
  const selected = Object.keys(asRecord(selector.matchLabels)).length > 0 || isRecord(spec.targetRef) || asArray(spec.targetRefs).length > 0
  return {
    resource,
    name: resource.ref.name,
    namespace: resource.ref.namespace ?? 'default',
    action: (asString(spec.action) ?? 'ALLOW').toUpperCase(),
    selected,
    ruleCount: asArray(spec.rules).length,
  }
}

const isWildcardList = (value: unknown): boolean => asArray(value).some((v) => v === '*')

/**
 * Rules of an ALLOW policy that admit every caller: an empty rule matches every request; a source whose
 * principals or namespaces are `*` matches any authenticated workload (any mesh identity).
 */
export function allowAnyRules(resource: Resource): AllowAnyRule[] {
  const spec = asRecord(resource.object.spec)
  if ((asString(spec.action) ?? 'ALLOW').toUpperCase() !== 'ALLOW') return []
  const found: AllowAnyRule[] = []
  asArray(spec.rules).forEach((raw, index) => {
    const rule = asRecord(raw)
    const path: FieldPath = ['spec', 'rules', index]
    const from = asArray(rule.from).map((f) => asRecord(asRecord(f).source))
    const narrowed = asArray(rule.to).length > 0 || asArray(rule.when).length > 0
    if (from.length === 0 && !narrowed) {
      found.push({index, path, kind: 'every-request', narrowed: false})
      return
    }
    from.forEach((source, i) => {
      const keys = Object.keys(source)
      if (keys.length === 0) {
        found.push({index, path: [...path, 'from', i, 'source'], kind: 'every-request', narrowed})
        return
      }
      // a wildcard identity counts only when nothing else in the source narrows it
      const identity = ['principals', 'namespaces'].find((k) => isWildcardList(source[k]))
      const others = keys.filter((k) => asArray(source[k]).length > 0 && !isWildcardList(source[k]))
      if (identity && others.length === 0) found.push({index, path: [...path, 'from', i, 'source', identity], kind: 'any-identity', narrowed})
    })
  })
  return found
}
