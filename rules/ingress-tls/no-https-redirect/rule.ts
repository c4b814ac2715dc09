import {defineRule, type FieldPath, type NginxConfigView, type RuleContext, type ServedHost, type TlsEntryPoint} from '../../../src/sdk/index.js'
import {TRANSPORT_CONTROLS} from '../controls.js'
import {byExposure, describeEntryPoint, hostLabel, quoteList, whereOnPath} from '../entry-points.js'

/** The controller-wide switches, reported once on the controller's ConfigMap. */
function checkController(config: NginxConfigView, ctx: RuleContext): void {
  const redirect = config.setting('ssl-redirect')
  const force = config.setting('force-ssl-redirect')
  if (redirect.value === 'false' && force.value !== 'true') {
    const affected = ctx.inventory.ingress.ingresses.filter((i) => i.nginx === config && i.hosts.some((h) => h.tls === 'terminated' && h.http === 'served' && h.because?.scope === 'controller'))
    ctx.report({
      message: `${describeEntryPoint(config)} sets ssl-redirect: "false": hosts with TLS on this controller are also answered over plain HTTP, without a redirect${affected.length > 0 ? ` (${affected.length} Ingress${affected.length > 1 ? 'es' : ''} in the input: ${affected.map((i) => `${i.namespace}/${i.name}`).join(', ')})` : ''}.`,
      path: redirect.path,
      evidence: {sslRedirect: redirect.value, ingresses: affected.map((i) => `${i.namespace}/${i.name}`)},
    })
  }
  const hsts = config.setting('hsts')
  if (hsts.value === 'false') {
    ctx.report({
      message: `${describeEntryPoint(config)} sets hsts: "false": browsers are not told to use HTTPS only, so a first request or a downgraded link still goes out over plain HTTP.`,
      path: hsts.path,
      severity: 'low',
      evidence: {hsts: hsts.value},
    })
  }
}

function ingressReason(entryPoint: TlsEntryPoint, host: ServedHost): string {
  if (host.because) return `${host.because.text} turns the redirect to HTTPS off`
  if (entryPoint.type === 'ingress' && entryPoint.controller === 'gce') return 'no FrontendConfig with redirectToHttps.enabled is attached (annotation networking.gke.io/v1beta1.FrontendConfig)'
  if (entryPoint.type === 'ingress' && entryPoint.controller === 'alb') return 'the ALB has an HTTP listener and no alb.ingress.kubernetes.io/ssl-redirect annotation'
  if (entryPoint.type === 'istio-gateway') return `${whereOnPath(entryPoint, host.path)} has no tls.httpsRedirect: true`
  if (entryPoint.type === 'gateway-api') {
    const listener = entryPoint.listeners[Number(host.path[2])]
    return `no HTTPRoute attached to ${whereOnPath(entryPoint, host.path)} only redirects to https (${listener?.routes.length ?? 0} attached)`
  }
  return 'nothing redirects it'
}

/** Where the decision is written: the setting, else the server or listener, else the host. */
function groupPath(entryPoint: TlsEntryPoint, host: ServedHost): FieldPath {
  if (host.because) return host.because.path
  if (entryPoint.type === 'istio-gateway' || entryPoint.type === 'gateway-api') return host.path.slice(0, 3)
  if (entryPoint.type === 'ingress' && entryPoint.controller === 'gce') return ['metadata', 'annotations']
  return host.path
}

export default defineRule<TlsEntryPoint>({
  meta: {
    id: 'ZT-TLS-005',
    slug: 'no-https-redirect',
    category: 'ingress-tls',
    title: 'Host served over HTTPS is also served over plain HTTP without a redirect',
    severity: 'medium',
    target: 'TLSEntryPoint',
    reads: ['Ingress', 'IngressClass', 'Gateway', 'HTTPRoute', 'ConfigMap'],
    description: `A host with TLS should answer plain HTTP with a redirect to HTTPS; otherwise a first request, an old bookmark or a downgrade attack still carries cookies and data in clear.

- **ingress-nginx** redirects hosts with TLS by default. The rule fails an Ingress that sets \`nginx.ingress.kubernetes.io/ssl-redirect: "false"\` (unless \`force-ssl-redirect: "true"\` wins), and the controller ConfigMap when it sets \`ssl-redirect: "false"\` for every Ingress (reported once, on the ConfigMap). \`hsts: "false"\` in the ConfigMap is reported as **low**.
- **GKE** (class \`gce\`) needs a FrontendConfig with \`redirectToHttps.enabled: true\`, or \`kubernetes.io/ingress.allow-http: "false"\`; **AWS ALB** needs \`alb.ingress.kubernetes.io/ssl-redirect\` or no HTTP listener. Other controllers redirect according to their own defaults, which the input does not show, so they are not judged.
- **Istio Gateway**: a plain HTTP server serving a host that an HTTPS or TLS server also serves must set \`tls.httpsRedirect: true\`.
- **Gateway API**: an \`HTTP\` listener serving a host that an \`HTTPS\` listener also serves needs attached HTTPRoutes whose every rule is a \`RequestRedirect\` filter with \`scheme: https\`.

Hosts without any TLS are ZT-TLS-001's findings.`,
    severityNotes: '- **medium**: a host with TLS is also answered over plain HTTP;\n- **low**: ingress-nginx `hsts: "false"`, and entry points reachable only inside the cluster.',
    remediation: 'Remove `ssl-redirect: "false"`; set `tls.httpsRedirect: true` on the Istio HTTP server; attach to the Gateway API HTTP listener an HTTPRoute whose rule is a `RequestRedirect` filter with `scheme: https` and `statusCode: 301`; on GKE attach a FrontendConfig with `redirectToHttps.enabled: true`.',
    controls: TRANSPORT_CONTROLS,
    tags: ['tls', 'redirect', 'hsts'],
    example: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: https-redirect
  namespace: web
spec:
  parentRefs:
    - name: public
      sectionName: http
  rules:
    - filters:
        - type: RequestRedirect
          requestRedirect:
            scheme: https
            statusCode: 301`,
  },
  check(entryPoint, ctx) {
    if (entryPoint.type === 'nginx-config') return checkController(entryPoint, ctx)
    if (entryPoint.exposure === 'egress') return ctx.skip('an egress gateway carries mesh clients out of the cluster; it is not an entry point')
    const open = entryPoint.hosts.filter((h) => h.tls === 'terminated' && h.http === 'served' && h.because?.scope !== 'controller')
    const groups = new Map<string, ServedHost[]>()
    for (const host of open) {
      const key = groupPath(entryPoint, host).join('.')
      groups.set(key, [...(groups.get(key) ?? []), host])
    }
    const name = describeEntryPoint(entryPoint)
    for (const hosts of groups.values()) {
      const [first] = hosts
      const path = groupPath(entryPoint, first)
      ctx.report({
        message: `${name} answers ${quoteList(hosts.map((h) => hostLabel(h.host)))} over plain HTTP as well as HTTPS: ${ingressReason(entryPoint, first)}.`,
        path,
        severity: byExposure('medium', entryPoint),
        evidence: {hosts: hosts.map((h) => h.host), exposure: entryPoint.exposure, ...(first.because ? {setting: first.because.text} : {})},
      })
    }
  },
})
