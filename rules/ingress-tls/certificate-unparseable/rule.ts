import {defineRule, secretType, type TlsCertificateView} from '../../../src/sdk/index.js'
import {INVENTORY_CONTROLS} from '../controls.js'
import {usedBy} from '../certificates.js'

export default defineRule<TlsCertificateView>({
  meta: {
    id: 'ZT-TLS-011',
    slug: 'certificate-unparseable',
    category: 'ingress-tls',
    title: 'TLS certificate could not be parsed',
    severity: 'low',
    target: 'TLSCertificate',
    reads: ['Secret', 'Ingress', 'Gateway'],
    description: `A Secret used as a TLS certificate must hold a PEM certificate chain in \`tls.crt\` (Istio also reads \`cert\`). The rule reports, once per Secret, a Secret without that key, a value that is not base64, and a value that decodes to anything but certificates — typically a placeholder or a redacted export (\`cmVkYWN0ZWQ=\`, "redacted"). No other certificate rule can judge such a Secret, and a controller given it serves its default certificate instead. Only the certificate field is decoded; the private key is never read.`,
    severityNotes: 'Always **low**: in an export the value is often redacted on purpose; in a live cluster the entry point falls back to a default certificate, which ZT-TLS-008 and the controller\'s own events make visible.',
    remediation: 'Put the PEM-encoded certificate chain, leaf first, in `tls.crt` (`kubectl create secret tls NAME --cert=chain.pem --key=key.pem`), or scan a dump that keeps certificates (certificates are public; keys are not needed and can be left out).',
    controls: INVENTORY_CONTROLS,
    tags: ['certificate'],
  },
  check(view, ctx) {
    const {problem, key} = view.chain
    if (!problem) return
    ctx.report({
      message: `Certificate could not be parsed: Secret ${view.namespace}/${view.name} (${secretType(view.resource)}, ${usedBy(view)}): ${problem}.`,
      path: key ? ['data', key] : ['data'],
      evidence: {secret: `${view.namespace}/${view.name}`, type: secretType(view.resource), problem},
    })
  },
})
