import {allowAnyRules, defineRule, lowerSeverity, type Severity, type Subject} from '../../../src/sdk/index.js'
import {AUTHZ_CONTROLS} from '../controls.js'

export default defineRule<Subject>({
  meta: {
    id: 'ZT-MESH-011',
    slug: 'authorization-allows-any',
    category: 'mesh-authz',
    title: 'Istio AuthorizationPolicy allows any caller',
    severity: 'high',
    severityNotes: `- **high**: a rule matching every request (\`rules: [{}]\`, or a rule without \`from\`, \`to\` and \`when\`);
- **medium**: a source whose \`principals\` or \`namespaces\` is \`*\`, which admits any authenticated workload;
- one level lower when the policy selects workloads (\`selector\` or \`targetRef\`) instead of the whole namespace, and again when the rule narrows what may be called (\`to\`) or when (\`when\`); never below low.`,
    target: 'AuthorizationPolicy',
    reads: ['AuthorizationPolicy'],
    description: `An ALLOW AuthorizationPolicy is an allow-list: once one selects a workload, requests that no ALLOW rule matches are denied. A rule that matches everything turns it back into allow-all:

- \`rules: [{}]\` — an empty rule matches every request, from anyone, even without mTLS;
- a \`from.source\` whose \`principals\` or \`namespaces\` is \`["*"]\` with nothing else — any workload with a mesh identity, from any namespace.

Not reported: an ALLOW policy with no \`rules\` at all (it matches nothing and so denies everything, the usual deny-all), DENY, AUDIT and CUSTOM policies, and sources that name principals or namespaces. Only \`security.istio.io\` policies are read; Linkerd's AuthorizationPolicy is another kind of object.`,
    remediation: 'Replace the wildcard with the principals (`cluster.local/ns/<ns>/sa/<sa>`) or namespaces that need access, and narrow `to` to the operations they call.',
    example: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: cart
  namespace: shop
spec:
  selector:
    matchLabels:
      app: cart
  action: ALLOW
  rules:
    - from:
        - source:
            principals: [cluster.local/ns/shop/sa/frontend]`,
    controls: AUTHZ_CONTROLS,
    tags: ['istio', 'authorization'],
  },
  check(subject, ctx) {
    const resource = subject.resource!
    if (!resource.ref.apiVersion.startsWith('security.istio.io/')) {
      ctx.skip('not an Istio AuthorizationPolicy')
      return
    }
    const view = ctx.inventory.mesh.authorizationPolicies.find((p) => p.resource === resource)
    const root = ctx.inventory.mesh.rootNamespace(ctx.options.rootNamespace)
    const scope = view?.selected ? 'the workloads it selects' : resource.ref.namespace === root ? 'every workload of the mesh' : `every workload of namespace ${resource.ref.namespace ?? 'default'}`
    for (const rule of allowAnyRules(resource)) {
      let severity: Severity = rule.kind === 'every-request' ? 'high' : 'medium'
      if (view?.selected) severity = lowerSeverity(severity, 1)
      if (rule.narrowed) severity = lowerSeverity(severity, 1)
      const what = rule.kind === 'every-request' ? 'matches every request, from any caller, with or without mTLS' : 'admits any workload with a mesh identity, from any namespace'
      ctx.report({
        message: `AuthorizationPolicy ${resource.ref.namespace ?? 'default'}/${resource.ref.name} (ALLOW) has rule ${rule.index} that ${what}${rule.narrowed ? ' (for the operations its to/when allow)' : ''}, for ${scope}.`,
        path: rule.path,
        severity,
        evidence: {rule: rule.index, kind: rule.kind, narrowed: rule.narrowed, selected: view?.selected ?? false},
      })
    }
  },
})
