import {defineRule, describeBinding, describeRbacIdentity, type RbacSubjectView} from '../../../src/sdk/index.js'
import {SUBJECT_READS, SYSTEM_NOTE} from '../grant-rule.js'

export default defineRule<RbacSubjectView>({
  meta: {
    id: 'ZT-RBAC-015',
    slug: 'dangling-role-reference',
    category: 'rbac-overreach',
    title: 'Binding refers to a role that does not exist',
    severity: 'info',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `A binding whose \`roleRef\` names a role that is neither in the input nor one of Kubernetes' built-in roles grants nothing today, but it is a standing promise: whoever later creates a role of that name (a \`Role\` in the binding's namespace, or a \`ClusterRole\`) hands its permissions to the binding's subjects. A ClusterRoleBinding that refers to a \`Role\` is also reported (the API server rejects it). Reported once per binding on each subject it names, pointing at the binding's \`roleRef\`. When the input is a partial dump without roles, every binding reads as dangling: scan the roles too.

${SYSTEM_NOTE}`,
    remediation: 'Delete the binding, or create the role it was meant for. Check that the role name is not misspelled.',
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: view-shop
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: shop-developers`,
    controls: {
      'nsa-cisa': ['NSA-AA-RBAC'],
      'nist-800-53': ['AC-2'],
      'pci-dss': ['7.2.4'],
    },
    tags: ['rbac', 'hygiene'],
  },
  check(subject, ctx) {
    const graph = ctx.inventory.rbac
    const includeSystem = ctx.options.includeSystem === true
    for (const {binding, subject: entry} of graph.bindingsNaming(subject)) {
      if (graph.roleOf(binding) || (!includeSystem && graph.systemReason(binding, entry))) continue
      const role = `${binding.roleRef.kind || '(no kind)'} ${binding.namespace && binding.roleRef.kind === 'Role' ? `${binding.namespace}/` : ''}${binding.roleRef.name || '(no name)'}`
      const why = binding.kind === 'ClusterRoleBinding' && binding.roleRef.kind === 'Role' ? 'a ClusterRoleBinding cannot refer to a Role' : 'it is neither in the input nor a built-in role'
      ctx.report({
        message: `${describeBinding(binding)} binds ${describeRbacIdentity(subject)} to ${role}, but ${why}: the binding grants nothing until a role of that name is created.`,
        at: binding.resource,
        path: ['roleRef'],
        cause: [binding.kind, binding.namespace, binding.name].filter(Boolean).join('/'),
        evidence: {binding: [binding.kind, binding.namespace, binding.name].filter(Boolean).join('/'), roleRef: binding.roleRef},
      })
    }
  },
})
