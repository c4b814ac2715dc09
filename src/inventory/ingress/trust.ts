// Where a certificate chain ends: at a root that browsers trust (Node's bundled Mozilla store), at a
// private root, at the leaf itself, or at an issuer the file does not contain.
import {X509Certificate} from 'node:crypto'
import {rootCertificates} from 'node:tls'

export type Trust = 'public' | 'self-signed' | 'private-root' | 'unknown-issuer'

let roots: X509Certificate[] | undefined

/** Parsed once, on the first chain that needs them. */
function publicRoots(): readonly X509Certificate[] {
  if (!roots) {
    roots = []
    for (const pem of rootCertificates) {
      try {
        roots.push(new X509Certificate(pem))
      } catch {
        // a root this OpenSSL cannot read cannot anchor a chain here either
      }
    }
  }
  return roots
}

function signedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey)
  } catch {
    return false
  }
}

export function isSelfIssued(certificate: X509Certificate): boolean {
  try {
    return certificate.checkIssued(certificate)
  } catch {
    return false
  }
}

const isPublicRoot = (certificate: X509Certificate): boolean => publicRoots().some((r) => r.fingerprint256 === certificate.fingerprint256)

/**
 * The path clients build from the leaf: through the issuers the file holds (by name and key identifiers),
 * stopping at the first certificate a public root signed — as browsers do, so an expired cross-signature
 * sent along (Let's Encrypt's old chain) is not on the path — and where it ends.
 */
export function chainPath(certificates: readonly X509Certificate[]): {order: number[]; trust: Trust} {
  const order = [0]
  const left = new Set(certificates.keys())
  left.delete(0)
  let current = certificates[0]
  for (;;) {
    if (isSelfIssued(current)) {
      if (isPublicRoot(current)) return {order, trust: 'public'}
      return {order, trust: order.length === 1 ? 'self-signed' : 'private-root'}
    }
    if (publicRoots().some((root) => signedBy(current, root))) return {order, trust: 'public'}
    const next = [...left].find((i) => current.checkIssued(certificates[i]))
    if (next === undefined) return {order, trust: 'unknown-issuer'}
    order.push(next)
    left.delete(next)
    current = certificates[next]
  }
}
