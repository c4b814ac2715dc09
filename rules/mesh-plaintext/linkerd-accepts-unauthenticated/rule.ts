import {defineRule, serverCoversPort, UNAUTHENTICATED_POLICIES, WORKLOAD_KINDS, type WorkloadView} from '../../../src/sdk/index.js'
import {POLICY_CONTROLS} from '../controls.js'

export default defineRule<WorkloadView>({
  meta: {
    id: 'ZT-MESH-010',
    slug: 'linkerd-accepts-unauthenticated',
    category: 'mesh-plaintext',
    title: 'Linkerd workload accepts unauthenticated traffic',
    severity: 'medium',
    target: 'Workload',
    reads: ['Namespace', 'ConfigMap', 'Server', ...WORKLOAD_KINDS],
    description: `Linkerd's default inbound policy decides what a meshed pod accepts on ports that no \`Server\` describes. The install-wide default is \`all-unauthenticated\`: the proxy accepts connections from anything, meshed or not, so an unmeshed client reaches the application in plaintext and without an identity — Linkerd's equivalent of Istio's PERMISSIVE. \`cluster-unauthenticated\` and \`audit\` admit unauthenticated clients too.

The effective policy is read in Linkerd's order: the pod's \`config.linkerd.io/default-inbound-policy\` annotation, the value the injector gave the running proxy (\`LINKERD2_PROXY_INBOUND_DEFAULT_POLICY\`), the namespace's annotation, the install's \`proxy.defaultInboundPolicy\` (ConfigMap \`linkerd-config\`), then Linkerd's default. A workload passes when the policy requires authentication (\`all-authenticated\`, \`cluster-authenticated\`, \`deny\`) or when every container port is covered by a \`Server\`, whose traffic is denied unless authorized.`,
    remediation: 'Set `config.linkerd.io/default-inbound-policy: all-authenticated` (or `deny`, with Servers and AuthorizationPolicies for the flows you need) on the namespace, or install with `proxy.defaultInboundPolicy` set so.',
    example: `apiVersion: v1
kind: Namespace
metadata:
  name: emojivoto
  annotations:
    linkerd.io/inject: enabled
    config.linkerd.io/default-inbound-policy: all-authenticated`,
    controls: POLICY_CONTROLS,
    tags: ['linkerd', 'mtls'],
  },
  check(workload, ctx) {
    const {mesh} = ctx.inventory
    const membership = mesh.membership(workload)
    if (membership.mesh !== 'linkerd' || membership.mode !== 'sidecar') {
      ctx.skip('not a Linkerd-meshed workload')
      return
    }
    const policy = mesh.inboundPolicy(workload)
    if (!UNAUTHENTICATED_POLICIES.has(policy.value)) return
    const ports = workload.containers.filter((c) => c.kind === 'container' && c.name !== 'linkerd-proxy').flatMap((c) => c.ports)
    const servers = mesh.serversSelecting(workload)
    const uncovered = ports.filter((p) => !servers.some((s) => serverCoversPort(s, p)))
    if (ports.length > 0 && uncovered.length === 0) return
    const from = {workload: 'its own annotation', proxy: 'its injected proxy', namespace: `namespace ${workload.namespace}`, cluster: 'the Linkerd install (linkerd-config)', default: "Linkerd's default"}[policy.scope]
    const where = uncovered.length > 0 ? `ports ${uncovered.map((p) => p.containerPort).join(', ')}` : 'every port'
    ctx.report({
      message: `${workload.kind} ${workload.namespace}/${workload.name} is in the Linkerd mesh, but its default inbound policy is ${policy.value} (from ${from}): on ${where}, no Server restricts it, so clients outside the mesh connect in plaintext and without an identity.`,
      ...(policy.at ? {at: policy.at} : {}),
      ...(policy.path ? {path: policy.path} : {path: [...workload.templatePath, 'metadata', 'annotations']}),
      cause: 'default-inbound-policy',
      evidence: {policy: policy.value, scope: policy.scope, uncoveredPorts: uncovered.map((p) => p.containerPort)},
    })
  },
})
