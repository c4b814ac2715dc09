import {grantRule, SUBJECT_READS, SYSTEM_NOTE} from '../grant-rule.js'
import {escalation} from '../permissions.js'

export default grantRule(
  {
    id: 'ZT-RBAC-006',
    slug: 'escalate-bind-impersonate',
    category: 'rbac-overreach',
    title: 'Subject can escalate, bind or impersonate',
    severity: 'critical',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `These verbs switch off RBAC's own protection against privilege escalation. \`escalate\` on roles or clusterroles lets the holder write rules it does not hold itself; \`bind\` lets it bind any role, cluster-admin included, to anyone; \`impersonate\` on users, groups or service accounts lets it act as them (impersonating groups reaches \`system:masters\`). Each binding in the input that grants one of them is reported on the subject, pointing at the binding's entry that names it. Through a RoleBinding, \`escalate\` and \`bind\` hold in the namespace (including binding ClusterRoles there) and \`impersonate\` holds for that namespace's service accounts only: users and groups are not namespaced, so a RoleBinding never grants impersonating them. The built-in \`edit\` and \`admin\` roles impersonate service accounts. Full admin rights are ZT-RBAC-002's.

${SYSTEM_NOTE}`,
    severityNotes: '- **critical**: through a ClusterRoleBinding;\n- **high**: through a RoleBinding;\n- one level lower when `resourceNames` limits the rule to named roles or identities.',
    remediation: 'Remove `escalate`, `bind` and `impersonate` from standing roles. An operator that creates bindings should get `bind` limited with `resourceNames` to the roles it hands out; impersonation for support should be limited to named users and audited.',
    example: `# creating RoleBindings without bind or escalate: RBAC lets the holder bind only what it holds itself
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: namespace-provisioner
rules:
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [rolebindings]
    verbs: [get, list, create, delete]`,
    controls: {
      'cis-k8s': ['5.1.8'],
      'nsa-cisa': ['NSA-AA-RBAC'],
      'nist-800-207': ['T6'],
      'nist-800-53': ['AC-6', 'AC-6(10)'],
      'pci-dss': ['7.2.2'],
    },
    tags: ['rbac', 'privilege-escalation'],
  },
  escalation,
)
