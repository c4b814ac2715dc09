// Shared by the NetworkPolicy wildcard-egress rules: one kind of wildcard peer each.
import {
  describePeer,
  type NetworkPolicyView,
  type PolicyRule,
  portScope,
  type PortScope,
  type Rule,
  type RuleMeta,
  type Severity,
  type WildcardPeer,
  wildcardPeers,
} from '../../src/sdk/index.js'

export const EGRESS_CONTROLS: RuleMeta['controls'] = {
  'cis-k8s': ['5.3.2'],
  'nsa-cisa': ['NSA-NS-NP', 'NSA-NS-CLOUD'],
  'nist-800-207': ['T4', 'T6'],
  'nist-800-53': ['AC-4', 'SC-7', 'SC-7(5)', 'CM-7'],
  'pci-dss': ['1.3.2', '1.2.5'],
}

const PORTS: Record<PortScope, string> = {all: 'on every port', dns: 'on the DNS port only', some: 'on the listed ports'}

/**
 * A rule reporting each egress peer of one wildcard kind in policies that isolate egress. `grade`
 * gives the severity from the peer and the reach of the rule's ports.
 */
export function egressWildcardRule(
  kind: WildcardPeer['kind'],
  meta: RuleMeta,
  grade: (wild: WildcardPeer, ports: PortScope) => Severity,
  describe: (wild: WildcardPeer) => string,
): Rule<NetworkPolicyView> {
  return {
    meta,
    check(policy, ctx) {
      if (!policy.isolates.egress) {
        ctx.skip('the policy does not isolate egress, so its egress rules have no effect')
        return
      }
      for (const rule of policy.egress) {
        const ports = portScope(rule)
        for (const wild of wildcardPeers(rule).filter((w) => w.kind === kind)) {
          ctx.report({
            message: `Egress rule ${rule.index} of NetworkPolicy ${policy.namespace}/${policy.name} ${describe(wild)} ${PORTS[ports]}, for pods matching ${policy.podSelector.text}.`,
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
    peer: wild.peer ? describePeer(wild.peer) : 'none',
    ports: rule.ports ? rule.ports.map((p) => `${p.protocol}/${p.port ?? '*'}${p.endPort ? `-${p.endPort}` : ''}`) : 'all',
    portScope: ports,
    ...(wild.exceptsPrivate === undefined ? {} : {exceptsPrivateRanges: wild.exceptsPrivate}),
  }
}
