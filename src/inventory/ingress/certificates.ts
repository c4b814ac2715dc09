// Reads the certificate chain of a TLS Secret. Only the certificate field (`tls.crt`, or Istio's `cert`) is
// ever decoded: private keys are never read, decoded, logged or reported.
import {X509Certificate} from 'node:crypto'

import type {Resource} from '../../model/resource.js'
import {asRecord} from '../../util/guards.js'
import {signatureAlgorithmOf} from './signature.js'
import {chainPath, isSelfIssued, type Trust} from './trust.js'

/** What zt-audit knows about one certificate: public facts only. */
export interface CertificateInfo {
  /** position in the file, from 0 (the leaf) */
  index: number
  subject: string
  issuer: string
  notBefore: Date
  notAfter: Date
  /** RSA, EC, Ed25519, DSA, … */
  keyType: string
  /** bits: the modulus for RSA and DSA, the curve size for EC */
  keySize?: number
  /** EC curves, e.g. P-256 */
  curve?: string
  signatureAlgorithm: string
  /** SHA-256, colon-separated hex */
  fingerprint: string
  selfIssued: boolean
  isCA: boolean
  dnsNames: string[]
  ipAddresses: string[]
}

export interface ParsedChain {
  /** the Secret key the certificates were read from */
  key?: string
  /** as the file orders them, the leaf first */
  certificates: CertificateInfo[]
  /** the leaf, then the issuers the file holds for it, in order */
  path: CertificateInfo[]
  /** where the path ends; undefined when nothing could be parsed */
  trust?: Trust
  /** why the certificate (or part of the chain) could not be read */
  problem?: string
}

/** The facts evidence may carry about a certificate (a type, so that it fits evidence's record). */
export type CertificateSummary = {
  subject: string
  issuer: string
  notBefore: string
  notAfter: string
  keyType: string
  keySize?: number
  fingerprint: string
}

const CERTIFICATE_KEYS = ['tls.crt', 'cert'] as const
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g
const BASE64 = /^[A-Za-z0-9+/=\s]*$/

const CURVES: Readonly<Record<string, [string, number]>> = {
  prime192v1: ['P-192', 192],
  secp192r1: ['P-192', 192],
  secp224r1: ['P-224', 224],
  prime256v1: ['P-256', 256],
  secp256r1: ['P-256', 256],
  secp384r1: ['P-384', 384],
  secp521r1: ['P-521', 521],
}

export function summarizeCertificate(cert: CertificateInfo): CertificateSummary {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    keyType: cert.curve ? `${cert.keyType} ${cert.curve}` : cert.keyType,
    ...(cert.keySize === undefined ? {} : {keySize: cert.keySize}),
    fingerprint: cert.fingerprint,
  }
}

/** `CN=a\nO=b` as Node prints names, on one line. */
const oneLine = (name: string): string => name.split('\n').join(', ')

function keyOf(x509: X509Certificate): Pick<CertificateInfo, 'keyType' | 'keySize' | 'curve'> {
  try {
    const key = x509.publicKey
    const details = key.asymmetricKeyDetails ?? {}
    switch (key.asymmetricKeyType) {
      case 'rsa':
      case 'rsa-pss':
        return {keyType: key.asymmetricKeyType === 'rsa' ? 'RSA' : 'RSA-PSS', ...(details.modulusLength ? {keySize: details.modulusLength} : {})}
      case 'dsa':
        return {keyType: 'DSA', ...(details.modulusLength ? {keySize: details.modulusLength} : {})}
      case 'ec': {
        const named = details.namedCurve ?? 'unknown curve'
        const [curve, bits] = CURVES[named] ?? [named, Number(/\d{3}/.exec(named)?.[0] ?? 0) || undefined]
        return {keyType: 'EC', curve, ...(bits ? {keySize: bits} : {})}
      }
      case 'ed25519':
        return {keyType: 'Ed25519', keySize: 256}
      case 'ed448':
        return {keyType: 'Ed448', keySize: 448}
      default:
        return {keyType: key.asymmetricKeyType ?? 'unknown'}
    }
  } catch {
    return {keyType: 'unknown'}
  }
}

const SAN_ENTRY = /(DNS|IP Address):("(?:[^"\\]|\\.)*"|[^,]+)/g

function altNames(x509: X509Certificate): {dnsNames: string[]; ipAddresses: string[]} {
  const dnsNames: string[] = []
  const ipAddresses: string[] = []
  for (const [, type, raw] of (x509.subjectAltName ?? '').matchAll(SAN_ENTRY)) {
    let value = raw.trim()
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string
      } catch {
        continue
      }
    }
    if (type === 'DNS') dnsNames.push(value)
    else ipAddresses.push(value)
  }
  return {dnsNames, ipAddresses}
}

function infoOf(x509: X509Certificate, index: number): CertificateInfo {
  let signatureAlgorithm = 'unknown'
  try {
    signatureAlgorithm = signatureAlgorithmOf(x509.raw).name
  } catch {
    // an encoding this reader does not follow; Node parsed the certificate, so keep the rest
  }
  return {
    index,
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    ...keyOf(x509),
    signatureAlgorithm,
    fingerprint: x509.fingerprint256,
    selfIssued: isSelfIssued(x509),
    isCA: x509.ca,
    ...altNames(x509),
  }
}

/** The certificate field of a Secret, decoded; nothing else of the Secret is touched. */
function certificateBytes(secret: Resource): {key?: string; bytes?: Buffer; problem?: string} {
  const data = asRecord(secret.object.data)
  const stringData = asRecord(secret.object.stringData)
  for (const key of CERTIFICATE_KEYS) {
    const plain = stringData[key]
    if (typeof plain === 'string') return {key, bytes: Buffer.from(plain, 'utf8')}
    const encoded = data[key]
    if (encoded === undefined || encoded === null) continue
    if (typeof encoded !== 'string' || !BASE64.test(encoded)) return {key, problem: `${key} is not base64, as Secret data must be`}
    return {key, bytes: Buffer.from(encoded, 'base64')}
  }
  return {problem: 'the Secret has no tls.crt (nor cert) key'}
}

/** Parses the certificate chain of a Secret; never throws. */
export function parseChain(secret: Resource): ParsedChain {
  const {key, bytes, problem} = certificateBytes(secret)
  if (!bytes) return {...(key ? {key} : {}), certificates: [], path: [], problem: problem ?? 'no certificate'}
  const text = bytes.toString('latin1')
  const blocks = text.match(PEM_BLOCK) ?? []
  const parsed: X509Certificate[] = []
  let failure: string | undefined
  if (blocks.length === 0) {
    // kubernetes.io/tls wants PEM, but a DER certificate is still a certificate
    try {
      parsed.push(new X509Certificate(bytes))
    } catch {
      failure = bytes.length === 0 ? `${key} is empty` : `${key} holds ${bytes.length} bytes that are not a PEM certificate (a placeholder or a redacted value?)`
    }
  }
  blocks.forEach((block, index) => {
    try {
      parsed.push(new X509Certificate(block))
    } catch {
      failure ??= `certificate ${index + 1} of ${blocks.length} in ${key} could not be parsed`
    }
  })
  const certificates = parsed.map(infoOf)
  const {order, trust} = parsed.length > 0 ? chainPath(parsed) : {order: [], trust: undefined}
  return {
    ...(key ? {key} : {}),
    certificates,
    path: order.map((i) => certificates[i]),
    ...(trust ? {trust} : {}),
    ...(failure ? {problem: failure} : {}),
  }
}
