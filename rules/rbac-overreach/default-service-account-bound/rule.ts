import {type BindingView, defineRule, describeBinding, describeRbacIdentity, describeRbacScope, describeRole, type RbacSubjectView} from '../../../src/sdk/index.js'
import {SUBJECT_READS, SYSTEM_NOTE} from '../grant-rule.js'

export default defineRule<RbacSubjectView>({
  meta: {
    id: 'ZT-RBAC-010',
    slug: 'default-service-account-bound',
    category: 'rbac-overreach',
    title: 'The default service account of a namespace is bound to a role',
    severity: 'medium',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `Every pod that names no service account runs as its namespace's \`default\` account, so a role bound to \`default\` goes to every such pod, today's and tomorrow's: one identity shared by unrelated workloads defeats least privilege. Each binding in the input that names a \`default\` service account is reported on it, pointing at the binding's entry, whatever the role, even one missing from the input; what the role holds is also reported by the permission rules, and workloads that run as the account with a mounted token by ZT-RBAC-009.

${SYSTEM_NOTE}`,
    remediation: 'Create a service account per workload, bind the role to it, and set `serviceAccountName` in the workload. Leave `default` without bindings (and set `automountServiceAccountToken: false` on it).',
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: catalog
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: catalog
subjects:
  - kind: ServiceAccount
    name: catalog
    namespace: shop`,
    controls: {
      'cis-k8s': ['5.1.5'],
      'nsa-cisa': ['NSA-PS-SAT', 'NSA-AA-RBAC'],
      'nist-800-207': ['T6'],
      'nist-800-53': ['AC-2', 'AC-6'],
      'pci-dss': ['7.2.5'],
    },
    tags: ['rbac', 'service-account'],
  },
  check(subject, ctx) {
    if (subject.kind !== 'ServiceAccount' || subject.name !== 'default') return
    const graph = ctx.inventory.rbac
    const includeSystem = ctx.options.includeSystem === true
    const seen = new Set<BindingView>()
    // every binding counts, even one whose role is missing: it is meant to give the shared identity a role
    for (const {binding, subject: entry} of graph.bindingsNaming(subject)) {
      if (seen.has(binding) || (!includeSystem && graph.systemReason(binding, entry))) continue
      seen.add(binding)
      const role = graph.roleOf(binding)
      const roleName = role ? describeRole(role) : `${binding.roleRef.kind} ${binding.roleRef.name} (not in the input)`
      ctx.report({
        message: `${describeRbacIdentity(subject)}, the identity of every pod of namespace ${subject.namespace} that names no service account, is bound to ${roleName} ${describeRbacScope(binding.scope)}, through ${describeBinding(binding)}.`,
        at: binding.resource,
        path: entry.path,
        cause: [binding.kind, binding.namespace, binding.name].filter(Boolean).join('/'),
        evidence: {
          binding: [binding.kind, binding.namespace, binding.name].filter(Boolean).join('/'),
          role: [binding.roleRef.kind, binding.kind === 'RoleBinding' && binding.roleRef.kind === 'Role' ? binding.namespace : undefined, binding.roleRef.name].filter(Boolean).join('/'),
          scope: binding.scope.type === 'cluster' ? 'cluster' : binding.scope.namespace,
          ...(role ? {rules: graph.rulesOf(role).length} : {roleMissing: true}),
        },
      })
    }
  },
})
