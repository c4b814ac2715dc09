import {defineRule, type MtlsMode, type Subject, WORKLOAD_KINDS} from '../../../src/sdk/index.js'
import {PORT_CONTROLS} from '../controls.js'
import {MODE_MEANING, mtlsSeverity} from '../mtls-severity.js'

const STRENGTH: Record<MtlsMode, number> = {STRICT: 2, PERMISSIVE: 1, DISABLE: 0}

export default defineRule<Subject>({
  meta: {
    id: 'ZT-MESH-003',
    slug: 'port-mtls-not-strict',
    category: 'mesh-plaintext',
    title: 'PeerAuthentication opens a port to plaintext',
    severity: 'low',
    severityNotes: 'Port-level settings are the narrowest scope: **low** for DISABLE and PERMISSIVE alike (see ZT-MESH-002 for the scale).',
    target: 'PeerAuthentication',
    reads: ['PeerAuthentication', 'Namespace', ...WORKLOAD_KINDS],
    description: `Checks the \`portLevelMtls\` entries of workload PeerAuthentications. A port set to PERMISSIVE or DISABLE accepts plaintext on that workload port even when the workload's own mode is STRICT — a plaintext hole on, typically, a metrics or admin port. An entry is reported when it is weaker than the mode the port would otherwise get and the policy is the one Istio applies to at least one meshed workload; an UNSET port inherits and is not reported.

Istio applies \`portLevelMtls\` only on policies with a workload selector: on namespace-wide and mesh-wide policies it is ignored, and so is it here. The port is the workload's (container) port, not the Service port.`,
    remediation: 'Remove the port-level override, or have the client of that port (e.g. Prometheus) join the mesh and scrape over mTLS. If plaintext scraping is required, restrict the port with an AuthorizationPolicy and a NetworkPolicy to the scraper.',
    example: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: catalog
  namespace: shop
spec:
  selector:
    matchLabels:
      app: catalog
  mtls:
    mode: STRICT`,
    controls: PORT_CONTROLS,
    tags: ['istio', 'mtls'],
  },
  check(subject, ctx) {
    const {mesh} = ctx.inventory
    const root = mesh.rootNamespace(ctx.options.rootNamespace)
    const index = mesh.peerAuthentication(root)
    const policy = index.policyOf(subject.resource)
    if (!policy || policy.level !== 'workload' || policy.ports.length === 0) {
      ctx.skip('no port-level settings that Istio applies (they need a workload selector)')
      return
    }
    const governed = mesh.istioWorkloadsIn(policy.namespace).filter((w) => index.workloadPolicy(w.namespace, w.labels) === policy)
    if (governed.length === 0) return
    const base = mesh.mtls(governed[0], root).base
    for (const port of policy.ports) {
      if (!port.mode || STRENGTH[port.mode] >= STRENGTH[base.mode]) continue
      ctx.report({
        message: `PeerAuthentication ${policy.namespace}/${policy.name} sets port ${port.port} to ${port.mode}, which ${MODE_MEANING[port.mode]}, although the workload's mode is ${base.mode}; it applies to ${governed.map((w) => w.name).join(', ')}.`,
        path: port.path,
        cause: `port-${port.port}`,
        severity: mtlsSeverity(port.mode, 'port'),
        evidence: {port: port.port, mode: port.mode, workloadMode: base.mode, workloads: governed.map((w) => `${w.kind}/${w.namespace}/${w.name}`)},
      })
    }
  },
})
