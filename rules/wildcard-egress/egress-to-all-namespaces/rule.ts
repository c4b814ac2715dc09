import {type Severity, wildcardPeerRule} from '../../../src/sdk/index.js'
import {IN_CLUSTER_EGRESS_CONTROLS} from '../controls.js'

export default wildcardPeerRule({
  direction: 'egress',
  kinds: ['all-namespaces'],
  meta: {
    id: 'ZT-EGR-006',
    slug: 'egress-to-all-namespaces',
    category: 'wildcard-egress',
    title: 'NetworkPolicy allows egress to every pod in every namespace',
    severity: 'medium',
    target: 'NetworkPolicy',
    reads: ['NetworkPolicy'],
    description: `A peer with \`namespaceSelector: {}\` and no \`podSelector\` (or \`podSelector: {}\`) selects every pod in every namespace, so the selected pods can reach any workload in the cluster — lateral movement across tenants and teams.

A peer that narrows it with a specific \`podSelector\` — the usual \`namespaceSelector: {}\` + \`podSelector: {k8s-app: kube-dns}\` for DNS — passes. Only rules of policies that isolate egress are checked.`,
    severityNotes: '**medium** on every port, **low** when `ports` restricts the rule.',
    remediation: 'Select the namespaces (by `kubernetes.io/metadata.name` or a team label) and the pods the workload calls, instead of every namespace.',
    controls: IN_CLUSTER_EGRESS_CONTROLS,
    tags: ['network-policy', 'lateral-movement'],
  },
  grade: (_wild, ports): Severity => (ports === 'all' ? 'medium' : 'low'),
  describe: () => 'allows every pod in every namespace (`namespaceSelector: {}`)',
})
