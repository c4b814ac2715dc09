import {defineRule, type IstioGatewayEntryPoint, istioServerMode, isWeakIstioVersion, TERMINATING_MODES} from '../../../src/sdk/index.js'
import {CRYPTO_CONTROLS} from '../controls.js'
import {describeEntryPoint} from '../entry-points.js'

export default defineRule<IstioGatewayEntryPoint>({
  meta: {
    id: 'ZT-TLS-003',
    slug: 'istio-weak-tls-version',
    category: 'ingress-tls',
    title: 'Istio Gateway accepts TLS versions below 1.2',
    severity: 'high',
    target: 'Gateway.networking.istio.io',
    reads: ['Gateway', 'ConfigMap', 'IstioOperator'],
    description: `An Istio Gateway server that terminates TLS (\`tls.mode\` \`SIMPLE\`, \`MUTUAL\` or \`OPTIONAL_MUTUAL\`) fails when its \`tls.minProtocolVersion\` is \`TLSV1_0\` or \`TLSV1_1\`, or its \`tls.maxProtocolVersion\` caps it there. TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail PCI DSS.

A server that sets no version inherits the mesh-wide \`meshConfig.tlsDefaults.minProtocolVersion\` (from the \`istio\` ConfigMap of the gateway's revision, or an IstioOperator), whose default is TLS 1.2; a weak mesh default is reported on each Gateway that inherits it, pointing at the mesh config. \`ISTIO_MUTUAL\` servers follow \`meshConfig.meshMTLS.minProtocolVersion\` instead. \`PASSTHROUGH\` and \`AUTO_PASSTHROUGH\` servers do not terminate TLS, so the workload behind them decides (see ZT-TLS-014).`,
    remediation: 'Remove `minProtocolVersion` (the default is TLS 1.2) or set it to `TLSV1_2` or `TLSV1_3`; do not cap `maxProtocolVersion` below `TLSV1_2`. In the mesh config, keep `tlsDefaults.minProtocolVersion` and `meshMTLS.minProtocolVersion` at `TLSV1_2` or above.',
    controls: CRYPTO_CONTROLS,
    tags: ['istio', 'gateway', 'tls', 'protocol'],
    example: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: b2b-gateway
  namespace: shop
spec:
  selector:
    istio: ingressgateway
  servers:
    - port: {number: 443, name: https, protocol: HTTPS}
      hosts: [b2b.shop.example.com]
      tls:
        mode: SIMPLE
        credentialName: b2b-shop-example-com-tls
        minProtocolVersion: TLSV1_2`,
  },
  check(gateway, ctx) {
    const terminating = gateway.servers.filter((s) => TERMINATING_MODES.has(istioServerMode(s)) || istioServerMode(s) === 'ISTIO_MUTUAL')
    if (terminating.length === 0) return ctx.skip('no server of the Gateway terminates TLS')
    const name = describeEntryPoint(gateway)
    for (const server of terminating) {
      const tls = server.tls
      const where = `server ${server.index}${server.port === undefined ? '' : ` (port ${server.port})`}`
      if (tls && isWeakIstioVersion(tls.minProtocolVersion)) {
        ctx.report({message: `${name} accepts ${tls.minProtocolVersion} on ${where}: tls.minProtocolVersion is below TLSV1_2.`, path: [...tls.path, 'minProtocolVersion'], evidence: {server: server.index, minProtocolVersion: tls.minProtocolVersion}})
      }
      if (tls && isWeakIstioVersion(tls.maxProtocolVersion)) {
        ctx.report({message: `${name} caps ${where} at ${tls.maxProtocolVersion}: tls.maxProtocolVersion is below TLSV1_2, so every connection uses a deprecated version.`, path: [...tls.path, 'maxProtocolVersion'], evidence: {server: server.index, maxProtocolVersion: tls.maxProtocolVersion}})
      }
      if (tls?.minProtocolVersion || !gateway.mesh) continue
      const mutual = istioServerMode(server) === 'ISTIO_MUTUAL'
      const inherited = mutual ? gateway.mesh.meshMtlsMinProtocolVersion : gateway.mesh.minProtocolVersion
      if (!isWeakIstioVersion(inherited)) continue
      const field = mutual ? 'meshMTLS' : 'tlsDefaults'
      ctx.report({
        message: `${name} inherits ${field}.minProtocolVersion ${inherited} on ${where} from the mesh config in ${gateway.mesh.resource.ref.kind} ${gateway.mesh.resource.ref.namespace}/${gateway.mesh.resource.ref.name}.`,
        at: gateway.mesh.resource,
        path: gateway.mesh.path,
        cause: `mesh:${field}:${server.index}`,
        evidence: {server: server.index, [`${field}.minProtocolVersion`]: inherited},
      })
    }
  },
})
