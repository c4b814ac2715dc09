import {defineRule, istioServerMode, NGINX_PREFIX, type TlsEntryPoint} from '../../../src/sdk/index.js'
import {TRANSPORT_CONTROLS} from '../controls.js'
import {describeEntryPoint} from '../entry-points.js'

const PLAIN_BACKENDS = new Set(['HTTP', 'GRPC', 'AUTO_HTTP', 'FCGI'])

const MODES: Readonly<Record<string, string>> = {
  PASSTHROUGH: 'passes TLS through to the workload, routed by SNI: the gateway neither terminates nor inspects it, and the workload\'s own certificate and TLS settings decide (zt-audit cannot see them)',
  AUTO_PASSTHROUGH: 'passes TLS through by SNI without VirtualServices (a multi-network east-west gateway): it assumes both ends use Istio mTLS',
  ISTIO_MUTUAL: 'terminates TLS with the mesh\'s own certificates: only clients holding a mesh identity can connect',
}

export default defineRule<TlsEntryPoint>({
  meta: {
    id: 'ZT-TLS-014',
    slug: 'tls-termination',
    category: 'ingress-tls',
    title: 'Where TLS ends behind an entry point',
    severity: 'info',
    target: 'TLSEntryPoint',
    reads: ['Ingress', 'Gateway'],
    description: `Explains TLS termination choices the other rules cannot judge, as information:

- Istio Gateway \`tls.mode\`: \`PASSTHROUGH\` leaves termination to the workload (its certificate and protocol versions are out of zt-audit's sight); \`AUTO_PASSTHROUGH\` is meant for east-west gateways between meshes; \`ISTIO_MUTUAL\` admits only clients with a mesh identity. \`SIMPLE\`, \`MUTUAL\` and \`OPTIONAL_MUTUAL\` terminate TLS at the gateway with the Secret named by \`credentialName\`, which the certificate rules check. Egress gateways are not entry points and are skipped.
- Gateway API listeners with \`tls.mode: Passthrough\`.
- ingress-nginx: \`nginx.ingress.kubernetes.io/ssl-passthrough: "true"\` (TLS goes to the backend untouched), and an explicit \`nginx.ingress.kubernetes.io/backend-protocol\` of \`HTTP\`, \`GRPC\`, \`AUTO_HTTP\` or \`FCGI\` on an Ingress with TLS: TLS ends at the controller and the hop to the pods is plain unless a mesh encrypts it.`,
    remediation: 'Nothing to fix by itself. For passthrough, make sure the workload serves a valid certificate with TLS 1.2 or later; for plain backends, enrol the backend in the mesh (mTLS) or use `backend-protocol: "HTTPS"`.',
    controls: TRANSPORT_CONTROLS,
    tags: ['tls', 'termination'],
  },
  check(entryPoint, ctx) {
    const name = describeEntryPoint(entryPoint)
    switch (entryPoint.type) {
      case 'nginx-config':
        return ctx.skip('a controller configuration terminates nothing of its own')
      case 'ingress': {
        const passthrough = `${NGINX_PREFIX}ssl-passthrough`
        if (entryPoint.annotations[passthrough] === 'true') {
          ctx.report({message: `${name} passes TLS through to its backends (${passthrough}: "true"): the controller does not terminate it, so the workload's certificate and TLS settings decide.`, path: ['metadata', 'annotations', passthrough], evidence: {annotation: passthrough}})
        }
        const backend = `${NGINX_PREFIX}backend-protocol`
        const protocol = entryPoint.annotations[backend]
        if (protocol && PLAIN_BACKENDS.has(protocol.toUpperCase()) && entryPoint.hosts.some((h) => h.tls === 'terminated')) {
          ctx.report({message: `${name} terminates TLS at the controller and forwards to its backends in plain ${protocol.toUpperCase()} (${backend}: "${protocol}"), unless a mesh encrypts that hop.`, path: ['metadata', 'annotations', backend], evidence: {annotation: backend, value: protocol}})
        }
        return
      }
      case 'istio-gateway': {
        if (entryPoint.exposure === 'egress') return ctx.skip('an egress gateway carries mesh clients out of the cluster; it is not an entry point')
        for (const server of entryPoint.servers) {
          if (server.protocol !== 'HTTPS' && server.protocol !== 'TLS') continue
          const mode = istioServerMode(server)
          if (!MODES[mode]) continue
          ctx.report({message: `${name} server ${server.index}${server.port === undefined ? '' : ` (port ${server.port})`} uses tls.mode ${mode}: it ${MODES[mode]}.`, path: server.tls ? [...server.tls.path, 'mode'] : server.path, cause: `server:${server.index}`, evidence: {server: server.index, mode}})
        }
        return
      }
      case 'gateway-api':
        for (const listener of entryPoint.listeners) {
          if (listener.tlsMode !== 'Passthrough') continue
          ctx.report({
            message: `${name} listener ${listener.name}${listener.port === undefined ? '' : ` (port ${listener.port})`} passes TLS through to the backend (tls.mode: Passthrough): the workload's certificate and TLS settings decide.`,
            path: [...listener.path, 'tls', 'mode'],
            cause: `listener:${listener.name}`,
            evidence: {listener: listener.name, mode: listener.tlsMode},
          })
        }
    }
  },
})
