import {compileServer, defineRule, type Severity, type Subject, UNAUTHENTICATED_POLICIES} from '../../../src/sdk/index.js'
import {AUTHZ_CONTROLS} from '../controls.js'

export default defineRule<Subject>({
  meta: {
    id: 'ZT-MESH-012',
    slug: 'linkerd-server-unauthorized',
    category: 'mesh-authz',
    title: 'Linkerd Server has no authorization',
    severity: 'medium',
    severityNotes: `- **high**: the Server's \`accessPolicy\` admits unauthenticated clients (\`all-unauthenticated\`, \`cluster-unauthenticated\`, \`audit\`);
- **medium**: it admits any meshed client (\`all-authenticated\`, \`cluster-authenticated\`);
- **low**: \`deny\` (the default): the port refuses everything, which usually means the authorization was forgotten or lives elsewhere.`,
    target: 'Server',
    reads: ['Server', 'AuthorizationPolicy', 'ServerAuthorization', 'HTTPRoute', 'GRPCRoute'],
    description: `A Linkerd \`Server\` (policy.linkerd.io) describes a port of some pods; traffic to it is allowed only by an authorization that targets it: an \`AuthorizationPolicy\` whose \`targetRef\` is the Server, its namespace, or an HTTPRoute/GRPCRoute attached to it, or a legacy \`ServerAuthorization\` naming or selecting it. Without one, the Server's \`accessPolicy\` decides for every client. When that admits clients (any value but \`deny\`), the Server only relabels an open port; with \`deny\`, the port is closed to everyone, which is safe but rarely what was meant.`,
    remediation: 'Add an AuthorizationPolicy that targets the Server and names the MeshTLSAuthentication (identities or service accounts) allowed to call it; keep `accessPolicy: deny`.',
    controls: AUTHZ_CONTROLS,
    tags: ['linkerd', 'authorization'],
  },
  check(subject, ctx) {
    const resource = subject.resource!
    if (!resource.ref.apiVersion.startsWith('policy.linkerd.io/')) {
      ctx.skip('not a Linkerd Server')
      return
    }
    const {mesh} = ctx.inventory
    const server = mesh.servers.find((s) => s.resource === resource) ?? compileServer(resource)
    if (mesh.isAuthorized(server)) return
    const policy = server.accessPolicy
    let severity: Severity = 'low'
    let effect = 'so it refuses every request on its port'
    if (UNAUTHENTICATED_POLICIES.has(policy)) {
      severity = 'high'
      effect = 'so any client, meshed or not, reaches its port'
    } else if (policy !== 'deny') {
      severity = 'medium'
      effect = 'so any meshed workload reaches its port'
    }
    ctx.report({
      message: `Linkerd Server ${server.namespace}/${server.name} (port ${String(server.port ?? '?')}, pods ${server.pods.text}) has no AuthorizationPolicy or ServerAuthorization; its accessPolicy is ${policy}, ${effect}.`,
      path: ['spec'],
      severity,
      evidence: {accessPolicy: policy, port: server.port ?? null},
    })
  },
})
