import {defineRule, lineStatus, WORKLOAD_KINDS, type WorkloadView} from '../../../src/sdk/index.js'
import {DATA_NOTE, dataEvidence, describe, EOL_CONTROLS, versionDataOf, skipUntracked} from '../shared.js'

export default defineRule<WorkloadView>({
  meta: {
    id: 'ZT-VER-001',
    slug: 'mesh-end-of-life',
    category: 'mesh-version',
    title: 'Mesh, CNI or gateway component on an end-of-life release line',
    severity: 'high',
    target: 'Workload',
    reads: [...WORKLOAD_KINDS],
    description: `Finds the versions of Istio (istiod, proxies, ztunnel), Linkerd (control plane and proxies), Consul and consul-k8s (servers, injector, dataplane), Cilium, Kuma and Envoy in the workloads and their running pods — injected sidecars included — and reports those on a release line whose end of life has passed on the scan's clock. Such a line gets no security fixes.

Versions are read from images in any registry (\`docker.io/istio/proxyv2:1.20.3\`, \`gcr.io/istio-release/pilot:1.22.0-distroless\`, \`quay.io/cilium/cilium:v1.16.3@sha256:…\`, \`cr.l5d.io/linkerd/proxy:edge-24.8.2\`), ignoring digests, \`v\` prefixes and build variants, then from \`linkerd.io/proxy-version\` and \`sidecar.istio.io/proxyImage\` annotations, then from the Helm label \`app.kubernetes.io/version\` when an image is pinned by digest only. Linkerd edge releases belong to the major whose first edge they follow; open-source majors end when the next ships, and Buoyant enterprise builds are not judged (their support windows are not public data). A version older than every line in the data counts as end of life; a line newer than the data is not judged. ${DATA_NOTE} Retired projects (ingress-nginx) are ZT-VER-004.`,
    remediation: 'Upgrade to a supported line (for Istio, a canary revision makes this gradual); for sidecars, restart the workloads after upgrading the control plane so they pick up the new proxy.',
    controls: EOL_CONTROLS,
    tags: ['versions'],
  },
  check(workload, ctx) {
    const components = ctx.inventory.mesh.components(workload)
    if (skipUntracked(components, ctx)) return
    const data = versionDataOf(ctx)
    const today = ctx.now.toISOString().slice(0, 10)
    for (const c of components) {
      const product = data.products.get(c.product)
      if (!product || !c.version || c.version.channel === 'enterprise') continue
      if (product.retired && product.retired <= today) continue
      const status = lineStatus(product, c.version, ctx.now)
      if (!status?.endOfLife) continue
      const when = status.line?.eol ? ` on ${status.line.eol}` : ''
      const line = status.olderThanData ? `${status.name}, older than every supported line` : `${status.name}`
      ctx.report({
        message: `${workload.kind} ${workload.namespace}/${workload.name} runs ${product.name} ${describe(c)}, whose release line ${line} reached end of life${when}: it gets no security fixes.`,
        ...(c.at ? {at: c.at} : {}),
        path: c.path,
        cause: `${c.product}/${c.component}`,
        evidence: {product: c.product, component: c.component, version: c.version.text, line: status.name, eol: status.line?.eol ?? null, source: status.line?.source ?? null, ...dataEvidence(data, ctx.now)},
      })
    }
  },
})
