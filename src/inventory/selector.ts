import type {LabelSelector, LabelSelectorRequirement} from '../model/kube.js'
import {isRecord} from '../util/guards.js'

export type Labels = Readonly<Record<string, string>>

/** A compiled Kubernetes label selector (metav1.LabelSelector semantics). */
export interface Selector {
  matches(labels: Labels): boolean
  /** `{}`: selects everything */
  readonly everything: boolean
  /** the label keys it reads, for indexing */
  readonly keys: readonly string[]
  /** e.g. `app=web, tier in (a,b)`; `{}` for everything */
  readonly text: string
}

const EVERYTHING: Selector = {matches: () => true, everything: true, keys: [], text: '{}'}
const NOTHING: Selector = {matches: () => false, everything: false, keys: [], text: '<invalid selector>'}

function requirement(expr: LabelSelectorRequirement): ((labels: Labels) => boolean) | undefined {
  const values = Array.isArray(expr.values) ? expr.values.map(String) : []
  const {key} = expr
  switch (expr.operator) {
    case 'In':
      return (labels) => Object.hasOwn(labels, key) && values.includes(labels[key])
    case 'NotIn':
      // a pod without the key satisfies NotIn, as in Kubernetes
      return (labels) => !Object.hasOwn(labels, key) || !values.includes(labels[key])
    case 'Exists':
      return (labels) => Object.hasOwn(labels, key)
    case 'DoesNotExist':
      return (labels) => !Object.hasOwn(labels, key)
    default:
      return undefined
  }
}

function describeRequirement(expr: LabelSelectorRequirement): string {
  const values = Array.isArray(expr.values) ? expr.values.join(',') : ''
  switch (expr.operator) {
    case 'Exists':
      return expr.key
    case 'DoesNotExist':
      return `!${expr.key}`
    case 'In':
      return `${expr.key} in (${values})`
    case 'NotIn':
      return `${expr.key} notin (${values})`
    default:
      return `${expr.key} ${String(expr.operator)} (${values})`
  }
}

/**
 * Compiles a selector that is present in the object. `{}` (and a selector whose lists are empty)
 * selects everything. A malformed selector (unknown fields or operators) selects nothing: such an
 * object is rejected when applied, so it protects nothing.
 */
export function compileSelector(raw: unknown): Selector {
  if (raw === null || raw === undefined) return EVERYTHING
  if (!isRecord(raw)) return NOTHING
  // anything but matchLabels/matchExpressions (e.g. `podSelector: {app: web}`) is not a LabelSelector;
  // kubectl's strict validation rejects it, so it selects nothing rather than silently everything
  if (Object.keys(raw).some((key) => key !== 'matchLabels' && key !== 'matchExpressions')) return NOTHING
  const selector = raw as LabelSelector
  const tests: ((labels: Labels) => boolean)[] = []
  const keys = new Set<string>()
  const parts: string[] = []
  if (selector.matchLabels !== undefined && selector.matchLabels !== null) {
    if (!isRecord(selector.matchLabels)) return NOTHING
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      const wanted = String(value)
      tests.push((labels) => labels[key] === wanted && Object.hasOwn(labels, key))
      keys.add(key)
      parts.push(`${key}=${wanted}`)
    }
  }
  if (selector.matchExpressions !== undefined && selector.matchExpressions !== null) {
    if (!Array.isArray(selector.matchExpressions)) return NOTHING
    for (const expr of selector.matchExpressions as unknown[]) {
      if (!isRecord(expr) || typeof expr.key !== 'string') return NOTHING
      const test = requirement(expr as unknown as LabelSelectorRequirement)
      if (!test) return NOTHING
      tests.push(test)
      keys.add(expr.key)
      parts.push(describeRequirement(expr as unknown as LabelSelectorRequirement))
    }
  }
  if (tests.length === 0) return EVERYTHING
  return {
    matches: (labels) => tests.every((test) => test(labels)),
    everything: false,
    keys: [...keys],
    text: parts.join(', '),
  }
}
