import {
  defineRule,
  type FieldPath,
  istioServerMode,
  NGINX_PREFIX,
  nginxTls13Only,
  type Resource,
  type RuleContext,
  TERMINATING_MODES,
  type TlsEntryPoint,
  type WeakCipher,
  weakCiphers,
} from '../../../src/sdk/index.js'
import {CRYPTO_CONTROLS} from '../controls.js'
import {byExposure, describeEntryPoint} from '../entry-points.js'

function report(ctx: RuleContext, entryPoint: TlsEntryPoint, where: string, weak: WeakCipher[], path: FieldPath, at?: Resource): void {
  if (weak.length === 0) return
  const broken = weak.filter((w) => w.broken)
  const list = weak.map((w) => `${w.cipher} (${w.weakness})`).join('; ')
  ctx.report({
    message: `${describeEntryPoint(entryPoint)} enables weak cipher suites in ${where}: ${list}.`,
    path,
    ...(at ? {at, cause: `${at.ref.kind}/${at.ref.namespace ?? ''}/${at.ref.name}:${path.join('.')}`} : {}),
    severity: byExposure(broken.length > 0 ? 'high' : 'medium', entryPoint),
    evidence: {weak: weak.map((w) => ({cipher: w.cipher, weakness: w.weakness}))},
  })
}

export default defineRule<TlsEntryPoint>({
  meta: {
    id: 'ZT-TLS-004',
    slug: 'weak-cipher-suites',
    category: 'ingress-tls',
    title: 'Entry point enables weak TLS cipher suites',
    severity: 'medium',
    target: 'TLSEntryPoint',
    reads: ['ConfigMap', 'Ingress', 'Gateway', 'IstioOperator'],
    description: `Cipher suites are checked where they are configured:

- ingress-nginx: the controller ConfigMap's \`ssl-ciphers\` and the \`nginx.ingress.kubernetes.io/ssl-ciphers\` annotation of an Ingress (OpenSSL cipher strings);
- Istio: \`tls.cipherSuites\` of Gateway servers that terminate TLS, and the mesh-wide \`meshConfig.tlsDefaults.cipherSuites\` that servers without their own list inherit.

Weak are RC4, single DES and 3DES (Sweet32), NULL and anonymous suites, EXPORT-grade and LOW suites, MD5, OpenSSL security level 0 (\`@SECLEVEL=0\`), non-AEAD CBC suites (e.g. \`ECDHE-RSA-AES128-SHA\`, \`AES256-SHA\`, which also lack forward secrecy) and aliases that pull CBC suites in (\`ALL\`, \`HIGH\`, \`MEDIUM\`, \`DEFAULT\`, \`AES\`, …). Removals (\`!RC4\`) and reorderings (\`+HIGH\`) enable nothing and are not counted. The defaults of both (AEAD suites with forward secrecy) pass, and so does a list that only matters for TLS 1.2 when the entry point accepts TLS 1.3 only. Gateway API has no cipher setting of its own.`,
    severityNotes: '- **high** when a broken suite (RC4, DES, 3DES, NULL, anonymous, EXPORT, LOW, MD5) or security level 0 is enabled;\n- **medium** when the weak suites are CBC ones;\n- one level lower for entry points reachable only inside the cluster.',
    remediation: 'Remove the custom list to get the defaults, or list only ECDHE suites with AES-GCM or ChaCha20-Poly1305 (Mozilla\'s "intermediate" configuration), e.g. `ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305`.',
    controls: CRYPTO_CONTROLS,
    tags: ['tls', 'ciphers'],
  },
  check(entryPoint, ctx) {
    switch (entryPoint.type) {
      case 'nginx-config': {
        const ciphers = entryPoint.setting('ssl-ciphers')
        if (!ciphers.explicit) return
        if (nginxTls13Only(entryPoint.setting('ssl-protocols').value)) return ctx.skip('ssl-protocols allows TLS 1.3 only, where ssl-ciphers has no effect')
        return report(ctx, entryPoint, `ssl-ciphers`, weakCiphers(ciphers.value), ciphers.path)
      }
      case 'ingress': {
        const key = `${NGINX_PREFIX}ssl-ciphers`
        const value = entryPoint.annotations[key]
        if (value === undefined) return
        return report(ctx, entryPoint, `annotation ${key}`, weakCiphers(value), ['metadata', 'annotations', key])
      }
      case 'istio-gateway': {
        const inheriting: number[] = []
        for (const server of entryPoint.servers) {
          if (!TERMINATING_MODES.has(istioServerMode(server)) || server.tls?.minProtocolVersion?.toUpperCase() === 'TLSV1_3') continue
          const where = `server ${server.index}${server.port === undefined ? '' : ` (port ${server.port})`}`
          if (server.tls?.cipherSuites) report(ctx, entryPoint, `tls.cipherSuites of ${where}`, weakCiphers(server.tls.cipherSuites), [...server.tls.path, 'cipherSuites'])
          else inheriting.push(server.index)
        }
        const mesh = entryPoint.mesh
        if (inheriting.length > 0 && mesh?.cipherSuites) {
          const where = `meshConfig.tlsDefaults.cipherSuites (${mesh.resource.ref.kind} ${mesh.resource.ref.namespace}/${mesh.resource.ref.name}), which server${inheriting.length > 1 ? 's' : ''} ${inheriting.join(', ')} inherit${inheriting.length > 1 ? '' : 's'}`
          report(ctx, entryPoint, where, weakCiphers(mesh.cipherSuites), mesh.path, mesh.resource)
        }
        return
      }
      case 'gateway-api':
        return ctx.skip('Gateway API has no cipher suite setting of its own')
    }
  },
})
