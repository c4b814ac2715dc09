import type {FieldPath} from '../../model/resource.js'
import type {NetworkIndex} from './index.js'
import {admitsEverything} from './openness.js'
import type {Direction, NetworkPolicyView, PolicyRule} from './policy.js'

/** A policy that looks like a default deny for a direction but is not one. */
export interface NearMiss {
  policy: NetworkPolicyView
  path: FieldPath
  why: string
}

/** A rule that allows every peer on every port to (some of) the pods a default deny covers. */
export interface Negation {
  policy: NetworkPolicyView
  rule: PolicyRule
  /** the negating policy selects every pod of the namespace */
  wholeNamespace: boolean
}

export interface Baseline {
  direction: Direction
  /** policies that select every pod (`podSelector: {}`) and isolate this direction */
  denying: NetworkPolicyView[]
  negations: Negation[]
  nearMisses: NearMiss[]
}

const typeName = (direction: Direction): string => (direction === 'ingress' ? 'Ingress' : 'Egress')

/**
 * Whether a namespace has a default deny for one direction: a policy selecting every pod (`{}`) that
 * isolates the direction. Isolation is all it takes — traffic not allowed by some policy is denied — so
 * a namespace-wide policy with narrow allow rules is a default deny too; one whose rule admits
 * everything (e.g. `egress: [{}]`) is not, and neither is any other policy admitting everything to the
 * pods it selects.
 */
export function namespaceBaseline(network: NetworkIndex, namespace: string, direction: Direction): Baseline {
  const policies = network.inNamespace(namespace)
  const denying: NetworkPolicyView[] = []
  const negations: Negation[] = []
  const nearMisses: NearMiss[] = []
  for (const policy of policies) {
    const wholeNamespace = policy.podSelector.everything
    if (policy.isolates[direction]) {
      const open = policy[direction].find(admitsEverything)
      if (open) negations.push({policy, rule: open, wholeNamespace})
      if (wholeNamespace && !open) denying.push(policy)
      else if (open) {
        const why = wholeNamespace
          ? `selects every pod, but its ${direction} rule ${open.index} admits every peer on every port`
          : `admits every peer on every port (${direction} rule ${open.index}) to pods matching ${policy.podSelector.text}`
        nearMisses.push({policy, path: open.path, why})
      } else nearMisses.push({policy, path: ['spec', 'podSelector'], why: `isolates only pods matching ${policy.podSelector.text}`})
    } else if (wholeNamespace) {
      const why = policy.declaredTypes
        ? `selects every pod but its policyTypes [${policy.declaredTypes.join(', ')}] leave ${typeName(direction)} out`
        : `selects every pod but has no policyTypes and no ${direction} rules, so it only isolates ${direction === 'egress' ? 'ingress' : 'egress'}`
      nearMisses.push({policy, path: policy.declaredTypes ? ['spec', 'policyTypes'] : ['spec'], why})
    }
  }
  // the namespace-wide look-alikes first: they are what the author most likely meant as the default deny
  const wide = (m: NearMiss): number => (m.policy.podSelector.everything ? 0 : 1)
  nearMisses.sort((a, b) => wide(a) - wide(b))
  return {direction, denying, negations, nearMisses}
}
