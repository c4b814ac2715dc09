import {defineRule, WORKLOAD_KINDS, type WorkloadView} from '../../../src/sdk/index.js'
import {ENROLLMENT_CONTROLS} from '../controls.js'

export default defineRule<WorkloadView>({
  meta: {
    id: 'ZT-MESH-005',
    slug: 'workload-outside-mesh',
    category: 'mesh-plaintext',
    title: 'Workload opts out of the service mesh',
    severity: 'medium',
    target: 'Workload',
    reads: ['Namespace', 'ConfigMap', ...WORKLOAD_KINDS],
    description: `In a cluster that runs a service mesh (Istio, Linkerd, Consul or Kuma), a workload without a proxy sends and receives plaintext and is outside every mesh policy. This rule reports workloads whose namespace enrolls them but which stay out:

- Istio: the pod label (or legacy annotation) \`sidecar.istio.io/inject: "false"\` — the label wins over the annotation — or \`istio.io/dataplane-mode: none\` in an ambient namespace. Ambient mode counts as in the mesh (ztunnel carries its traffic over mTLS).
- Linkerd: \`linkerd.io/inject: disabled\` on the pod template in an injected namespace.
- Consul: \`consul.hashicorp.com/connect-inject: "false"\`.
- Kuma: \`kuma.io/sidecar-injection: disabled\`.
- Running pods in the input that have no proxy although their labels enroll them (created before the label, or refused by the injector). Running pods decide over the template when the input has them.

Workloads in namespaces that nothing enrolls are reported once per namespace by ZT-MESH-009. Mesh control-plane components and gateways are part of the mesh; pods in the host network namespace cannot be intercepted and are skipped.`,
    remediation: 'Remove the opt-out and restart the workload so the injector adds the proxy. Where a workload cannot carry a sidecar (e.g. a Job without native sidecars), use ambient mode or restrict it with a NetworkPolicy and document the exception.',
    controls: ENROLLMENT_CONTROLS,
    tags: ['istio', 'linkerd', 'consul', 'mtls'],
  },
  check(workload, ctx) {
    const {mesh} = ctx.inventory
    if (mesh.presence.meshes.size === 0) {
      ctx.skip('no service mesh in the input')
      return
    }
    const m = mesh.membership(workload)
    if (m.mode !== 'none') return
    if (m.decidedBy !== 'workload') {
      ctx.skip(m.decidedBy === 'host-network' ? 'runs in the host network namespace, where no proxy can intercept its traffic' : 'its namespace does not enroll it: reported by ZT-MESH-009')
      return
    }
    ctx.report({
      message: `${workload.kind} ${workload.namespace}/${workload.name} runs outside the ${m.mesh ?? 'service'} mesh: ${m.reason}. Its traffic is plaintext and no mesh policy applies to it.`,
      ...(m.at ? {at: m.at} : {}),
      ...(m.path ? {path: m.path} : {}),
      cause: 'opt-out',
      evidence: {mesh: m.mesh, reason: m.reason, evidence: m.evidence},
    })
  },
})
