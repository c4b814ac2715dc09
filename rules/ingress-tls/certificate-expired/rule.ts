import {defineRule, type TlsCertificateView} from '../../../src/sdk/index.js'
import {CERTIFICATE_CONTROLS} from '../controls.js'
import {certificateEvidence, certificateLabel, checkedCertificates, isoDay, parsedChain, usedBy} from '../certificates.js'

export default defineRule<TlsCertificateView>({
  meta: {
    id: 'ZT-TLS-006',
    slug: 'certificate-expired',
    category: 'ingress-tls',
    title: 'TLS certificate expired or not yet valid',
    severity: 'high',
    target: 'TLSCertificate',
    reads: ['Secret', 'Ingress', 'Gateway'],
    description: `Parses the \`tls.crt\` (or Istio's \`cert\`) of every Secret an Ingress (\`spec.tls[].secretName\`), an Istio Gateway (\`credentialName\`, read in the namespace of the gateway proxies) or a Gateway API listener (\`certificateRefs\`) uses, and fails when the leaf certificate or an intermediate of its chain has expired, or is not valid yet, at the scan's clock (\`--now\`). Clients reject such a chain: the entry point is down for them, or they are being trained to click through certificate warnings. A self-signed root sent along in the file is not checked (clients use their own copy). The key is never read.`,
    remediation: 'Renew the certificate and update the Secret, and automate renewal (cert-manager renews before `renewBefore`). For a not-yet-valid certificate, check the clock of the issuing CA and the `notBefore` it set.',
    controls: CERTIFICATE_CONTROLS,
    tags: ['certificate', 'expiry'],
  },
  check(view, ctx) {
    const chain = parsedChain(view, ctx)
    if (!chain) return
    for (const cert of checkedCertificates(chain)) {
      const expired = cert.notAfter.getTime() < ctx.now.getTime()
      const early = cert.notBefore.getTime() > ctx.now.getTime()
      if (!expired && !early) continue
      ctx.report({
        message: expired
          ? `Secret ${view.namespace}/${view.name} (${usedBy(view)}): ${certificateLabel(cert, chain)} (${cert.subject}) expired on ${isoDay(cert.notAfter)}.`
          : `Secret ${view.namespace}/${view.name} (${usedBy(view)}): ${certificateLabel(cert, chain)} (${cert.subject}) is not valid before ${isoDay(cert.notBefore)}.`,
        path: ['data', chain.key ?? 'tls.crt'],
        cause: `${expired ? 'expired' : 'not-yet-valid'}:${cert.fingerprint}`,
        evidence: certificateEvidence(cert),
      })
    }
  },
})
