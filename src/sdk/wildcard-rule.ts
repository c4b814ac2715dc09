import {describePeer, type Direction, type NetworkPolicyView, type PolicyRule} from '../inventory/network/policy.js'
import {portScope, type PortScope, type WildcardPeer, wildcardPeers} from '../inventory/network/openness.js'
import type {Severity} from '../model/severity.js'
import type {Rule, RuleMeta} from './types.js'

export interface WildcardPeerRuleOptions {
  direction: Direction
  /** the kinds of wildcard peer this rule reports */
  kinds: readonly WildcardPeer['kind'][]
  meta: RuleMeta
  /** the severity of one finding, from the peer and the reach of its rule's ports */
  grade: (wild: WildcardPeer, ports: PortScope) => Severity
  /** what the peer lets through, e.g. "has no `to`, so it allows every destination" */
  describe: (wild: WildcardPeer) => string
}

const PORTS: Record<PortScope, string> = {all: 'on every port', dns: 'on the DNS port only', some: 'on the listed ports'}

/**
 * A rule reporting each wildcard peer of the given kinds in the rules of one direction, for policies
 * that isolate that direction (rules of a policy that does not isolate it have no effect).
 */
export function wildcardPeerRule(options: WildcardPeerRuleOptions): Rule<NetworkPolicyView> {
  const {direction, kinds, meta, grade, describe} = options
  const name = direction === 'ingress' ? 'Ingress' : 'Egress'
  return {
    meta,
    check(policy, ctx) {
      if (!policy.isolates[direction]) {
        ctx.skip(`the policy does not isolate ${direction}, so its ${direction} rules have no effect`)
        return
      }
      for (const rule of policy[direction]) {
        const ports = portScope(rule)
        for (const wild of wildcardPeers(rule).filter((w) => kinds.includes(w.kind))) {
          ctx.report({
            message: `${name} rule ${rule.index} of NetworkPolicy ${policy.namespace}/${policy.name} ${describe(wild)} ${PORTS[ports]}, for pods matching ${policy.podSelector.text}.`,
            path: wild.path,
            severity: grade(wild, ports),
            evidence: evidenceOf(rule, wild, ports),
          })
        }
      }
    },
  }
}

function evidenceOf(rule: PolicyRule, wild: WildcardPeer, ports: PortScope): Record<string, unknown> {
  return {
    rule: rule.index,
    wildcard: wild.kind,
    peer: wild.peer ? describePeer(wild.peer) : 'none',
    ports: rule.ports ? rule.ports.map((p) => `${p.protocol}/${p.port ?? '*'}${p.endPort ? `-${p.endPort}` : ''}`) : 'all',
    portScope: ports,
    ...(wild.exceptsPrivate === undefined ? {} : {exceptsPrivateRanges: wild.exceptsPrivate}),
  }
}
