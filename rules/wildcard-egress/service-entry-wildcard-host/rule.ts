import {broadServiceEntryHosts, defineRule, exportedToAll, lowerSeverity, type Subject} from '../../../src/sdk/index.js'
import {SERVICE_ENTRY_CONTROLS} from '../mesh-controls.js'

const REACH = {
  any: 'every host',
  'public-suffix': 'every host under a public suffix (any company\'s domain)',
  'any-address': 'every address',
} as const

export default defineRule<Subject>({
  meta: {
    id: 'ZT-EGR-004',
    slug: 'service-entry-wildcard-host',
    category: 'wildcard-egress',
    title: 'ServiceEntry admits every external host',
    severity: 'high',
    severityNotes: 'One level lower (**medium**) when `exportTo` keeps the entry to its own namespace (`.`), so only that namespace\'s proxies use it.',
    target: 'ServiceEntry',
    reads: ['ServiceEntry'],
    description: `A ServiceEntry adds hosts to the mesh's registry, which is what REGISTRY_ONLY egress allows. A wildcard that is too broad re-opens egress to the internet:

- \`*\`, or an address of \`0.0.0.0/0\` or \`::/0\`: every host;
- \`*.<public suffix>\` — \`*.com\`, \`*.io\`, \`*.co.uk\`: every company's hosts under that suffix.

**Overly broad**, here, means a wildcard whose remainder is a public suffix (one label, or a known two-label suffix such as \`co.uk\` or \`com.au\`): nobody owns it, so anyone can register a host under it. A wildcard under a registrable domain (\`*.googleapis.com\`, \`*.stripe.com\`) stays within one organisation and passes, as does an exact host. Wildcards under shared platforms (\`*.amazonaws.com\`, \`*.blob.core.windows.net\`) pass too but still reach other tenants' buckets: prefer exact hosts there.`,
    remediation: 'List the exact hosts the workloads call (`api.stripe.com`), or a wildcard under the provider\'s own domain; export the entry only to the namespace that needs it (`exportTo: ["."]`) and route it through an egress gateway.',
    example: `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: stripe-api
  namespace: payments
spec:
  hosts: [api.stripe.com]
  exportTo: ["."]
  location: MESH_EXTERNAL
  ports:
    - {name: tls, number: 443, protocol: TLS}
  resolution: DNS`,
    controls: SERVICE_ENTRY_CONTROLS,
    tags: ['istio', 'egress'],
  },
  check(subject, ctx) {
    const resource = subject.resource!
    if (!resource.ref.apiVersion.includes('istio.io/')) {
      ctx.skip('not an Istio ServiceEntry')
      return
    }
    const everywhere = exportedToAll(resource)
    const raw = (resource.object.spec as {resolution?: unknown} | undefined)?.resolution
    const resolution = typeof raw === 'string' ? raw : 'NONE'
    for (const entry of broadServiceEntryHosts(resource)) {
      ctx.report({
        message: `ServiceEntry ${resource.ref.namespace ?? 'default'}/${resource.ref.name} admits ${REACH[entry.reach]} (${entry.value}, resolution ${resolution})${everywhere ? ', exported to every namespace' : ''}: sidecars may connect to them even under REGISTRY_ONLY.`,
        path: entry.path,
        severity: everywhere ? 'high' : lowerSeverity('high', 1),
        evidence: {value: entry.value, reach: entry.reach, resolution, exportedToAll: everywhere},
      })
    }
  },
})
