import {grantRule, SUBJECT_READS, SYSTEM_NOTE} from '../grant-rule.js'
import {nodesProxy} from '../permissions.js'

export default grantRule(
  {
    id: 'ZT-RBAC-007',
    slug: 'nodes-proxy',
    category: 'rbac-overreach',
    title: 'Subject can reach the kubelet API through nodes/proxy',
    severity: 'high',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `The \`nodes/proxy\` subresource (and the old \`proxy\` verb on \`nodes\`) forwards requests to the kubelet API of every node: running commands in any pod on the node, reading its logs and environment, with no API server audit record of what was run and no admission control. \`get\` is enough for a WebSocket exec. Nodes are not namespaced, so only a ClusterRoleBinding grants it; a RoleBinding of such a role grants nothing and is not reported. Each binding in the input that grants it is reported on the subject, pointing at the binding's entry that names it. Full admin rights are ZT-RBAC-002's.

${SYSTEM_NOTE}`,
    severityNotes: '**high**; one level lower when `resourceNames` limits the rule to named nodes.',
    remediation: 'Monitoring agents need `nodes/metrics` and `nodes/stats`, not `nodes/proxy`. Remove `nodes/proxy` from every role that is not the API server\'s own.',
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-metrics
rules:
  - apiGroups: [""]
    resources: [nodes/metrics, nodes/stats]
    verbs: [get]`,
    controls: {
      'cis-k8s': ['5.1.10'],
      'nsa-cisa': ['NSA-AA-RBAC'],
      'nist-800-207': ['T6'],
      'nist-800-53': ['AC-6', 'AC-6(10)'],
      'pci-dss': ['7.2.2'],
    },
    tags: ['rbac', 'execution'],
  },
  nodesProxy,
)
