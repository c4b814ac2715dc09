import {defineRule, WORKLOAD_KINDS, type WorkloadView} from '../../../src/sdk/index.js'
import {dataEvidence, describe, RETIRED_CONTROLS, versionDataOf} from '../shared.js'

/** Other ingress controllers and gateways: checked, and passing, so a migration shows as a pass. */
const OTHER_CONTROLLERS = /(^|\/)(nginx\/nginx-ingress|nginx\/nginx-plus-ingress|traefik|projectcontour\/contour|envoyproxy\/gateway|haproxytech\/kubernetes-ingress|kong\/kubernetes-ingress-controller)(:|@|$)/

export default defineRule<WorkloadView>({
  meta: {
    id: 'ZT-VER-004',
    slug: 'ingress-nginx-retired',
    category: 'mesh-version',
    title: 'Community ingress-nginx controller deployed',
    severity: 'high',
    severityNotes: '**high** once the retirement date in the data has passed on the scan\'s clock; **medium** before it, as a notice.',
    target: 'Workload',
    reads: [...WORKLOAD_KINDS],
    description: `The Kubernetes community's ingress-nginx (\`registry.k8s.io/ingress-nginx/controller\`, \`controller-chroot\`, the older \`k8s.gcr.io\` and \`quay.io/kubernetes-ingress-controller\` images) is retired: maintenance ended in March 2026, after which there are no releases and no security fixes, whatever the version. Every controller is reported, pinned by tag or by digest alike; its known advisories are ZT-VER-003. The F5 NGINX Ingress Controller (\`nginx/nginx-ingress\`) is another project and is not affected.`,
    remediation: 'Migrate to a maintained controller — a Gateway API implementation, or another Ingress controller — and remove ingress-nginx.',
    controls: RETIRED_CONTROLS,
    tags: ['versions', 'ingress'],
  },
  check(workload, ctx) {
    const components = ctx.inventory.mesh.components(workload).filter((c) => c.product === 'ingress-nginx')
    if (components.length === 0) {
      if (!workload.containers.some((c) => OTHER_CONTROLLERS.test(c.image))) ctx.skip('runs no ingress controller')
      return
    }
    const data = versionDataOf(ctx)
    const product = data.products.get('ingress-nginx')
    if (!product?.retired) return
    const c = components[0]
    const retired = product.retired <= ctx.now.toISOString().slice(0, 10)
    ctx.report({
      message: retired
        ? `${workload.kind} ${workload.namespace}/${workload.name} runs the community ingress-nginx ${describe(c)}: ${product.retiredNote} (since ${product.retired}).`
        : `${workload.kind} ${workload.namespace}/${workload.name} runs the community ingress-nginx ${describe(c)}, which retires on ${product.retired}: ${product.retiredNote}.`,
      ...(c.at ? {at: c.at} : {}),
      path: c.path,
      cause: 'ingress-nginx',
      severity: retired ? 'high' : 'medium',
      evidence: {version: c.version?.text ?? c.raw, retired: product.retired, source: product.retiredSource, ...dataEvidence(data, ctx.now)},
    })
  },
})
