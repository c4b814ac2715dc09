import {compileDestinationRule, defineRule, lowerSeverity, type Severity, type Subject, WORKLOAD_KINDS} from '../../../src/sdk/index.js'
import {CLIENT_TLS_CONTROLS} from '../controls.js'

const WEAK: Record<string, string> = {
  DISABLE: 'sends plaintext',
  SIMPLE: 'originates TLS without a client certificate, so the server sees no mesh identity',
}

export default defineRule<Subject>({
  meta: {
    id: 'ZT-MESH-004',
    slug: 'destination-rule-disables-mtls',
    category: 'mesh-plaintext',
    title: 'DestinationRule sends plaintext to a service in the mesh',
    severity: 'high',
    severityNotes: `- **high**: \`trafficPolicy.tls.mode: DISABLE\` for the whole host;
- **medium**: DISABLE on one port (\`portLevelSettings\`), or SIMPLE for the whole host;
- **low**: SIMPLE on one port;
- one level lower when every workload behind the host requires mTLS (STRICT), where the setting breaks connections rather than leaking them.`,
    target: 'DestinationRule',
    reads: ['DestinationRule', 'Service', 'PeerAuthentication', 'Namespace', ...WORKLOAD_KINDS],
    description: `A DestinationRule's \`tls.mode\` decides what the client sidecar sends. DISABLE sends plaintext, and SIMPLE wraps the connection in TLS without the mesh's client certificate: either way the server learns no caller identity, and with a PERMISSIVE server the traffic is accepted unauthenticated. For hosts outside the mesh that is expected (the Kubernetes API server, external databases); for a service whose workloads have a sidecar or run in ambient mode it undoes mTLS.

The host is read as Istio reads it (\`cart\`, \`cart.shop\`, \`cart.shop.svc.cluster.local\`, \`*.shop.svc.cluster.local\`) against the Services of the input, and a rule only counts for the Services where no more specific DestinationRule of the same namespace takes over. A port-level setting overrides the host-wide one for its port, so a rule whose \`portLevelSettings\` re-enable \`ISTIO_MUTUAL\` on every port of the Service passes. Hosts with no Service in the input, or whose workloads are outside the mesh, are skipped.`,
    remediation: 'Use `tls.mode: ISTIO_MUTUAL` (or remove `tls` and let auto mTLS apply) for hosts in the mesh. Keep DISABLE and SIMPLE for hosts outside it, written as their exact name.',
    example: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: payments-api
  namespace: payments
spec:
  host: payments-api.payments.svc.cluster.local
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL`,
    controls: CLIENT_TLS_CONTROLS,
    tags: ['istio', 'mtls'],
  },
  check(subject, ctx) {
    const {mesh} = ctx.inventory
    const rule = mesh.destinationRules.find((r) => r.resource === subject.resource) ?? compileDestinationRule(subject.resource!)
    const weak = rule.settings.filter((s) => WEAK[s.mode])
    if (weak.length === 0) return
    const root = mesh.rootNamespace(ctx.options.rootNamespace)
    const targets = mesh.servicesGovernedBy(rule).map((service) => ({service, workloads: mesh.workloadsOf(service).filter((w) => mesh.inIstioMesh(w))})).filter((t) => t.workloads.length > 0)
    if (targets.length === 0) {
      ctx.skip(`host ${rule.host} names no Service of the input whose workloads are in the mesh`)
      return
    }
    const overridden = new Set(rule.settings.filter((s) => s.port !== undefined).map((s) => s.port))
    for (const setting of weak) {
      const reached = targets.filter(({service}) => setting.port !== undefined ? service.ports.some((p) => p.port === setting.port) : service.ports.length === 0 || service.ports.some((p) => !overridden.has(p.port)))
      if (reached.length === 0) continue
      const strict = reached.every(({workloads}) => workloads.every((w) => mesh.mtls(w, root).base.mode === 'STRICT'))
      let severity: Severity = setting.mode === 'DISABLE' ? 'high' : 'medium'
      if (setting.port !== undefined) severity = lowerSeverity(severity, 1)
      if (strict) severity = lowerSeverity(severity, 1)
      const where = setting.port !== undefined ? `on port ${setting.port}` : 'on every port'
      const services = reached.map(({service}) => `${service.namespace}/${service.name}`)
      ctx.report({
        message: `DestinationRule ${rule.namespace}/${rule.name} sets tls.mode ${setting.mode} ${where} for ${services.join(', ')}, whose workloads are in the mesh: the client ${WEAK[setting.mode]}.${strict ? ' The workloads require mTLS (STRICT), so these connections fail instead.' : ''}`,
        path: setting.path,
        cause: `${setting.mode}:${setting.port ?? '*'}`,
        severity,
        evidence: {host: rule.host, mode: setting.mode, port: setting.port ?? 'all', services, serverStrict: strict},
      })
    }
  },
})
