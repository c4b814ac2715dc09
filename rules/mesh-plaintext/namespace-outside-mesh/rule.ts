import {defineRule, type NamespaceView, WORKLOAD_KINDS} from '../../../src/sdk/index.js'
import {ENROLLMENT_CONTROLS} from '../controls.js'

/** Namespaces of the meshes themselves: their components are part of the mesh or run it. */
const MESH_SYSTEM = new Set(['istio-system', 'istio-ingress', 'istio-egress', 'linkerd', 'linkerd-cni', 'consul', 'kuma-system'])
const LISTED = 5

export default defineRule<NamespaceView>({
  meta: {
    id: 'ZT-MESH-009',
    slug: 'namespace-outside-mesh',
    category: 'mesh-plaintext',
    title: 'Namespace is not enrolled in the service mesh',
    severity: 'medium',
    severityNotes: 'A namespace without workloads in the input is reported as **low**: a gap for the next deployment rather than plaintext today.',
    target: 'Namespace',
    reads: ['Namespace', 'ConfigMap', ...WORKLOAD_KINDS],
    description: `In a cluster that runs a service mesh, a namespace whose labels and annotations enroll nothing leaves its workloads without proxies: plaintext, no workload identity, no mesh policy. Enrolled means: Istio \`istio-injection=enabled\`, \`istio.io/rev=<revision>\` or \`istio.io/dataplane-mode=ambient\` (\`istio-injection\` wins when both are set, and \`disabled\` enrolls nothing); Linkerd \`linkerd.io/inject: enabled\` (or \`ingress\`); Kuma \`kuma.io/sidecar-injection: enabled\`; or Istio's injector set to inject every namespace by default (\`sidecarInjectorWebhook.enableNamespacesByDefault\`).

The namespace passes when every workload in it is in the mesh anyway (enrolled one by one, e.g. \`sidecar.istio.io/inject: "true"\`) or is a mesh gateway or control-plane component. The mesh's own namespaces (the Istio root namespace, \`linkerd\`, \`kuma-system\` and the like) are skipped. Workloads that opt out inside an enrolled namespace are ZT-MESH-005.`,
    remediation: 'Label the namespace for injection (`istio-injection=enabled`, `istio.io/rev=<revision>`, or `istio.io/dataplane-mode=ambient`; Linkerd: annotate `linkerd.io/inject: enabled`) and restart its workloads. If the namespace must stay outside, restrict it with NetworkPolicies and record an exception.',
    example: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled`,
    controls: ENROLLMENT_CONTROLS,
    tags: ['istio', 'linkerd', 'mtls'],
  },
  check(namespace, ctx) {
    const {mesh} = ctx.inventory
    if (mesh.presence.meshes.size === 0) {
      ctx.skip('no service mesh in the input')
      return
    }
    const workloads = ctx.inventory.workloadsIn(namespace.name)
    const root = mesh.rootNamespace(ctx.options.rootNamespace)
    if (namespace.name === root || MESH_SYSTEM.has(namespace.name) || workloads.some((w) => mesh.membership(w).mode === 'control-plane')) {
      ctx.skip('a namespace of the mesh itself')
      return
    }
    const enrollment = mesh.namespaceEnrollment(namespace)
    if (enrollment.enrolled) return
    const outside = workloads.filter((w) => {
      const m = mesh.membership(w)
      return m.mode === 'none' && m.decidedBy === 'namespace'
    })
    if (workloads.length > 0 && outside.length === 0) return
    const meshes = [...mesh.presence.meshes].join(', ')
    const why = enrollment.disabledBy ? `its ${enrollment.disabledBy} turns injection off` : 'no label or annotation enrolls it'
    const names = outside.slice(0, LISTED).map((w) => w.name)
    const more = outside.length > LISTED ? ` and ${outside.length - LISTED} more` : ''
    const effect = workloads.length === 0 ? 'It runs no workload in the input yet; the next one will start outside the mesh.' : `${outside.length} workload(s) run without a proxy: ${names.join(', ')}${more}.`
    ctx.report({
      message: `Namespace ${namespace.name} is not in the service mesh (${meshes}): ${why}. ${effect}`,
      ...(namespace.resource ? {path: ['metadata', 'labels']} : {}),
      cause: 'not-enrolled',
      severity: workloads.length === 0 ? 'low' : 'medium',
      evidence: {meshes: [...mesh.presence.meshes], disabledBy: enrollment.disabledBy ?? null, workloadsOutside: outside.map((w) => `${w.kind}/${w.name}`)},
    })
  },
})
