import {defineRule, type TlsCertificateView} from '../../../src/sdk/index.js'
import {CERTIFICATE_CONTROLS} from '../controls.js'
import {certificateEvidence, parsedChain, usedBy} from '../certificates.js'

export default defineRule<TlsCertificateView>({
  meta: {
    id: 'ZT-TLS-008',
    slug: 'certificate-untrusted',
    category: 'ingress-tls',
    title: 'Internet-facing entry point uses a self-signed or untrusted certificate',
    severity: 'medium',
    target: 'TLSCertificate',
    reads: ['Secret', 'Ingress', 'Gateway', 'Service'],
    description: `Clients on the internet authenticate the server through a chain that ends at a root their trust store holds. The rule follows the chain in the Secret's \`tls.crt\` from the leaf through the issuers the file holds, and checks where it ends against the public roots bundled with Node.js (Mozilla's store):

- a self-signed leaf cannot be authenticated by anyone who does not pin it;
- a chain ending at a root that is not public, or at an issuer the file does not contain and no public root signed (a private CA, or an intermediate missing from \`tls.crt\`), fails in browsers.

Only certificates used by an internet-facing entry point are checked: an Ingress or Gateway API Gateway (unless its class or load balancer is internal), or an Istio Gateway whose proxies sit behind a public LoadBalancer or NodePort Service (or whose proxies are not in the input). Certificates used only inside the cluster, where a private CA is the norm, are skipped.`,
    severityNotes: '- **medium**: the leaf is self-signed;\n- **low**: the chain ends at a private root or an unknown issuer (possibly only a missing intermediate).',
    remediation: 'Use a certificate from a public CA (for example Let\'s Encrypt through cert-manager) and put the full chain, leaf first, in `tls.crt`. Keep private-CA and self-signed certificates for internal entry points whose clients trust that CA.',
    controls: CERTIFICATE_CONTROLS,
    tags: ['certificate', 'trust'],
  },
  check(view, ctx) {
    const chain = parsedChain(view, ctx)
    if (!chain) return
    if (!view.usedBy.some((u) => u.exposure === 'internet' || u.exposure === 'unknown')) {
      return ctx.skip('used only by internal or egress entry points, where private CAs are common')
    }
    const [leaf] = chain.path
    const top = chain.path.at(-1) ?? leaf
    const where = `Secret ${view.namespace}/${view.name} (${usedBy(view)})`
    const path = ['data', chain.key ?? 'tls.crt']
    switch (chain.trust) {
      case 'self-signed':
        return ctx.report({message: `${where} holds a self-signed certificate (${leaf.subject}): internet clients cannot authenticate the server.`, path, cause: 'self-signed', evidence: certificateEvidence(leaf)})
      case 'private-root':
        return ctx.report({message: `${where}: the chain ends at ${top.subject}, a root that is not in the public trust stores.`, path, cause: 'private-root', severity: 'low', evidence: certificateEvidence(leaf)})
      case 'unknown-issuer':
        return ctx.report({
          message: `${where}: the chain ends at ${top.issuer}, which no public root signed and which tls.crt does not include: either an intermediate certificate is missing from tls.crt or the issuer is a private CA.`,
          path,
          cause: 'unknown-issuer',
          severity: 'low',
          evidence: certificateEvidence(leaf),
        })
      default:
        return
    }
  },
})
