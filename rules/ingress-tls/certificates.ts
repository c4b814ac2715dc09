// Shared by the certificate rules: which certificates of a chain clients check, how to name them, and
// the only facts a finding may show about them.
import {type CertificateInfo, type CertificateSummary, type ParsedChain, type ResourceRef, type RuleContext, summarizeCertificate, type TlsCertificateView} from '../../src/sdk/index.js'
import {quoteList} from './entry-points.js'

/** The leaf and the intermediates of its chain; a self-signed root sent along is not what clients check (their store is). */
export function checkedCertificates(chain: ParsedChain): CertificateInfo[] {
  return chain.path.filter((cert, i) => i === 0 || !cert.selfIssued)
}

export function certificateLabel(cert: CertificateInfo, chain: ParsedChain): string {
  return cert.index === 0 ? 'its leaf certificate' : `intermediate certificate ${cert.index + 1} of ${chain.key ?? 'tls.crt'}`
}

/** The parsed chain, or a skip when nothing could be parsed (ZT-TLS-011 reports that once). */
export function parsedChain(view: TlsCertificateView, ctx: RuleContext): ParsedChain | undefined {
  const chain = view.chain
  if (chain.path.length > 0) return chain
  ctx.skip(`${chain.key ?? 'the certificate'} of Secret ${view.namespace}/${view.name} could not be parsed (ZT-TLS-011 reports it)`)
  return undefined
}

export const describeRef = (ref: ResourceRef): string =>
  `${ref.kind === 'Gateway' && ref.apiVersion.startsWith('networking.istio.io/') ? 'Istio Gateway' : ref.kind} ${ref.namespace}/${ref.name}`

/** `used by Ingress shop/frontend and Gateway web/public` */
export function usedBy(view: TlsCertificateView): string {
  return `used by ${quoteList([...new Set(view.usedBy.map((u) => describeRef(u.entryPoint)))])}`
}

/** Subject, issuer, validity, key type and size, fingerprint: nothing else of a certificate reaches a finding. */
export function certificateEvidence(cert: CertificateInfo): CertificateSummary {
  return summarizeCertificate(cert)
}

export const DAY_MS = 24 * 60 * 60 * 1000

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10)
