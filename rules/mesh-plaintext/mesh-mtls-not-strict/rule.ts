import {defineRule, type IstioMeshSubject, lowerSeverity, WORKLOAD_KINDS} from '../../../src/sdk/index.js'
import {MESH_WIDE_CONTROLS} from '../controls.js'
import {MODE_MEANING, MTLS_SEVERITY_NOTES, mtlsSeverity} from '../mtls-severity.js'

const LISTED = 5

export default defineRule<IstioMeshSubject>({
  meta: {
    id: 'ZT-MESH-001',
    slug: 'mesh-mtls-not-strict',
    category: 'mesh-plaintext',
    title: 'Istio mesh-wide mTLS is not STRICT',
    severity: 'high',
    severityNotes: `${MTLS_SEVERITY_NOTES}

When the input has no workload in the mesh, the mesh-wide setting cannot be seen to take effect and is reported one level lower.`,
    target: 'IstioMesh',
    reads: ['PeerAuthentication', 'Namespace', 'ConfigMap', ...WORKLOAD_KINDS],
    description: `Reads the mesh-wide PeerAuthentication: the one without a workload selector in Istio's root namespace (\`istio-system\` unless meshConfig \`rootNamespace\` or the rule option \`rootNamespace\` says otherwise). Without one, Istio's default applies, which is PERMISSIVE: every workload in the mesh accepts plaintext from anything that can reach it, so any pod outside the mesh can call it without an identity.

The finding names the meshed workloads (sidecar or ambient) that the mesh-wide mode actually governs: those whose namespace and workload policies leave the mode to the mesh (no policy, or mode UNSET). A mesh-wide PERMISSIVE overridden by STRICT namespace or workload policies for every meshed workload passes; a STRICT mesh overridden by a PERMISSIVE namespace passes here and fails ZT-MESH-002. Istio 1.0–1.4 installs that embed a \`MeshPolicy\` in a \`*-custom-resources\` ConfigMap are read too.`,
    remediation: 'Add a PeerAuthentication named `default` in the root namespace with `mtls.mode: STRICT`, after checking (e.g. with `istioctl x describe pod`) that every client of the mesh has a sidecar or runs in ambient mode.',
    example: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT`,
    controls: MESH_WIDE_CONTROLS,
    tags: ['istio', 'mtls'],
  },
  check(subject, ctx) {
    const {mesh} = ctx.inventory
    const root = mesh.rootNamespace(ctx.options.rootNamespace)
    const policy = mesh.peerAuthentication(root).mesh
    const mode = policy?.mode ?? 'PERMISSIVE'
    if (mode === 'STRICT') return
    const meshed = mesh.istioWorkloads
    const governed = meshed.filter((w) => ['mesh', 'default'].includes(mesh.mtls(w, root).base.scope))
    if (meshed.length > 0 && governed.length === 0) return
    const names = governed.slice(0, LISTED).map((w) => `${w.namespace}/${w.name}`)
    const more = governed.length > LISTED ? ` and ${governed.length - LISTED} more` : ''
    const reach = meshed.length === 0 ? ' No workload of the input is in the mesh, so where it takes effect cannot be checked.' : ` It governs ${governed.length} meshed workload(s): ${names.join(', ')}${more}.`
    const what = policy
      ? `The mesh-wide PeerAuthentication ${policy.namespace}/${policy.name} ${policy.mode ? `sets ${mode}, which ${MODE_MEANING[mode]}` : 'leaves the mode UNSET, so Istio\'s default PERMISSIVE applies'}.`
      : `No mesh-wide PeerAuthentication exists in root namespace ${root}, so Istio's default PERMISSIVE applies: workloads accept plaintext as well as mTLS.`
    const severity = mtlsSeverity(mode, 'mesh')
    ctx.report({
      message: `${what}${reach}`,
      ...(policy ? {at: policy.resource, path: policy.mode ? policy.modePath : policy.basePath.length ? policy.basePath : ['spec']} : {}),
      cause: 'mesh-mode',
      severity: meshed.length === 0 ? lowerSeverity(severity, 1) : severity,
      evidence: {rootNamespace: root, mode, explicit: Boolean(policy?.mode), policy: policy ? `${policy.namespace}/${policy.name}` : null, governed: governed.map((w) => `${w.kind}/${w.namespace}/${w.name}`)},
    })
  },
})
