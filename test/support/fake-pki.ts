// A throw-away certificate authority made at test time, so no private key is ever committed.
import 'reflect-metadata' // @peculiar/x509 resolves its services through tsyringe, which needs the Reflect polyfill first
import * as x509 from '@peculiar/x509'
import type {webcrypto} from 'node:crypto'

// Node has WebCrypto on globalThis.crypto but no `self`, where x509 would look for it
x509.cryptoProvider.set(globalThis.crypto)

const {subtle} = globalThis.crypto
const ALGORITHM = {name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256'}

export interface KeyPair {
  certPem: string
  keyPem: string
}

export interface Pki {
  caPem: string
  /** the API server's certificate, for 127.0.0.1 and localhost */
  server: KeyPair
  /** a client certificate signed by the CA, for a user with this common name */
  issueClient(commonName: string): Promise<KeyPair>
}

let serial = 1

async function exportKey(key: webcrypto.CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await subtle.exportKey('pkcs8', key), 'PRIVATE KEY')
}

/** A fresh private key in PEM, e.g. to stand for the key of a TLS Secret. */
export async function makePrivateKeyPem(): Promise<string> {
  const keys = await subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])
  return exportKey(keys.privateKey)
}

export async function makePki(commonName = 'zt-audit test CA'): Promise<Pki> {
  const notBefore = new Date(Date.now() - 60_000)
  const notAfter = new Date(Date.now() + 24 * 3_600_000)
  const caKeys = await subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}`,
    keys: caKeys,
    serialNumber: String(serial++).padStart(2, '0'),
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  })
  const issue = async (subject: string, extensions: x509.Extension[]): Promise<KeyPair> => {
    const keys = await subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])
    const certificate = await x509.X509CertificateGenerator.create({
      subject,
      issuer: ca.subject,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      serialNumber: String(serial++).padStart(2, '0'),
      notBefore,
      notAfter,
      signingAlgorithm: ALGORITHM,
      extensions: [new x509.BasicConstraintsExtension(false), ...extensions],
    })
    return {certPem: certificate.toString('pem'), keyPem: await exportKey(keys.privateKey)}
  }
  const server = await issue('CN=127.0.0.1', [
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    new x509.SubjectAlternativeNameExtension([
      {type: 'ip', value: '127.0.0.1'},
      {type: 'dns', value: 'localhost'},
    ]),
  ])
  return {
    caPem: ca.toString('pem'),
    server,
    issueClient: (name) => issue(`CN=${name}`, [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])]),
  }
}
