import {grantRule, SUBJECT_READS, SYSTEM_NOTE} from '../grant-rule.js'
import {tokenCreate} from '../permissions.js'

export default grantRule(
  {
    id: 'ZT-RBAC-013',
    slug: 'service-account-token-create',
    category: 'rbac-overreach',
    title: 'Subject can create service account tokens',
    severity: 'high',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `\`create\` on \`serviceaccounts/token\` issues a token for a service account (TokenRequest): the holder becomes that account, with all its permissions, for as long as the token lives. Each binding in the input that grants it is reported on the subject, pointing at the binding's entry that names it. The built-in \`edit\` and \`admin\` roles include it. Full admin rights are ZT-RBAC-002's.

${SYSTEM_NOTE}`,
    severityNotes: '- **high**: for every service account of the cluster (ClusterRoleBinding);\n- **medium**: in one namespace (RoleBinding);\n- one level lower when `resourceNames` limits the rule to named service accounts.',
    remediation: 'Remove `serviceaccounts/token` from roles that do not issue tokens; a component that needs a token for one account should be limited to it with `resourceNames`.',
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: account-reader
  namespace: ci
rules:
  - apiGroups: [""]
    resources: [serviceaccounts]
    verbs: [get, list]`,
    controls: {
      'cis-k8s': ['5.1.13'],
      'nsa-cisa': ['NSA-AA-RBAC', 'NSA-PS-SAT'],
      'nist-800-207': ['T6'],
      'nist-800-53': ['AC-6', 'IA-5'],
      'pci-dss': ['7.2.2'],
    },
    tags: ['rbac', 'credential-access'],
  },
  tokenCreate,
)
