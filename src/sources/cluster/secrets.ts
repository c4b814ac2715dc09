import {isRecord} from '../../util/guards.js'

export const TLS_SECRET_TYPE = 'kubernetes.io/tls'
export const TLS_FIELD_SELECTOR = `type=${TLS_SECRET_TYPE}`

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'
const CERTIFICATE = 'tls.crt'

/**
 * What zt-audit keeps of a Secret: a TLS secret's certificate chain and the metadata that names it. The
 * private key and every other value (and the last-applied copy, which repeats them) are dropped here, as
 * the list page is read. Anything but a TLS secret is dropped whole, should a server ignore the selector.
 */
export function keepTlsCertificate(item: unknown): Record<string, unknown> | undefined {
  if (!isRecord(item) || item.type !== TLS_SECRET_TYPE) return undefined
  const metadata = isRecord(item.metadata) ? item.metadata : {}
  const kept: Record<string, unknown> = {}
  for (const field of ['name', 'generateName', 'namespace', 'labels'] as const) if (metadata[field] !== undefined) kept[field] = metadata[field]
  if (isRecord(metadata.annotations)) {
    const annotations = {...metadata.annotations}
    delete annotations[LAST_APPLIED]
    if (Object.keys(annotations).length > 0) kept.annotations = annotations
  }
  const data = isRecord(item.data) ? item.data : {}
  return {
    apiVersion: item.apiVersion,
    kind: item.kind,
    metadata: kept,
    type: TLS_SECRET_TYPE,
    data: typeof data[CERTIFICATE] === 'string' ? {[CERTIFICATE]: data[CERTIFICATE]} : {},
  }
}
