import {type CertificateInfo, defineRule, type TlsCertificateView, weakSignatureHash} from '../../../src/sdk/index.js'
import {KEY_CONTROLS} from '../controls.js'
import {certificateEvidence, certificateLabel, checkedCertificates, parsedChain, usedBy} from '../certificates.js'

/** What is too weak about a certificate's key, if anything. */
function weakKey(cert: CertificateInfo): string | undefined {
  const size = cert.keySize
  if ((cert.keyType === 'RSA' || cert.keyType === 'RSA-PSS' || cert.keyType === 'DSA') && size !== undefined && size < 2048) return `a ${size}-bit ${cert.keyType} key (minimum 2048)`
  if (cert.keyType === 'DSA') return 'a DSA key, which TLS 1.3 and current browsers no longer accept'
  if (cert.keyType === 'EC' && (size === undefined || size < 256)) return `an EC key on ${cert.curve ?? 'an unknown curve'} (minimum P-256)`
  return undefined
}

export default defineRule<TlsCertificateView>({
  meta: {
    id: 'ZT-TLS-009',
    slug: 'weak-certificate-crypto',
    category: 'ingress-tls',
    title: 'TLS certificate has a weak key or signature',
    severity: 'high',
    target: 'TLSCertificate',
    reads: ['Secret', 'Ingress', 'Gateway'],
    description: `Fails when the leaf certificate or an intermediate of a referenced TLS Secret has an RSA (or DSA) key below 2048 bits, an EC key on a curve smaller than P-256 (P-192, P-224), a DSA key, or a signature made with MD5, MD2 or SHA-1. Such keys can be factored or their signatures forged at a cost within reach (SHA-1 collisions have been demonstrated for certificates), and browsers reject them. ECDSA P-256 and larger, RSA 2048 and larger, Ed25519 and SHA-256 or stronger signatures pass. The self-signature of a root sent along in the file is not checked: clients trust roots by their presence in the store, not by that signature.`,
    remediation: 'Reissue the certificate with an ECDSA P-256 or RSA 2048+ key and a SHA-256 (or stronger) signature (cert-manager: `spec.privateKey.algorithm: ECDSA`, `size: 256`), and replace intermediates signed with SHA-1.',
    controls: KEY_CONTROLS,
    tags: ['certificate', 'crypto'],
  },
  check(view, ctx) {
    const chain = parsedChain(view, ctx)
    if (!chain) return
    const where = `Secret ${view.namespace}/${view.name} (${usedBy(view)})`
    for (const cert of checkedCertificates(chain)) {
      const key = weakKey(cert)
      if (key) {
        ctx.report({message: `${where}: ${certificateLabel(cert, chain)} (${cert.subject}) has ${key}.`, path: ['data', chain.key ?? 'tls.crt'], cause: `key:${cert.fingerprint}`, evidence: certificateEvidence(cert)})
      }
      const hash = weakSignatureHash(cert.signatureAlgorithm)
      if (hash) {
        ctx.report({
          message: `${where}: ${certificateLabel(cert, chain)} (${cert.subject}) is signed with ${cert.signatureAlgorithm}, and ${hash} signatures can be forged.`,
          path: ['data', chain.key ?? 'tls.crt'],
          cause: `signature:${cert.fingerprint}`,
          evidence: certificateEvidence(cert),
        })
      }
    }
  },
})
