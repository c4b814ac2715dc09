import {defineRule, type Severity, WORKLOAD_KINDS, type WorkloadView} from '../../../src/sdk/index.js'
import {BYPASS_CONTROLS} from '../controls.js'

export default defineRule<WorkloadView>({
  meta: {
    id: 'ZT-MESH-006',
    slug: 'proxy-bypass',
    category: 'mesh-plaintext',
    title: 'Ports or addresses bypass the mesh proxy',
    severity: 'medium',
    severityNotes: `- **medium**: inbound or outbound traffic excluded from the proxy (plaintext, no identity, no policy);
- **low**: Linkerd opaque ports, which stay in the mesh (see above).`,
    target: 'Workload',
    reads: ['Namespace', ...WORKLOAD_KINDS],
    description: `A meshed workload can exclude traffic from interception. Excluded traffic goes straight between the application and the network: plaintext, without a caller identity, and outside every mesh policy, on an otherwise STRICT workload. Reported settings, on the pod template (and for Linkerd also on the namespace, which its injector reads):

- Istio: \`traffic.sidecar.istio.io/excludeInboundPorts\`, \`excludeOutboundPorts\`, \`excludeOutboundIPRanges\`, \`includeOutboundIPRanges\` other than \`*\` (everything outside the listed ranges bypasses), \`includeInboundPorts\` other than \`*\`;
- Linkerd: \`config.linkerd.io/skip-inbound-ports\`, \`skip-outbound-ports\`, \`skip-subnets\`;
- Consul: \`consul.hashicorp.com/transparent-proxy-exclude-inbound-ports\`, \`-exclude-outbound-ports\`, \`-exclude-outbound-cidrs\`, \`-exclude-uids\`.

Linkerd's \`config.linkerd.io/opaque-ports\` is reported at a lower severity: opaque traffic still passes through the proxy and is still mTLS between meshed pods; Linkerd only skips protocol detection, so HTTP-level authorization, routing and metrics do not apply on those ports. An opaque port that is not also a skip port is therefore no plaintext path. Only workloads with a mesh proxy are checked.`,
    remediation: 'Remove the exclusion. For ports that need raw TCP (databases, server-speaks-first protocols), use Linkerd opaque ports or Istio protocol selection instead of skipping the proxy; for probes, rely on the mesh\'s probe rewriting.',
    controls: BYPASS_CONTROLS,
    tags: ['istio', 'linkerd', 'consul', 'mtls'],
  },
  check(workload, ctx) {
    const {mesh} = ctx.inventory
    const membership = mesh.membership(workload)
    if (membership.mode !== 'sidecar') {
      ctx.skip('has no mesh sidecar, so nothing can bypass it')
      return
    }
    for (const b of mesh.bypasses(workload)) {
      const severity: Severity = b.kind === 'opaque' ? 'low' : 'medium'
      const scope = b.at ? ` (set on namespace ${workload.namespace})` : ''
      const effect =
        b.kind === 'opaque'
          ? `Linkerd treats ${b.covers} as opaque${scope}: the traffic still goes through the proxy over mTLS, but without protocol detection, so HTTP-level policy and metrics do not apply there.`
          : `${b.direction === 'inbound' ? 'Inbound' : 'Outbound'} traffic on ${b.covers} bypasses the ${b.mesh} proxy${scope}: it is plaintext, carries no identity and escapes mesh policy.`
      ctx.report({
        message: `${workload.kind} ${workload.namespace}/${workload.name}: ${b.annotation}: "${b.value}". ${effect}`,
        ...(b.at ? {at: b.at} : {}),
        path: b.path,
        cause: b.annotation,
        severity,
        evidence: {mesh: b.mesh, annotation: b.annotation, value: b.value, direction: b.direction, kind: b.kind},
      })
    }
  },
})
