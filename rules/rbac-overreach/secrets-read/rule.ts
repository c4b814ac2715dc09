import {grantRule, SUBJECT_READS, SYSTEM_NOTE} from '../grant-rule.js'
import {secretsRead} from '../permissions.js'

export default grantRule(
  {
    id: 'ZT-RBAC-003',
    slug: 'secrets-read',
    category: 'rbac-overreach',
    title: 'Subject can read Secrets',
    severity: 'high',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `\`get\`, \`list\` or \`watch\` on \`secrets\` hands over credentials: service account tokens, TLS keys, database passwords. \`list\` and \`watch\` return every Secret's contents, not just names, so they are as much a read as \`get\`. Each binding in the input that grants a read of secrets (through the rule as written, a \`*\` in verbs or resources, or an aggregated ClusterRole that gained it through a label) is reported on the subject, pointing at the binding's entry that names it, with the role and the rule line as evidence. A binding to the built-in \`edit\` or \`admin\` role counts: both read and write Secrets. \`view\` does not. \`get\` on \`configmaps\` passes. Full admin rights are ZT-RBAC-002's and not repeated here.

${SYSTEM_NOTE}`,
    severityNotes: '- **high**: every Secret of the cluster (ClusterRoleBinding);\n- **medium**: every Secret of one namespace (RoleBinding);\n- one level lower when `resourceNames` limits the rule to named Secrets.',
    remediation: 'Mount the Secrets a workload needs instead of letting it read them through the API. When API access is needed, limit the rule to the named Secrets with `resourceNames` and to `get`, in a Role in the Secrets\' namespace.',
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: read-own-config
  namespace: payments
rules:
  - apiGroups: [""]
    resources: [configmaps]
    resourceNames: [payments-api-config]
    verbs: [get]`,
    controls: {
      'cis-k8s': ['5.1.2'],
      'nsa-cisa': ['NSA-AA-RBAC', 'NSA-NS-SEC'],
      'nist-800-207': ['T6'],
      'nist-800-53': ['AC-6', 'AC-3'],
      'pci-dss': ['7.2.2', '7.2.5'],
    },
    tags: ['rbac', 'credential-access'],
  },
  secretsRead,
)
