// TLS protocol versions and cipher suites as ingress-nginx (OpenSSL cipher strings) and Istio (Envoy,
// OpenSSL or IANA names) write them, and which of them are weak.

/** Protocols below TLS 1.2, deprecated by RFC 8996 (and SSL, broken long before). */
const WEAK_NGINX_PROTOCOLS = new Set(['sslv2', 'sslv3', 'tlsv1', 'tlsv1.0', 'tlsv1.1'])
const WEAK_ISTIO_VERSIONS = new Set(['TLSV1_0', 'TLSV1_1'])

/** The protocols below TLS 1.2 an ingress-nginx `ssl-protocols` value enables, as written. */
export function weakNginxProtocols(value: string): string[] {
  return value.split(/\s+/).filter((p) => WEAK_NGINX_PROTOCOLS.has(p.toLowerCase()))
}

/** `ssl-protocols` allows TLS 1.3 only, so `ssl-ciphers` (TLS 1.2 and below) has no effect. */
export function nginxTls13Only(value: string): boolean {
  const protocols = value.split(/\s+/).filter(Boolean)
  return protocols.length > 0 && protocols.every((p) => p.toLowerCase() === 'tlsv1.3')
}

export function isWeakIstioVersion(version: string | undefined): boolean {
  return version !== undefined && WEAK_ISTIO_VERSIONS.has(version.toUpperCase())
}

export interface WeakCipher {
  /** as written */
  cipher: string
  /** what is wrong with it */
  weakness: string
  /** broken outright (RC4, DES, 3DES, NULL, anonymous, EXPORT, MD5, security level 0), not merely CBC */
  broken: boolean
}

const BROKEN: readonly [RegExp, string][] = [
  [/RC4/i, 'RC4'],
  [/3DES|DES-CBC3|DES_EDE|DES-EDE/i, '3DES, open to Sweet32'],
  [/(^|[-_])DES([-_]|$)|DES-CBC-|_DES_CBC_/i, 'single DES'],
  [/NULL/i, 'NULL, no encryption or no authentication'],
  [/(^|[-_])(ADH|AECDH)([-_]|$)|_anon_/i, 'anonymous key exchange, no server authentication'],
  [/^(EXP|EXPORT)|[-_]EXPORT|EXP-|EXPORT40|EXPORT56/i, 'EXPORT-grade'],
  [/MD5/i, 'MD5'],
  [/^LOW$/i, 'LOW, 56- and 64-bit ciphers'],
  [/^@SECLEVEL=0$/i, 'OpenSSL security level 0, which re-enables weak keys and legacy protocols'],
]

/** OpenSSL aliases that pull in CBC suites (and, with older OpenSSL builds, legacy ones). */
const BROAD_ALIASES = new Set(['ALL', 'COMPLEMENTOFALL', 'HIGH', 'MEDIUM', 'DEFAULT', 'SSLV3', 'TLSV1', 'TLSV1.0', 'AES', 'AES128', 'AES256', 'CAMELLIA', 'SHA', 'SHA1', 'RSA', 'KRSA'])
const AEAD = /GCM|CCM|CHACHA|POLY1305/i
const BLOCK_CIPHER = /AES|CAMELLIA|ARIA|SEED|IDEA/i
/** Key exchange by the server's RSA key: a stolen key decrypts every recorded session. */
const STATIC_RSA = /^(AES|CAMELLIA|ARIA|SEED|IDEA|DES-CBC3|RC4)|^TLS_RSA_WITH_/i

function classify(cipher: string): WeakCipher | undefined {
  for (const [pattern, weakness] of BROKEN) if (pattern.test(cipher)) return {cipher, weakness, broken: true}
  if (BROAD_ALIASES.has(cipher.toUpperCase())) return {cipher, weakness: 'an alias that enables CBC suites', broken: false}
  if (/_CBC_/i.test(cipher) || (BLOCK_CIPHER.test(cipher) && !AEAD.test(cipher) && /SHA/i.test(cipher))) {
    return {cipher, weakness: STATIC_RSA.test(cipher) ? 'CBC, not AEAD, and no forward secrecy' : 'CBC, not AEAD', broken: false}
  }
  return undefined
}

/**
 * The weak suites a cipher list enables: an OpenSSL string (`A:B:!C`, with `!`/`-` removals and `+`
 * reordering, which enable nothing) or a list of suite names (Envoy's `[A|B]` groups included).
 */
export function weakCiphers(list: string | readonly string[]): WeakCipher[] {
  const tokens = (typeof list === 'string' ? [list] : list)
    .flatMap((entry) => entry.split(/[:,\s|[\]]+/))
    .map((t) => t.trim())
    .filter((t) => t !== '' && !t.startsWith('!') && !t.startsWith('-') && !t.startsWith('+'))
  const seen = new Set<string>()
  const weak: WeakCipher[] = []
  for (const token of tokens) {
    if (seen.has(token)) continue
    seen.add(token)
    // `RC4+RSA` selects RC4 suites with RSA key exchange: classify each part
    const found = token.split('+').map(classify).find(Boolean)
    if (found) weak.push({...found, cipher: token})
  }
  return weak
}
