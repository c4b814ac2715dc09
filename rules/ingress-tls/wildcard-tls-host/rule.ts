import {defineRule, isWildcard, type TlsEntryPoint} from '../../../src/sdk/index.js'
import {INVENTORY_CONTROLS} from '../controls.js'
import {describeEntryPoint} from '../entry-points.js'

export default defineRule<TlsEntryPoint>({
  meta: {
    id: 'ZT-TLS-013',
    slug: 'wildcard-tls-host',
    category: 'ingress-tls',
    title: 'Entry point serves TLS for a wildcard host',
    severity: 'info',
    target: 'TLSEntryPoint',
    reads: ['Ingress', 'Gateway'],
    description: `Notes TLS hosts written as wildcards — Ingress \`spec.tls[].hosts\` such as \`*.example.com\`, Istio HTTPS servers with \`*\` or \`*.domain\` hosts, Gateway API HTTPS listeners with a \`*.domain\` hostname. A wildcard certificate's key answers for every subdomain, so whoever holds one Secret can impersonate all of them, and a wildcard route exposes subdomains nobody reviewed. This is information for the certificate inventory, not a fault.`,
    remediation: 'Prefer one certificate per host (cert-manager makes that cheap), and keep wildcard certificates in as few namespaces as possible.',
    controls: INVENTORY_CONTROLS,
    tags: ['certificate', 'wildcard'],
  },
  check(entryPoint, ctx) {
    if (entryPoint.type === 'nginx-config') return ctx.skip('a controller configuration serves no host of its own')
    if (entryPoint.tlsHosts.length === 0) return ctx.skip('serves no host over TLS it terminates')
    for (const {host, path} of entryPoint.tlsHosts) {
      if (!isWildcard(host)) continue
      ctx.report({message: `${describeEntryPoint(entryPoint)} serves TLS for the wildcard host ${host}.`, path, cause: `host:${host}`, evidence: {host}})
    }
  },
})
