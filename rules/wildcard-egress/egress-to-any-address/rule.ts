import {lowerSeverity, type Severity, wildcardPeerRule} from '../../../src/sdk/index.js'
import {EGRESS_CONTROLS} from '../controls.js'

export default wildcardPeerRule({
  direction: 'egress',
  kinds: ['any-address'],
  meta: {
    id: 'ZT-EGR-001',
    slug: 'egress-to-any-address',
    category: 'wildcard-egress',
    title: 'NetworkPolicy allows egress to any address (0.0.0.0/0 or ::/0)',
    severity: 'high',
    target: 'NetworkPolicy',
    reads: ['NetworkPolicy'],
    description: `An egress \`ipBlock\` of \`0.0.0.0/0\` or \`::/0\` lets the selected pods connect to any address outside the cluster: the internet, other networks of the company, and — unless excepted — the cloud metadata service at 169.254.169.254. It is the exfiltration and command-and-control path a default deny is meant to close.

The rule also fires when \`except\` carves out the private ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16, or fc00::/7 and fe80::/10): what remains is the whole internet. Only rules of policies that isolate egress are checked (rules of a policy without Egress isolation have no effect). A specific block such as \`203.0.113.0/24\` passes.`,
    severityNotes: `- **high**: the whole address space on every port;
- one level lower (**medium**) when \`except\` removes every private and link-local range, and one level lower again when \`ports\` restricts the rule;
- **low** when the rule allows only DNS (port 53).`,
    remediation: 'Replace the /0 block with the CIDRs of the external services the workload needs, or route egress through an egress gateway or proxy and allow only that. Always except 169.254.169.254/32 when a broad block must stay.',
    controls: EGRESS_CONTROLS,
    tags: ['network-policy', 'exfiltration'],
  },
  grade: (wild, ports): Severity => {
    if (ports === 'dns') return 'low'
    let severity: Severity = 'high'
    if (wild.exceptsPrivate) severity = lowerSeverity(severity, 1)
    if (ports === 'some') severity = lowerSeverity(severity, 1)
    return severity
  },
  describe: (wild) => `allows every address (${wild.peer?.ipBlock?.cidr ?? ''}${wild.peer?.ipBlock?.except.length ? `, except ${wild.peer.ipBlock.except.map((e) => e.cidr).join(', ')}` : ''})`,
})
