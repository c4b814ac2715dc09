import {defineRule, type ServedHost, type Severity, type TlsEntryPoint} from '../../../src/sdk/index.js'
import {TRANSPORT_CONTROLS} from '../controls.js'
import {byExposure, describeEntryPoint, hostLabel, quoteList, whereOnPath} from '../entry-points.js'

function why(entryPoint: TlsEntryPoint, host: ServedHost): string {
  const covered = entryPoint.type === 'ingress' ? [...new Set(entryPoint.tlsHosts.map((h) => h.host))] : []
  switch (entryPoint.type) {
    case 'ingress':
      return host.host === '*'
        ? 'only a spec.tls entry without hosts would cover a rule without host or the default backend'
        : `no spec.tls entry covers it${covered.length > 0 ? ` (TLS covers ${quoteList(covered)})` : ''}`
    case 'istio-gateway':
      return `on ${whereOnPath(entryPoint, host.path)}, and no HTTPS or TLS server of the Gateways on the same proxies serves it`
    case 'gateway-api':
      return `on ${whereOnPath(entryPoint, host.path)}, and no HTTPS or TLS listener of the Gateway serves it`
    default:
      return ''
  }
}

export default defineRule<TlsEntryPoint>({
  meta: {
    id: 'ZT-TLS-001',
    slug: 'host-without-tls',
    category: 'ingress-tls',
    title: 'Entry point serves a host over plain HTTP only',
    severity: 'high',
    target: 'TLSEntryPoint',
    reads: ['Ingress', 'IngressClass', 'Gateway', 'HTTPRoute', 'ConfigMap'],
    description: `Every host an entry point serves should be reachable over TLS. The rule checks each host, not each object:

- **Ingress**: every \`spec.rules[].host\` must be covered by a \`spec.tls[].hosts\` entry (exactly, or by a \`*.domain\` wildcard one label deep). A rule without a host and the default backend answer every host, which only a \`spec.tls\` entry without hosts covers. Certificates attached by the cloud load balancer (\`networking.gke.io/managed-certificates\`, \`ingress.gcp.kubernetes.io/pre-shared-cert\`, \`alb.ingress.kubernetes.io/certificate-arn\`) cover every host; \`kubernetes.io/ingress.allow-http: "false"\` (GKE) and an ALB without an HTTP listener serve no plain HTTP at all.
- **Istio Gateway**: each host of an \`HTTP\`, \`HTTP2\` or \`GRPC\` server must also be served by an \`HTTPS\` or \`TLS\` server of a Gateway applied to the same proxies, unless the server answers with \`tls.httpsRedirect: true\`. Egress gateways are not checked: they carry mesh clients' traffic out, not clients' traffic in.
- **Gateway API**: each \`HTTP\` listener's hostname (every host when it has none) must also be served by an \`HTTPS\` or \`TLS\` listener of the Gateway, unless every HTTPRoute attached to the listener only redirects to \`https\`.

Near-misses: an Ingress with TLS for one of its two hosts fails for the other host only; a plain HTTP server with \`httpsRedirect: true\` passes. Hosts that do have TLS but are also served over plain HTTP are ZT-TLS-005's concern.`,
    severityNotes: `- **high**: the host is answered over plain HTTP;
- **medium**: ingress-nginx \`force-ssl-redirect: "true"\` redirects the host to HTTPS although the Ingress has no TLS for it (the controller answers with its default certificate unless TLS is terminated in front of it);
- one level lower for entry points reachable only inside the cluster or through an internal load balancer.`,
    remediation: 'Add the host to a `spec.tls` entry with a certificate Secret (for example through cert-manager), add an HTTPS server or listener for it, or redirect its plain HTTP to HTTPS. Remove hosts that should not be public.',
    controls: TRANSPORT_CONTROLS,
    tags: ['ingress', 'tls', 'plaintext'],
    example: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
spec:
  ingressClassName: nginx
  tls:
    - hosts: [shop.example.com, m.shop.example.com]
      secretName: shop-example-com-tls
  rules:
    - host: shop.example.com
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: frontend, port: {number: 80}}}}]}
    - host: m.shop.example.com
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: frontend, port: {number: 80}}}}]}`,
  },
  check(entryPoint, ctx) {
    if (entryPoint.type === 'nginx-config') return ctx.skip('a controller configuration serves no host of its own')
    if (entryPoint.exposure === 'egress') return ctx.skip('an egress gateway carries mesh clients out of the cluster; it is not an entry point')
    if (entryPoint.type === 'ingress' && entryPoint.hosts.length === 0) return ctx.skip('the Ingress has neither rules nor a default backend')
    const name = describeEntryPoint(entryPoint)
    for (const host of entryPoint.hosts) {
      if (host.tls !== 'none' || host.http === 'none') continue
      const forced = host.http === 'redirect'
      const severity: Severity = byExposure(forced ? 'medium' : 'high', entryPoint)
      const message = forced
        ? `${name} has no TLS for ${hostLabel(host.host)}: ${host.because?.text ?? 'a forced redirect'} sends its HTTP clients to HTTPS, which the controller answers with its default certificate unless TLS is terminated in front of it.`
        : `${name} serves ${hostLabel(host.host)} over plain HTTP: ${why(entryPoint, host)}.`
      ctx.report({
        message,
        path: host.path,
        // a host is declared once per Ingress, but may recur on several Istio servers or Gateway listeners
        cause: entryPoint.type === 'ingress' ? `host:${host.host}` : `${host.path.slice(1, 3).join('.')}:host:${host.host}`,
        severity,
        evidence: {host: host.host, http: host.http, exposure: entryPoint.exposure, tlsHosts: entryPoint.tlsHosts.map((h) => h.host)},
      })
    }
  },
})
