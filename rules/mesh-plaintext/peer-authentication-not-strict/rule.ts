import {defineRule, type Subject, WORKLOAD_KINDS} from '../../../src/sdk/index.js'
import {POLICY_CONTROLS} from '../controls.js'
import {MODE_MEANING, MTLS_SEVERITY_NOTES, mtlsSeverity} from '../mtls-severity.js'

const LISTED = 5

export default defineRule<Subject>({
  meta: {
    id: 'ZT-MESH-002',
    slug: 'peer-authentication-not-strict',
    category: 'mesh-plaintext',
    title: 'Namespace or workload PeerAuthentication accepts plaintext',
    severity: 'high',
    severityNotes: MTLS_SEVERITY_NOTES,
    target: 'PeerAuthentication',
    reads: ['PeerAuthentication', 'Namespace', ...WORKLOAD_KINDS],
    description: `Checks each namespace-wide PeerAuthentication (no selector) and each workload PeerAuthentication (with \`selector.matchLabels\`) whose \`mtls.mode\` is PERMISSIVE or DISABLE, and reports it where it takes effect: for the meshed workloads (sidecar or ambient) whose effective mode it decides under Istio's precedence — workload policy over namespace policy over mesh policy, a mode of UNSET inheriting from the level above, the oldest policy winning when two sit at one level.

So a namespace PERMISSIVE that overrides a mesh-wide STRICT fails, while one whose every workload has its own STRICT policy passes, as does a policy that selects no workload in the mesh. Policies in the root namespace without a selector are mesh-wide (ZT-MESH-001); with a selector, Istio ignores them. Port-level settings are checked by ZT-MESH-003.`,
    remediation: 'Set `mtls.mode: STRICT` (or remove the override so the mesh-wide STRICT applies) once every client of these workloads is in the mesh. Keep PERMISSIVE only for a migration, with an end date.',
    example: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: payments
spec:
  mtls:
    mode: STRICT`,
    controls: POLICY_CONTROLS,
    tags: ['istio', 'mtls'],
  },
  check(subject, ctx) {
    const {mesh} = ctx.inventory
    const root = mesh.rootNamespace(ctx.options.rootNamespace)
    const index = mesh.peerAuthentication(root)
    const policy = index.policyOf(subject.resource)
    if (!policy || policy.level === 'mesh') {
      ctx.skip('a mesh-wide policy: checked by ZT-MESH-001')
      return
    }
    if (policy.level === 'ignored') {
      ctx.skip(policy.ignoredBecause ?? 'Istio ignores this policy')
      return
    }
    const mode = policy.mode
    if (!mode || mode === 'STRICT') return
    const governed = mesh.istioWorkloadsIn(policy.namespace).filter((w) => mesh.mtls(w, root).base.policy === policy)
    if (governed.length === 0) return
    const names = governed.slice(0, LISTED).map((w) => w.name)
    const more = governed.length > LISTED ? ` and ${governed.length - LISTED} more` : ''
    const overrides = policy.level === 'namespace' && index.mesh?.mode === 'STRICT' ? ` It overrides the mesh-wide STRICT of ${index.mesh.namespace}/${index.mesh.name}.` : ''
    ctx.report({
      message: `${policy.level === 'namespace' ? 'Namespace-wide' : 'Workload'} PeerAuthentication ${policy.namespace}/${policy.name} sets ${mode}, which ${MODE_MEANING[mode]}, for ${governed.length} meshed workload(s): ${names.join(', ')}${more}.${overrides}`,
      path: policy.modePath,
      severity: mtlsSeverity(mode, policy.level),
      evidence: {mode, scope: policy.level, governed: governed.map((w) => `${w.kind}/${w.namespace}/${w.name}`)},
    })
  },
})
