import {defineRule, type TlsCertificateView} from '../../../src/sdk/index.js'
import {CERTIFICATE_CONTROLS} from '../controls.js'
import {certificateEvidence, certificateLabel, checkedCertificates, DAY_MS, isoDay, parsedChain, usedBy} from '../certificates.js'

const DEFAULT_WINDOW_DAYS = 30
const DEFAULT_HIGH_WITHIN_DAYS = 7

const days = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback)

export default defineRule<TlsCertificateView>({
  meta: {
    id: 'ZT-TLS-007',
    slug: 'certificate-expiring',
    category: 'ingress-tls',
    title: 'TLS certificate expires soon',
    severity: 'medium',
    target: 'TLSCertificate',
    reads: ['Secret', 'Ingress', 'Gateway'],
    description: `Fails when the leaf certificate or an intermediate of a referenced TLS Secret expires within the window (default 30 days) after the scan's clock (\`--now\`). A certificate that close to expiry means renewal has not happened or is failing (cert-manager renews 30 days ahead by default). Expired certificates are ZT-TLS-006's findings.

Options (\`.zt-audit.yaml\`):

\`\`\`yaml
rules:
  ZT-TLS-007:
    options:
      windowDays: 30      # report certificates expiring within this many days
      highWithinDays: 7   # and report them as high within this many
\`\`\``,
    severityNotes: '- **high**: expires within `highWithinDays` (default 7);\n- **medium**: expires within `windowDays` (default 30).',
    remediation: 'Renew the certificate now, then find out why renewal did not happen on time (cert-manager `Certificate` status and events, ACME challenges, the issuer\'s credentials).',
    controls: CERTIFICATE_CONTROLS,
    tags: ['certificate', 'expiry'],
  },
  check(view, ctx) {
    const chain = parsedChain(view, ctx)
    if (!chain) return
    const window = days(ctx.options.windowDays, DEFAULT_WINDOW_DAYS)
    const high = Math.min(days(ctx.options.highWithinDays, DEFAULT_HIGH_WITHIN_DAYS), window)
    const now = ctx.now.getTime()
    for (const cert of checkedCertificates(chain)) {
      const left = cert.notAfter.getTime() - now
      if (left < 0 || left > window * DAY_MS) continue
      const daysLeft = Math.floor(left / DAY_MS)
      ctx.report({
        message: `Secret ${view.namespace}/${view.name} (${usedBy(view)}): ${certificateLabel(cert, chain)} (${cert.subject}) expires on ${isoDay(cert.notAfter)}, in ${daysLeft === 0 ? 'less than a day' : `${daysLeft} day${daysLeft > 1 ? 's' : ''}`}.`,
        path: ['data', chain.key ?? 'tls.crt'],
        cause: `expiring:${cert.fingerprint}`,
        severity: left <= high * DAY_MS ? 'high' : 'medium',
        evidence: certificateEvidence(cert),
      })
    }
  },
})
