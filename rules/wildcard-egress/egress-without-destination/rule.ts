import {type Severity, wildcardPeerRule} from '../../../src/sdk/index.js'
import {EGRESS_CONTROLS} from '../controls.js'

export default wildcardPeerRule({
  direction: 'egress',
  kinds: ['any-peer'],
  meta: {
    id: 'ZT-EGR-002',
    slug: 'egress-without-destination',
    category: 'wildcard-egress',
    title: 'NetworkPolicy egress rule has no destination',
    severity: 'high',
    target: 'NetworkPolicy',
    reads: ['NetworkPolicy'],
    description: `An egress rule without \`to\` (or with an empty \`to\`) admits every destination: every pod in every namespace and every address outside the cluster. \`egress: [{}]\` is the common form; it turns a policy that looks like a restriction into allow-all egress for the pods it selects, undoing any default deny.

Only rules of policies that isolate egress are checked. A rule whose \`to\` names pods, namespaces or a specific CIDR passes.`,
    severityNotes: `- **high**: no destination and no \`ports\` (allow-all);
- **medium**: no destination, limited to some ports (e.g. 443 to anywhere);
- **low**: no destination, DNS (53) only — a common pattern, but DNS to any server still allows tunnelling data out.`,
    remediation: 'Add a `to` that names the destinations: `podSelector`/`namespaceSelector` for in-cluster services, `ipBlock` with specific CIDRs for external ones. For DNS, allow port 53 to the kube-dns pods only (`namespaceSelector` kubernetes.io/metadata.name=kube-system with `podSelector` k8s-app=kube-dns).',
    controls: EGRESS_CONTROLS,
    tags: ['network-policy', 'exfiltration'],
  },
  grade: (_wild, ports): Severity => (ports === 'all' ? 'high' : ports === 'dns' ? 'low' : 'medium'),
  describe: () => 'has no `to`, so it allows every destination',
})
