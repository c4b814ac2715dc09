import {grantRule, SUBJECT_READS, SYSTEM_NOTE} from '../grant-rule.js'
import {fullAdmin} from '../permissions.js'

export default grantRule(
  {
    id: 'ZT-RBAC-002',
    slug: 'cluster-admin-binding',
    category: 'rbac-overreach',
    title: 'Subject holds cluster-admin or an equivalent role',
    severity: 'critical',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `A subject bound to \`cluster-admin\`, or to any role with a rule that has \`*\` in verbs, API groups and resources at once, can do anything: read every secret, run pods as any service account, change RBAC, and turn off every zero-trust control. Each binding in the input that grants it is reported on the subject, pointing at the binding's entry that names it; \`cluster-admin\` is understood without the role in the input. A RoleBinding to such a role gives the same power inside its namespace (including its RBAC, secrets and every service account there).

Membership of \`system:masters\` comes from client certificates and is outside RBAC, so it cannot be seen in a dump; its RBAC routes in are reported by ZT-RBAC-006 (impersonating groups, including \`system:masters\`) and ZT-RBAC-014 (approving client certificates).

${SYSTEM_NOTE}`,
    severityNotes: '- **critical** through a ClusterRoleBinding;\n- **high** through a RoleBinding (one namespace); one level lower when `resourceNames` limits the rule.',
    remediation: 'Bind a role with the permissions the subject needs instead. For people, prefer a namespaced `admin` or `edit` RoleBinding, and keep break-glass cluster-admin access outside day-to-day credentials. For CI, bind a role scoped to what the pipeline deploys.',
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ci-deployer
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: deployer
subjects:
  - kind: ServiceAccount
    name: ci-deployer
    namespace: ci`,
    controls: {
      'cis-k8s': ['5.1.1', '5.1.7'],
      'nsa-cisa': ['NSA-AA-RBAC'],
      'nist-800-207': ['T6'],
      'nist-800-53': ['AC-6(5)', 'AC-2'],
      'pci-dss': ['7.2.2', '7.2.4'],
    },
    tags: ['rbac', 'cluster-takeover'],
  },
  fullAdmin,
  (match) => (match.rule.source.name === 'cluster-admin' && match.rule.source.kind === 'ClusterRole' ? 'holds cluster-admin' : `holds full admin rights (${match.detail})`),
)
