import {defineRule, type NamespaceView, sidecarEgressAnyHost, WORKLOAD_KINDS} from '../../../src/sdk/index.js'
import type {Resource} from '../../../src/sdk/index.js'
import {SIDECAR_SCOPE_CONTROLS} from '../mesh-controls.js'

const isIstio = (r: Resource): boolean => r.ref.apiVersion.includes('istio.io/')
const hasSelector = (r: Resource): boolean => Object.keys((r.object.spec as {workloadSelector?: Record<string, unknown>} | undefined)?.workloadSelector ?? {}).length > 0

export default defineRule<NamespaceView>({
  meta: {
    id: 'ZT-EGR-005',
    slug: 'sidecar-egress-unscoped',
    category: 'wildcard-egress',
    title: 'Istio sidecars in the namespace may reach every service of the mesh',
    severity: 'low',
    target: 'Namespace',
    reads: ['Sidecar', 'Namespace', ...WORKLOAD_KINDS],
    description: `A \`Sidecar\` resource's \`egress.hosts\` limits which services a namespace's proxies know and can reach (\`./*\`, \`istio-system/*\`, \`payments/payments-api.payments.svc.cluster.local\`). Without one — none in the namespace and no namespace-wide one in the root namespace — or with \`*/*\`, every proxy can reach every service of every namespace, which NIST SP 800-204A asks to limit (SM-DR2).

Checked for namespaces with Istio sidecar workloads (a Sidecar does not apply to ambient workloads). The namespace-wide Sidecar (no \`workloadSelector\`) of the namespace decides, else the one of the root namespace; Sidecars with a \`workloadSelector\` and \`*/*\` are reported too.`,
    remediation: 'Add a namespace-wide Sidecar whose `egress.hosts` lists the namespaces (or services) the workloads call, e.g. `./*` and `istio-system/*`.',
    example: `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: default
  namespace: payments
spec:
  egress:
    - hosts: ["./*", "istio-system/*"]`,
    controls: SIDECAR_SCOPE_CONTROLS,
    tags: ['istio', 'egress'],
  },
  check(namespace, ctx) {
    const {mesh} = ctx.inventory
    const sidecars = mesh.istioWorkloadsIn(namespace.name).filter((w) => mesh.membership(w).mode === 'sidecar')
    if (sidecars.length === 0) {
      ctx.skip('no Istio sidecar workloads in the namespace')
      return
    }
    const root = mesh.rootNamespace(ctx.options.rootNamespace)
    const own = ctx.inventory.ofKindIn('Sidecar', namespace.name).filter(isIstio)
    const effective = own.find((s) => !hasSelector(s)) ?? ctx.inventory.ofKindIn('Sidecar', root).filter(isIstio).find((s) => !hasSelector(s))
    if (!effective) {
      ctx.report({
        message: `No Sidecar resource scopes the egress of namespace ${namespace.name} (none there, none namespace-wide in ${root}): its ${sidecars.length} sidecar workload(s) can reach every service of the mesh.`,
        ...(namespace.resource ? {path: ['metadata']} : {}),
        cause: 'no-sidecar',
        evidence: {workloads: sidecars.map((w) => w.name)},
      })
    }
    for (const sidecar of [...(effective ? [effective] : []), ...own.filter((s) => hasSelector(s))]) {
      for (const host of sidecarEgressAnyHost(sidecar)) {
        ctx.report({
          message: `Sidecar ${sidecar.ref.namespace ?? 'default'}/${sidecar.ref.name} lists egress host "${host.value}" for ${hasSelector(sidecar) ? 'the workloads it selects' : `namespace ${namespace.name}`}: every service of every namespace.`,
          at: sidecar,
          path: host.path,
          evidence: {sidecar: sidecar.ref.name, host: host.value},
        })
      }
    }
  },
})
