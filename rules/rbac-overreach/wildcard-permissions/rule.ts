import {grantRule, SUBJECT_READS, SYSTEM_NOTE} from '../grant-rule.js'
import {wildcards} from '../permissions.js'

export default grantRule(
  {
    id: 'ZT-RBAC-001',
    slug: 'wildcard-permissions',
    category: 'rbac-overreach',
    title: 'Subject is granted wildcard verbs, resources or API groups',
    severity: 'high',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `A rule with \`*\` in \`verbs\`, \`resources\` or \`apiGroups\` grants more than anyone reviewed: every verb (including \`escalate\`, \`bind\`, \`impersonate\`), every resource of a group (including \`secrets\` and \`pods/exec\`), and whatever resources and verbs future versions and CRDs add. Each binding in the input that grants such a rule to a user, group or service account is reported on that subject, pointing at the binding's entry that names it, with the role and the rule line as evidence; an aggregated ClusterRole is judged by the rules it aggregates. \`*\` in every field at once (what \`cluster-admin\` holds) is ZT-RBAC-002's, and is not repeated here. \`nonResourceURLs: ["*"]\` is not checked.

${SYSTEM_NOTE}`,
    severityNotes: `- **high**: \`resources: ["*"]\` in the core group (\`""\`) or in every group (\`*\`), through a ClusterRoleBinding: Secrets, \`pods/exec\` and every resource added later;
- **medium**: any other wildcard (every resource of named API groups, usually an operator's own CRDs; \`*\` in verbs or apiGroups only), through a ClusterRoleBinding;
- one level lower for a RoleBinding (the grant holds in one namespace), one more when the rule only reads (\`get\`, \`list\`, \`watch\`), and one more when \`resourceNames\` limits it.`,
    remediation: 'List the verbs, API groups and resources the subject needs. For an operator that needs broad access to its own CRDs, name its API group and resources instead of `*`.',
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: shop
rules:
  - apiGroups: [apps]
    resources: [deployments]
    verbs: [get, list, watch, patch]`,
    controls: {
      'cis-k8s': ['5.1.3'],
      'nsa-cisa': ['NSA-AA-RBAC'],
      'nist-800-207': ['T4', 'T6'],
      'nist-800-53': ['AC-6', 'AC-6(1)', 'AC-3'],
      'pci-dss': ['7.2.1', '7.2.2', '7.2.5'],
    },
    tags: ['rbac', 'least-privilege'],
  },
  wildcards,
)
