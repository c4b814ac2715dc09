import {ANONYMOUS, ALL_UNAUTHENTICATED, defineRule, describeRole, describeRbacRule, isEveryoneGroup, type RbacRule, type RbacSubjectView, type Severity} from '../../../src/sdk/index.js'
import {grantFinding, SUBJECT_READS, SYSTEM_NOTE, subjectGrants} from '../grant-rule.js'
import {graded, secretsRead} from '../permissions.js'

const WHO: Record<string, string> = {
  [ANONYMOUS]: 'every request without credentials',
  [ALL_UNAUTHENTICATED]: 'every request without credentials',
  'system:authenticated': 'every authenticated identity, on some managed clusters any account of the cloud provider',
  'system:serviceaccounts': 'every service account of the cluster, and so every pod',
}

const READ_VERBS = new Set(['get', 'list', 'watch'])
const readOnly = (rule: RbacRule): boolean => rule.verbs.length > 0 && rule.verbs.every((v) => READ_VERBS.has(v))

export default defineRule<RbacSubjectView>({
  meta: {
    id: 'ZT-RBAC-008',
    slug: 'anonymous-or-everyone-grant',
    category: 'rbac-overreach',
    title: 'Role granted to anonymous, unauthenticated or all authenticated users',
    severity: 'critical',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `A binding to \`system:anonymous\`, \`system:unauthenticated\` or \`system:authenticated\` grants its role to strangers: anyone who can reach the API server, or anyone with any valid credential (on some managed clusters, any account of the cloud provider). A binding to \`system:serviceaccounts\` or \`system:serviceaccounts:<namespace>\` grants it to every pod there. Any such grant in the input is reported on the group (or the \`system:anonymous\` user), pointing at the binding's entry that names it, whatever the role holds; what the role holds is also reported by the permission rules (ZT-RBAC-001 to -013) on the same subject.

${SYSTEM_NOTE} Kubernetes itself binds \`system:basic-user\`, \`system:discovery\`, \`system:public-info-viewer\` and \`system:service-account-issuer-discovery\` to these groups; those bindings are not findings.`,
    severityNotes: `- **critical**: anonymous, unauthenticated or all authenticated users, through a ClusterRoleBinding;
- **high**: every service account (\`system:serviceaccounts[:<namespace>]\`), through a ClusterRoleBinding;
- one level lower through a RoleBinding, one more when the role only reads (\`get\`, \`list\`, \`watch\`) and cannot read Secrets, and one more when every rule of the role is limited by \`resourceNames\` (kubeadm's anonymous read of ConfigMap \`kube-public/cluster-info\` is **low**).`,
    remediation: 'Bind the role to the groups or service accounts that need it. Turn anonymous authentication off on the API server (`--anonymous-auth=false`, or an AuthenticationConfiguration that limits anonymous access to health endpoints).',
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: sre-pod-reader
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: pod-reader
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: sre`,
    controls: {
      'nsa-cisa': ['NSA-AA-AUTHN'],
      'nist-800-207': ['T6'],
      'nist-800-53': ['AC-14', 'IA-2', 'AC-3'],
      'pci-dss': ['8.2.1', '7.3.3'],
    },
    tags: ['rbac', 'authentication'],
  },
  check(subject, ctx) {
    if (!isEveryoneGroup(subject)) return
    const everyone = subject.name.startsWith('system:serviceaccounts') ? 'system:serviceaccounts' : subject.name
    const base: Severity = everyone === 'system:serviceaccounts' ? 'high' : 'critical'
    const {grants} = subjectGrants(subject, ctx)
    for (const grant of grants) {
      const rules = ctx.inventory.rbac.rulesOf(grant.role)
      if (rules.length === 0) continue
      const harmless = rules.every(readOnly) && !secretsRead.match(rules, grant.scope)
      const named = rules.every((r) => r.resourceNames.length > 0)
      const rule = rules.find((r) => !readOnly(r)) ?? rules[0]
      const severity = graded(base, grant.scope, (harmless ? 1 : 0) + (named ? 1 : 0))
      const who = subject.name.startsWith('system:serviceaccounts:') ? `every service account of namespace ${subject.name.split(':')[2]}` : WHO[everyone]
      ctx.report(grantFinding(ctx, grant, {severity, rule, detail: describeRbacRule(rule)}, `, that is ${who}, is granted ${describeRole(grant.role)}${harmless ? ' (read only)' : ''}`, true))
    }
  },
})
