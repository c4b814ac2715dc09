import {
  defineRule,
  describeRbacIdentity,
  describeRbacScope,
  type Grant,
  RBAC_KINDS,
  type RbacIdentity,
  serviceAccountToken,
  type Severity,
  WORKLOAD_KINDS,
  type WorkloadView,
} from '../../../src/sdk/index.js'
import {describePath, grantEvidence} from '../grant-rule.js'
import {type PermissionMatch, stronger, TOKEN_PERMISSIONS} from '../permissions.js'

const MAX_LISTED = 5

interface Held {
  grant: Grant
  match: PermissionMatch
  permission: string
}

export default defineRule<WorkloadView>({
  meta: {
    id: 'ZT-RBAC-009',
    slug: 'workload-token-privileges',
    category: 'rbac-overreach',
    title: 'Workload mounts the token of a service account with high or critical permissions',
    severity: 'high',
    target: 'Workload',
    reads: [...RBAC_KINDS, 'ServiceAccount', ...WORKLOAD_KINDS],
    description: `A token mounted in a pod is the first thing an attacker who gets code execution in it takes. This rule follows the graph from each workload to the service account it runs as (\`serviceAccountName\`, else \`default\`), to every binding that grants that account a role, directly or through the groups every service account is in (\`system:serviceaccounts\`, \`system:serviceaccounts:<namespace>\`, \`system:authenticated\`), to the roles' effective rules (aggregation included, built-in roles from Kubernetes' default policy). A workload fails when the account holds a permission the other rules grade high or critical (full admin, escalate/bind/impersonate, wildcards, reading Secrets, exec into pods, creating pods, nodes/proxy, creating tokens, writing NetworkPolicy, mesh security policy or admission webhooks) and its pods get the token: the pod's \`automountServiceAccountToken\` overrides the ServiceAccount's, which defaults to true, and a projected \`serviceAccountToken\` volume for the API server mounts one anyway.

Kubernetes' own grants (bootstrap bindings, control-plane identities, kube-system controller accounts) are left out, like in the subject rules; set \`options.includeSystem: true\` on this rule to weigh them too.`,
    severityNotes: 'The severity of the strongest permission the account holds, as its own rule grades it (critical or high); weaker permissions do not fail the workload.',
    remediation: 'Set `automountServiceAccountToken: false` in the pod template when the workload does not call the API. When it does, give it its own service account with only the permissions it uses, namespaced where possible.',
    example: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
  namespace: shop
spec:
  selector:
    matchLabels: {app: catalog}
  template:
    metadata:
      labels: {app: catalog}
    spec:
      serviceAccountName: catalog
      automountServiceAccountToken: false
      containers:
        - name: catalog
          image: registry.example.com/catalog:2.3.1`,
    controls: {
      'cis-k8s': ['5.1.6'],
      'nsa-cisa': ['NSA-PS-SAT'],
      'nist-800-207': ['T3', 'T6'],
      'nist-800-53': ['IA-5', 'AC-6'],
      'pci-dss': ['7.2.5'],
    },
    tags: ['rbac', 'service-account', 'credential-access'],
  },
  check(workload, ctx) {
    const graph = ctx.inventory.rbac
    const account: RbacIdentity = {kind: 'ServiceAccount', namespace: workload.namespace, name: workload.serviceAccountName}
    const token = serviceAccountToken(workload.podSpec, graph.serviceAccount(workload.namespace, workload.serviceAccountName))
    if (!token.mounted) return
    const includeSystem = ctx.options.includeSystem === true
    const held: Held[] = []
    for (const grant of graph.grantsOf(account, {implicit: true})) {
      if (!includeSystem && graph.systemReason(grant.binding, grant.subject)) continue
      const rules = graph.rulesOf(grant.role)
      for (const permission of TOKEN_PERMISSIONS) {
        const match = permission.match(rules, grant.scope)
        if (match && (match.severity === 'critical' || match.severity === 'high')) held.push({grant, match, permission: permission.name})
      }
    }
    if (held.length === 0) return
    held.sort((a, b) => (stronger(a.match.severity, b.match.severity) ? -1 : stronger(b.match.severity, a.match.severity) ? 1 : 0))
    const [top] = held
    const severity: Severity = top.match.severity
    const listed = [...new Set(held.map((h) => `${h.permission} ${describeRbacScope(h.grant.scope)}`))]
    const more = listed.length > 1 ? ` It also holds: ${listed.slice(1, MAX_LISTED).join('; ')}${listed.length > MAX_LISTED ? `; and ${listed.length - MAX_LISTED} more` : ''}.` : ''
    const spec = [...workload.templatePath, 'spec']
    const named = typeof workload.podSpec.serviceAccountName === 'string' ? 'serviceAccountName' : typeof workload.podSpec.serviceAccount === 'string' ? 'serviceAccount' : undefined
    ctx.report({
      message: `${workload.kind} ${workload.namespace}/${workload.name} runs as ${describeRbacIdentity(account)} with its token mounted (${token.why}), and that account can ${top.match.detail} ${describeRbacScope(top.grant.scope)}, through ${describePath(top.grant, top.match)}.${more}`,
      path: token.path ? [...spec, ...token.path] : named ? [...spec, named] : spec,
      severity,
      cause: `${account.namespace}/${account.name}`,
      evidence: {
        serviceAccount: `${account.namespace}/${account.name}`,
        tokenMounted: token.why,
        strongest: grantEvidence(graph, top.grant, top.match),
        permissions: listed,
      },
    })
  },
})
