import {defineRule, type IstioRevisionSubject, sidecarOutboundMode, WORKLOAD_KINDS} from '../../../src/sdk/index.js'
import {OUTBOUND_POLICY_CONTROLS} from '../mesh-controls.js'

const SOURCE_NAMES = {configmap: 'mesh config (ConfigMap', 'istio-operator': 'IstioOperator', 'helm-values': 'Helm values (ConfigMap'} as const

export default defineRule<IstioRevisionSubject>({
  meta: {
    id: 'ZT-EGR-003',
    slug: 'mesh-outbound-allow-any',
    category: 'wildcard-egress',
    title: 'Istio lets sidecars reach any external host (outboundTrafficPolicy ALLOW_ANY)',
    severity: 'medium',
    target: 'IstioRevision',
    reads: ['ConfigMap', 'IstioOperator', 'Sidecar', 'Namespace', ...WORKLOAD_KINDS],
    description: `With \`outboundTrafficPolicy.mode: ALLOW_ANY\`, a sidecar passes connections to hosts the mesh does not know straight through: every meshed workload can reach any address on the internet. ALLOW_ANY is Istio's default, so a mesh that nowhere says REGISTRY_ONLY has it.

Checked once per control-plane revision, in the order istiod reads its configuration: the \`istio\` (or \`istio-<revision>\`) ConfigMap's \`mesh\` key, else an IstioOperator's \`spec.meshConfig\` for that revision, else the Helm values stored in the \`istio-sidecar-injector\` ConfigMap (\`meshConfig\`, or \`global\` in Istio 1.5 and older). A revision passes when its config sets REGISTRY_ONLY, or when every namespace it injects overrides the mode with a namespace-wide \`Sidecar\` (own or root namespace) that sets REGISTRY_ONLY.`,
    remediation: 'Set `meshConfig.outboundTrafficPolicy.mode: REGISTRY_ONLY` and declare the external hosts each team needs as ServiceEntries (exported only to their namespace), ideally routed through an egress gateway.',
    example: `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |
    outboundTrafficPolicy:
      mode: REGISTRY_ONLY`,
    controls: OUTBOUND_POLICY_CONTROLS,
    tags: ['istio', 'egress'],
  },
  check(subject, ctx) {
    const {config, revision} = subject
    if (config.outboundMode === 'REGISTRY_ONLY') return
    const {mesh} = ctx.inventory
    const root = mesh.rootNamespace(ctx.options.rootNamespace)
    const namespaces = [...new Set(mesh.istioWorkloads.filter((w) => (mesh.membership(w).revision ?? 'default') === revision).map((w) => w.namespace))]
    const namespaceWide = (ns: string) => ctx.inventory.ofKindIn('Sidecar', ns).find((s) => !(s.object.spec as {workloadSelector?: unknown} | undefined)?.workloadSelector)
    const locked = (ns: string): boolean => {
      const sidecar = namespaceWide(ns) ?? namespaceWide(root)
      return sidecar !== undefined && sidecarOutboundMode(sidecar) === 'REGISTRY_ONLY'
    }
    const open = namespaces.filter((ns) => !locked(ns))
    if (namespaces.length > 0 && open.length === 0) return
    const source = config.source
    const where = config.outboundFromDefault
      ? `nothing sets outboundTrafficPolicy${source ? ` in ${source.resource.ref.kind} ${source.resource.ref.namespace ?? ''}/${source.resource.ref.name}` : ''}, so Istio's default ALLOW_ANY applies`
      : `its ${SOURCE_NAMES[source!.kind]} ${source!.resource.ref.namespace ?? ''}/${source!.resource.ref.name}${source!.kind === 'istio-operator' ? '' : ')'} sets outboundTrafficPolicy ${config.outboundMode}`
    const reach = open.length > 0 ? ` Meshed workloads in ${open.join(', ')} can reach any external host.` : ''
    ctx.report({
      message: `Istio revision ${revision}: ${where}.${reach}`,
      ...(source ? {at: source.resource, path: source.path} : {path: []}),
      cause: 'outbound-policy',
      evidence: {revision, mode: config.outboundMode, fromDefault: config.outboundFromDefault, namespaces: open},
    })
  },
})
