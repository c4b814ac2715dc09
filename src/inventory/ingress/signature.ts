// The signature algorithm of a certificate, read from its DER encoding: Node's X509Certificate only
// names it from 24.9 on, and zt-audit runs on 22.19.

/** Signature algorithm OIDs (RFC 3279, 4055, 5758, 8410) and their names. */
const ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.3.14.3.2.29': 'sha1WithRSASignature',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsa-with-SHA1',
  '2.16.840.1.101.3.4.3.2': 'dsa-with-SHA256',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
}

/** The hash of a signature algorithm that no longer resists collisions, if it uses one. */
export function weakSignatureHash(algorithm: string): 'MD2' | 'MD5' | 'SHA-1' | undefined {
  const name = algorithm.toLowerCase()
  if (name.includes('md2')) return 'MD2'
  if (name.includes('md5')) return 'MD5'
  if (/sha-?1(?!\d)/.test(name)) return 'SHA-1'
  return undefined
}

interface Tlv {
  tag: number
  start: number
  end: number
}

function readTlv(der: Uint8Array, offset: number): Tlv {
  const tag = der[offset]
  let length = der[offset + 1]
  let start = offset + 2
  if (length & 0x80) {
    const bytes = length & 0x7f
    if (bytes === 0 || bytes > 4) throw new Error('unsupported DER length')
    length = 0
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i]
    start += bytes
  }
  const end = start + length
  if (tag === undefined || end > der.length) throw new Error('truncated DER')
  return {tag, start, end}
}

function decodeOid(bytes: Uint8Array): string {
  const arcs: number[] = []
  let value = 0
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f)
    if (byte & 0x80) continue
    if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80)
    else arcs.push(value)
    value = 0
  }
  return arcs.join('.')
}

/** The outer signatureAlgorithm of a DER certificate: its OID and, when known, its name. */
export function signatureAlgorithmOf(der: Uint8Array): {oid: string; name: string} {
  const certificate = readTlv(der, 0)
  const tbs = readTlv(der, certificate.start)
  const algorithm = readTlv(der, tbs.end)
  const oid = readTlv(der, algorithm.start)
  if (certificate.tag !== 0x30 || tbs.tag !== 0x30 || algorithm.tag !== 0x30 || oid.tag !== 0x06) throw new Error('not an X.509 certificate')
  const dotted = decodeOid(der.subarray(oid.start, oid.end))
  return {oid: dotted, name: ALGORITHMS[dotted] ?? dotted}
}
