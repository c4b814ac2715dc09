import {defineRule, type SecretRef, type Severity, type TlsEntryPoint} from '../../../src/sdk/index.js'
import {CERTIFICATE_CONTROLS} from '../controls.js'
import {describeEntryPoint, whereOnPath} from '../entry-points.js'

export default defineRule<TlsEntryPoint>({
  meta: {
    id: 'ZT-TLS-012',
    slug: 'tls-secret-missing',
    category: 'ingress-tls',
    title: 'TLS certificate reference cannot be resolved',
    severity: 'low',
    target: 'TLSEntryPoint',
    reads: ['Secret', 'Ingress', 'Gateway', 'ReferenceGrant'],
    description: `Each certificate an entry point names must exist where the controller looks for it:

- Ingress \`spec.tls[].secretName\`: a Secret in the Ingress's namespace;
- Istio Gateway \`tls.credentialName\` (and \`credentialNames\`): a Secret in the namespace of the gateway proxies the Gateway selects — not the Gateway's own namespace (\`istio-system\` for the default ingress gateway when its proxies are not in the input);
- Gateway API \`certificateRefs\`: a core \`Secret\` (other groups and kinds are invalid), in the Gateway's namespace unless \`namespace\` is set — and then a ReferenceGrant in that namespace must let Gateways of the Gateway's namespace use it.

A reference that cannot be resolved leaves the host with the controller's default certificate or no listener at all. A server or listener that terminates TLS without naming any certificate is reported too.`,
    severityNotes: `- **low** when the Secret is not in the input: manifests often keep Secrets elsewhere;
- **high** when the scan's coverage says Secrets were read (a live scan): the Secret does not exist;
- **medium** for references that cannot work whatever the cluster holds (a wrong kind or group, no certificate named), and for a cross-namespace reference that none of the input's ReferenceGrants permits.`,
    remediation: 'Create the Secret where the controller reads it (for Istio, in the gateway proxies\' namespace), fix the name, or add the ReferenceGrant that lets the Gateway use a Secret of another namespace.',
    controls: CERTIFICATE_CONTROLS,
    tags: ['certificate', 'secret'],
  },
  check(entryPoint, ctx) {
    if (entryPoint.type === 'nginx-config') return ctx.skip('a controller configuration names no certificate of its own')
    if (entryPoint.secrets.length === 0) return ctx.skip('names no TLS certificate')
    const name = describeEntryPoint(entryPoint)
    const anyGrant = ctx.inventory.ofKind('ReferenceGrant').length > 0
    const grade = (ref: SecretRef): Severity => {
      if (ref.invalid) return 'medium'
      if (ref.notGranted) return anyGrant ? 'medium' : 'low'
      return ctx.inventory.ingress.secretsRead ? 'high' : 'low'
    }
    for (const ref of entryPoint.secrets) {
      if (ref.secret && !ref.notGranted) continue
      const where = whereOnPath(entryPoint, ref.path)
      const on = where ? ` on ${where}` : ''
      let message: string
      if (ref.invalid) message = `${name} has an unusable certificate reference${on}: ${ref.invalid}.`
      else if (ref.notGranted) message = `${name} uses Secret ${ref.namespace}/${ref.name}${on} from another namespace, and no ReferenceGrant in the input lets Gateways of namespace ${entryPoint.namespace} use it.`
      else if (ctx.inventory.ingress.secretsRead) message = `${name} names TLS Secret ${ref.name}${on}, which does not exist in ${ref.searched.join(' or ')}.`
      else message = `${name} names TLS Secret ${ref.name}${on}, which is not in the input (looked in namespace ${ref.searched.join(' and ')}); its certificate cannot be checked.`
      ctx.report({
        message,
        path: ref.path,
        cause: `secret:${ref.namespace}/${ref.name}:${ref.path.join('.')}`,
        severity: grade(ref),
        evidence: {secret: ref.name, namespaces: ref.searched, ...(ref.invalid ? {invalid: ref.invalid} : {}), ...(ref.notGranted ? {referenceGrant: 'missing'} : {})},
      })
    }
  },
})
