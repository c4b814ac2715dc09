import {defineRule, type NamespaceView, UNAUTHENTICATED_POLICIES, WORKLOAD_KINDS} from '../../../src/sdk/index.js'
import {AUTHZ_CONTROLS} from '../controls.js'

export default defineRule<NamespaceView>({
  meta: {
    id: 'ZT-MESH-007',
    slug: 'namespace-allow-by-default',
    category: 'mesh-authz',
    title: 'Meshed namespace has mTLS but no authorization',
    severity: 'medium',
    target: 'Namespace',
    reads: ['AuthorizationPolicy', 'PeerAuthentication', 'Server', 'Namespace', 'ConfigMap', ...WORKLOAD_KINDS],
    description: `mTLS proves who the caller is; without authorization, every workload with a mesh identity may still call every service. This rule reports namespaces whose meshed workloads are reached only over mTLS but are allow-by-default:

- Istio: every meshed workload of the namespace is effectively STRICT, yet no AuthorizationPolicy applies — none in the namespace and none in the root namespace (mesh-wide). Any policy counts (ALLOW, DENY, CUSTOM): once one selects a workload, Istio stops allowing by default for ALLOW, and a namespace that writes policies is not allow-by-default by oversight. Namespaces that still accept plaintext are left to the mTLS rules.
- Linkerd: the effective default inbound policy of its meshed workloads requires an identity (\`all-authenticated\` or \`cluster-authenticated\`) but admits any, and the namespace has no \`Server\` (the unauthenticated case is ZT-MESH-010).`,
    remediation: 'Add a deny-by-default baseline — for Istio an `AuthorizationPolicy` with an empty `spec` in the namespace (or the root namespace for the whole mesh), then ALLOW policies naming the principals each service accepts; for Linkerd `default-inbound-policy: deny` with Servers and AuthorizationPolicies.',
    example: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: payments
spec: {}`,
    controls: AUTHZ_CONTROLS,
    tags: ['istio', 'linkerd', 'authorization'],
  },
  check(namespace, ctx) {
    const {mesh} = ctx.inventory
    const root = mesh.rootNamespace(ctx.options.rootNamespace)
    const istio = mesh.istioWorkloadsIn(namespace.name)
    const linkerd = ctx.inventory.workloadsIn(namespace.name).filter((w) => {
      const m = mesh.membership(w)
      return m.mesh === 'linkerd' && m.mode === 'sidecar'
    })
    if (istio.length === 0 && linkerd.length === 0) {
      ctx.skip('no meshed workloads in the namespace')
      return
    }
    if (istio.length > 0) {
      const strict = istio.every((w) => mesh.mtls(w, root).base.mode === 'STRICT')
      const policies = [...mesh.authorizationIn(namespace.name), ...mesh.authorizationIn(root)]
      if (strict && policies.length === 0) {
        ctx.report({
          message: `Namespace ${namespace.name} requires mTLS for its ${istio.length} meshed workload(s), but no Istio AuthorizationPolicy applies to them (none in ${namespace.name}, none mesh-wide in ${root}): any workload with a mesh identity can call every service here.`,
          ...(namespace.resource ? {path: ['metadata']} : {}),
          cause: 'istio',
          evidence: {mesh: 'istio', workloads: istio.map((w) => `${w.kind}/${w.name}`)},
        })
      }
    }
    if (linkerd.length > 0 && mesh.serversIn(namespace.name).length === 0) {
      const policies = new Set(linkerd.map((w) => mesh.inboundPolicy(w).value))
      if ([...policies].every((p) => p === 'all-authenticated' || p === 'cluster-authenticated') && ![...policies].some((p) => UNAUTHENTICATED_POLICIES.has(p))) {
        ctx.report({
          message: `Namespace ${namespace.name} admits only meshed clients (${[...policies].join(', ')}), but has no Linkerd Server: every meshed workload of the cluster can call its ${linkerd.length} workload(s).`,
          ...(namespace.resource ? {path: ['metadata']} : {}),
          cause: 'linkerd',
          evidence: {mesh: 'linkerd', policies: [...policies]},
        })
      }
    }
  },
})
