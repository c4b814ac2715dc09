import {type Component, defineRule, parseVersion, WORKLOAD_KINDS, type WorkloadView} from '../../../src/sdk/index.js'
import semver from 'semver'
import {describe, SKEW_CONTROLS, versionDataOf, skipUntracked} from '../shared.js'

function minor(c: Component): number | undefined {
  const v = c.version ? semver.parse(c.version.semver) : null
  return v ? v.major * 1000 + v.minor : undefined
}

export default defineRule<WorkloadView>({
  meta: {
    id: 'ZT-VER-002',
    slug: 'mesh-version-skew',
    category: 'mesh-version',
    title: 'Mesh proxy version does not match its control plane',
    severity: 'medium',
    target: 'Workload',
    reads: [...WORKLOAD_KINDS],
    description: `Compares each mesh proxy's version with the control plane that configures it:

- Istio: the proxy (\`proxyv2\` sidecar or gateway, \`ztunnel\`) against istiod of the same revision (from \`sidecar.istio.io/status\`, \`istio.io/rev\`, or \`default\`). Istio supports a data plane at most one minor release behind its control plane and never ahead.
- Linkerd: the proxy version (image or \`linkerd.io/proxy-version\`) against the control plane's; Linkerd expects them to match, so any difference is reported.

Skew outside the policy leaves proxies with unsupported configuration and, usually, without the fixes of the newer side. Checked only when the input has both sides with readable versions.`,
    remediation: 'Restart the workloads (rollout restart) so the injector gives them the control plane\'s proxy, or finish the revision migration; upgrade the control plane before the proxies, never after.',
    controls: SKEW_CONTROLS,
    tags: ['versions'],
  },
  check(workload, ctx) {
    const {mesh} = ctx.inventory
    const components = mesh.components(workload)
    if (skipUntracked(components, ctx)) return
    const skew = versionDataOf(ctx).products.get('istio')?.skew ?? {behind: 1, ahead: 0}
    for (const c of components) {
      if (c.plane !== 'data' || !c.version) continue
      if (c.product === 'istio' && (c.component === 'proxyv2' || c.component === 'ztunnel')) {
        const revision = c.revision ?? mesh.membership(workload).revision ?? 'default'
        const planes = mesh.controlPlaneVersions('istio', revision)
        const dp = minor(c)
        if (planes.length === 0 || dp === undefined) continue
        const cp = minor(planes[0])!
        const ahead = dp - cp > skew.ahead
        const behind = cp - dp > skew.behind
        if (!ahead && !behind) continue
        ctx.report({
          message: `${workload.kind} ${workload.namespace}/${workload.name} runs Istio ${describe(c)} with istiod ${planes[0].version!.text} (revision ${revision}): the proxy is ${ahead ? 'ahead of its control plane, which Istio does not support' : `${cp - dp} minor releases behind, more than the ${skew.behind} Istio supports`}.`,
          ...(c.at ? {at: c.at} : {}),
          path: c.path,
          cause: `istio/${c.component}`,
          evidence: {proxy: c.version.text, controlPlane: planes[0].version!.text, revision},
        })
      }
      if (c.product === 'linkerd' && c.component === 'proxy') {
        const planes = mesh.controlPlaneVersions('linkerd')
        if (planes.length === 0) continue
        const cp = planes[0].version!
        const dp = parseVersion(c.version.text) ?? c.version
        if (cp.channel === dp.channel && cp.semver === dp.semver) continue
        ctx.report({
          message: `${workload.kind} ${workload.namespace}/${workload.name} runs the Linkerd proxy ${c.version.text} with control plane ${cp.text}: Linkerd expects proxies to match their control plane.`,
          ...(c.at ? {at: c.at} : {}),
          path: c.path,
          cause: 'linkerd/proxy',
          evidence: {proxy: c.version.text, controlPlane: cp.text},
        })
      }
    }
  },
})
