import {defineRule, fixFor, matchingAdvisories, WORKLOAD_KINDS, type WorkloadView} from '../../../src/sdk/index.js'
import {ADVISORY_CONTROLS, DATA_NOTE, dataEvidence, describe, versionDataOf, skipUntracked} from '../shared.js'

export default defineRule<WorkloadView>({
  meta: {
    id: 'ZT-VER-003',
    slug: 'mesh-known-advisory',
    category: 'mesh-version',
    title: 'Mesh, CNI or ingress component affected by a published advisory',
    severity: 'high',
    severityNotes: 'Each finding carries the advisory\'s own severity (from its CVSS score): critical, high, medium or low.',
    target: 'Workload',
    reads: [...WORKLOAD_KINDS],
    description: `Compares each component version found (see ZT-VER-001 for how versions are read) with the affected ranges of the security advisories in the version data — Istio security bulletins, Envoy, Linkerd, Consul, consul-k8s, Cilium, Kuma and ingress-nginx CVEs (IngressNightmare among them) — using semver ranges; Linkerd edge releases are compared against the advisory's edge range. One finding per advisory, naming it and the fixed release to move to (the fix in the component's own line when there is one). ${DATA_NOTE}`,
    remediation: 'Upgrade to the fixed release named in the finding, or to a later supported line; apply the advisory\'s mitigation until then.',
    controls: ADVISORY_CONTROLS,
    tags: ['versions', 'cve'],
  },
  check(workload, ctx) {
    const components = ctx.inventory.mesh.components(workload)
    if (skipUntracked(components, ctx)) return
    const data = versionDataOf(ctx)
    for (const c of components) {
      const product = data.products.get(c.product)
      if (!product || !c.version) continue
      for (const advisory of matchingAdvisories(product, c.version)) {
        const {fix, inLine} = fixFor(advisory, c.version)
        const ownLine = inLine ? `Fixed in ${fix}` : `No fix in its own release line; fixed in ${advisory.fixed.join(', ')}`
        const aliases = advisory.aliases.length ? ` (${advisory.aliases.join(', ')})` : ''
        ctx.report({
          message: `${workload.kind} ${workload.namespace}/${workload.name} runs ${product.name} ${describe(c)}, affected by ${advisory.id}${aliases}: ${advisory.summary}. ${ownLine}.`,
          ...(c.at ? {at: c.at} : {}),
          path: c.path,
          cause: `${c.product}/${c.component}/${advisory.id}`,
          severity: advisory.severity,
          evidence: {product: c.product, component: c.component, version: c.version.text, advisory: advisory.id, aliases: advisory.aliases, affected: c.version.channel === 'edge' ? advisory.affectedEdge : advisory.affected, fixed: advisory.fixed, source: advisory.source, ...dataEvidence(data, ctx.now)},
        })
      }
    }
  },
})
