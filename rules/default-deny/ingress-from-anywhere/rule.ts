import {describePeer, lowerSeverity, type Severity, wildcardPeerRule} from '../../../src/sdk/index.js'

const WHAT: Record<string, string> = {
  'any-peer': 'has no `from`, so it admits every source',
  'any-address': 'admits every address',
  'all-namespaces': 'admits every pod in every namespace',
}

export default wildcardPeerRule({
  direction: 'ingress',
  kinds: ['any-peer', 'any-address', 'all-namespaces'],
  meta: {
    id: 'ZT-NET-005',
    slug: 'ingress-from-anywhere',
    category: 'default-deny',
    title: 'NetworkPolicy allows ingress from any source',
    severity: 'medium',
    target: 'NetworkPolicy',
    reads: ['NetworkPolicy'],
    description: `An ingress rule that admits every source turns an allow-list into an open door for the pods the policy selects. Reported per rule and peer:
- a rule without \`from\` (or with an empty one): every source, in the cluster and outside;
- an \`ipBlock\` of \`0.0.0.0/0\` or \`::/0\`: every address outside the cluster (even when \`except\` carves out private ranges);
- a \`namespaceSelector: {}\` without a narrowing \`podSelector\`: every pod in every namespace.

A peer that combines \`namespaceSelector: {}\` with a specific \`podSelector\` (e.g. the ingress controller's pods in any namespace) is narrow and passes. Rules of a policy that does not isolate ingress have no effect and are not checked. Public entry points (an ingress controller, a load-balanced frontend) legitimately accept traffic from anywhere: record them as exceptions with a reason.`,
    severityNotes: 'Medium for every source or every address on all ports; one level lower when `ports` restricts the rule; low for every pod in every namespace.',
    remediation: 'Name the sources: the namespaces and pods that must connect (`namespaceSelector` with `podSelector`), or the external CIDRs, and the ports they use.',
    // no CIS control: 5.3.2 asks that every namespace has NetworkPolicies, which one with a too-wide policy has
    controls: {
      'nsa-cisa': ['NSA-NS-NP'],
      'nist-800-207': ['T4', 'T6'],
      'nist-800-53': ['AC-4', 'SC-7(5)'],
      'pci-dss': ['1.2.5', '1.3.1'],
    },
    tags: ['network-policy'],
  },
  grade: (wild, ports): Severity => {
    const severity: Severity = wild.kind === 'all-namespaces' ? 'low' : 'medium'
    return ports === 'all' ? severity : lowerSeverity(severity, 1)
  },
  describe: (wild) => `${WHAT[wild.kind]}${wild.peer ? ` (${describePeer(wild.peer)})` : ''}`,
})
