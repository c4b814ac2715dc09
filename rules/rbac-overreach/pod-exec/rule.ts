import {grantRule, SUBJECT_READS, SYSTEM_NOTE} from '../grant-rule.js'
import {podExec} from '../permissions.js'

export default grantRule(
  {
    id: 'ZT-RBAC-004',
    slug: 'pod-exec',
    category: 'rbac-overreach',
    title: 'Subject can exec, attach or port-forward into pods',
    severity: 'high',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `\`create\` on \`pods/exec\`, \`pods/attach\` or \`pods/portforward\` runs commands in, or opens connections into, running containers: the holder acts with every pod's service account token, mounted Secrets and network position, and port-forwarding walks past NetworkPolicy and the mesh's authorization. \`get\` on these subresources is reported one level lower: clusters that do not yet require \`create\` for the WebSocket upgrade (\`AuthorizePodWebsocketUpgradeCreatePermission\`) accept an exec with \`get\` alone. Each binding in the input that grants it is reported on the subject, pointing at the binding's entry that names it. The built-in \`edit\` and \`admin\` roles include all three. Full admin rights are ZT-RBAC-002's.

${SYSTEM_NOTE}`,
    severityNotes: '- **high**: in every namespace (ClusterRoleBinding);\n- **medium**: in one namespace (RoleBinding);\n- one level lower for `get` only, and one more when `resourceNames` limits the rule to named pods.',
    remediation: 'Remove exec, attach and port-forward from standing roles. Grant them just in time for debugging (a short-lived RoleBinding), or use ephemeral debug containers under an admission policy, and audit their use.',
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: log-reader
  namespace: shop
rules:
  - apiGroups: [""]
    resources: [pods, pods/log]
    verbs: [get, list, watch]`,
    controls: {
      'nsa-cisa': ['NSA-AA-RBAC'],
      'nist-800-207': ['T6'],
      'nist-800-53': ['AC-6', 'AC-6(10)'],
      'pci-dss': ['7.2.2'],
    },
    tags: ['rbac', 'execution', 'lateral-movement'],
  },
  podExec,
)
