// The certificate rules on certificates generated here, at test time, under a fixed clock: key types and
// sizes, signature hashes, validity windows, trust and host coverage. Every test Secret carries a real PEM
// private key in tls.key, and no finding, message or piece of evidence may contain any of it.
import 'reflect-metadata'

import * as x509 from '@peculiar/x509'
import {expect} from 'chai'
import {generateKeyPairSync, webcrypto} from 'node:crypto'
import type {webcrypto as WebCrypto} from 'node:crypto'

import {defaultConfig} from '../../src/engine/config.js'
import {loadBuiltinRules} from '../../src/engine/loader.js'
import {runRules} from '../../src/engine/runner.js'
import {Inventory} from '../../src/inventory/index.js'
import type {Finding} from '../../src/model/finding.js'
import type {CoverageRow} from '../../src/model/input.js'
import type {KubeObject} from '../../src/model/kube.js'
import type {Resource} from '../../src/model/resource.js'
import type {Rule} from '../../src/sdk/types.js'
import {toResource} from '../../src/sources/resource.js'

x509.cryptoProvider.set(webcrypto)

type CryptoKeyPair = WebCrypto.CryptoKeyPair
type CryptoKey = WebCrypto.CryptoKey
const subtle = webcrypto.subtle

const NOW = new Date('2026-06-01T00:00:00Z')
const DAY = 24 * 60 * 60 * 1000
const at = (days: number): Date => new Date(NOW.getTime() + days * DAY)
const EC_P256 = {name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256'}
const rsaAlgorithm = (bits: number, hash: string): WebCrypto.RsaHashedKeyGenParams => ({name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash})

interface Issued {
  /** the PEM chain that goes into tls.crt (or DER bytes) */
  cert: string | Buffer
  /** a PEM PKCS#8 private key, for tls.key */
  key: string
}

const pem = (label: string, der: ArrayBuffer | Buffer): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(der as ArrayBuffer).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`

async function privatePem(key: CryptoKey): Promise<string> {
  return pem('PRIVATE KEY', await subtle.exportKey('pkcs8', key))
}

const keysEc = async (): Promise<CryptoKeyPair> => (await subtle.generateKey(EC_P256, true, ['sign', 'verify']))
const keysRsa = async (bits: number, hash = 'SHA-256'): Promise<CryptoKeyPair> => (await subtle.generateKey(rsaAlgorithm(bits, hash), true, ['sign', 'verify']))

interface LeafOptions {
  names?: string[]
  notBefore?: Date
  notAfter?: Date
  keys?: CryptoKeyPair
  /** a public key the test holds no WebCrypto key for (P-192); its private half goes in tls.key */
  foreignKey?: {publicDer: Buffer; privatePem: string}
  selfSigned?: boolean
  signing?: WebCrypto.Algorithm | WebCrypto.EcdsaParams
}

let ca: {keys: CryptoKeyPair; cert: x509.X509Certificate}
let serial = 16

async function issue(options: LeafOptions = {}): Promise<Issued> {
  const names = options.names ?? ['web.example.com']
  const notBefore = options.notBefore ?? at(-30)
  const notAfter = options.notAfter ?? at(365)
  const extensions = [new x509.SubjectAlternativeNameExtension(names.map((value) => ({type: 'dns' as const, value})))]
  if (options.selfSigned) {
    const keys = options.keys ?? (await keysEc())
    const cert = await x509.X509CertificateGenerator.createSelfSigned({serialNumber: (serial++).toString(16), name: `CN=${names[0]}`, notBefore, notAfter, keys, signingAlgorithm: options.signing ?? EC_P256, extensions})
    return {cert: cert.toString('pem'), key: await privatePem(keys.privateKey)}
  }
  const keys = options.foreignKey ? undefined : (options.keys ?? (await keysEc()))
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16),
    subject: `CN=${names[0]}`,
    issuer: ca.cert.subject,
    notBefore,
    notAfter,
    publicKey: options.foreignKey ? new x509.PublicKey(options.foreignKey.publicDer) : (keys as CryptoKeyPair).publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: options.signing ?? EC_P256,
    extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey)],
  })
  return {cert: cert.toString('pem'), key: options.foreignKey?.privatePem ?? (await privatePem((keys as CryptoKeyPair).privateKey))}
}

/** The same certificate with its signature algorithm relabelled md5WithRSAEncryption (its signature no longer verifies). */
function relabelMd5(pemText: string): string {
  const der = Buffer.from(new x509.X509Certificate(pemText).rawData)
  const sha256WithRsa = Buffer.from('06092a864886f70d01010b', 'hex')
  let offset = der.indexOf(sha256WithRsa)
  while (offset >= 0) {
    der[offset + sha256WithRsa.length - 1] = 0x04
    offset = der.indexOf(sha256WithRsa, offset + 1)
  }
  return pem('CERTIFICATE', der)
}

const memory = {type: 'file' as const, file: '<memory>', document: 0, line: 1}
const resource = (object: Record<string, unknown>): Resource => toResource(object as unknown as KubeObject, memory)

function tlsSecret(name: string, issued: Issued, namespace = 'shop'): Resource {
  return resource({
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: {name, namespace},
    data: {'tls.crt': (Buffer.isBuffer(issued.cert) ? issued.cert : Buffer.from(issued.cert)).toString('base64'), 'tls.key': Buffer.from(issued.key).toString('base64')},
  })
}

function tlsIngress(name: string, hosts: string[], secretName: string, namespace = 'shop'): Resource {
  return resource({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {name, namespace},
    spec: {
      ingressClassName: 'nginx',
      tls: [{hosts, secretName}],
      rules: hosts.map((host) => ({host, http: {paths: [{path: '/', pathType: 'Prefix', backend: {service: {name: 'web', port: {number: 80}}}}]}})),
    },
  })
}

let rules: Rule[]
const keys: string[] = []

interface Run {
  findings: Finding[]
  of(ruleId: string): Finding[]
}

/** Runs every ingress-tls rule on an Ingress serving `hosts` with `issued` as its certificate. */
function scan(issued: Issued, hosts = ['web.example.com'], options: {config?: ReturnType<typeof defaultConfig>; coverage?: CoverageRow[]; extra?: Resource[]} = {}): Run {
  keys.push(issued.key)
  const resources = [tlsIngress('web', hosts, 'web-tls'), tlsSecret('web-tls', issued), ...(options.extra ?? [])]
  const {findings, results} = runRules(rules, new Inventory(resources, {coverage: options.coverage ?? []}), {now: NOW, config: options.config ?? defaultConfig()})
  expect(results.filter((r) => r.status === 'error'), 'no rule errors').to.deep.equal([])
  allFindings.push(...findings)
  return {findings, of: (ruleId) => findings.filter((f) => f.ruleId === ruleId)}
}

const allFindings: Finding[] = []

describe('ingress TLS certificate rules on generated certificates', function () {
  this.timeout(120000)

  before(async () => {
    rules = (await loadBuiltinRules()).map((r) => r.rule).filter((r) => r.meta.category === 'ingress-tls')
    const caKeys = await keysEc()
    const caCert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01',
      name: 'CN=zt-audit test CA',
      notBefore: at(-1000),
      notAfter: at(3000),
      keys: caKeys,
      signingAlgorithm: EC_P256,
      extensions: [new x509.BasicConstraintsExtension(true, undefined, true), await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey)],
    })
    ca = {keys: caKeys, cert: caCert}
  })

  describe('keys and signatures (ZT-TLS-009)', () => {
    it('fails an RSA 1024 key and passes RSA 2048', async () => {
      const weak = scan(await issue({keys: await keysRsa(1024)})).of('ZT-TLS-009')
      expect(weak).to.have.length(1)
      expect(weak[0].severity).to.equal('high')
      expect(weak[0].message).to.include('1024-bit RSA key')
      expect(weak[0].evidence).to.include({keyType: 'RSA', keySize: 1024})
      expect(scan(await issue({keys: await keysRsa(2048)})).of('ZT-TLS-009')).to.deep.equal([])
    })

    it('passes ECDSA P-256 and fails P-192', async () => {
      expect(scan(await issue()).of('ZT-TLS-009')).to.deep.equal([])
      const p192 = generateKeyPairSync('ec', {namedCurve: 'prime192v1'})
      const foreignKey = {publicDer: p192.publicKey.export({type: 'spki', format: 'der'}), privatePem: p192.privateKey.export({type: 'pkcs8', format: 'pem'}).toString()}
      const weak = scan(await issue({foreignKey})).of('ZT-TLS-009')
      expect(weak.map((f) => f.message)).to.have.length(1)
      expect(weak[0].message).to.include('P-192')
      expect(weak[0].evidence).to.include({keyType: 'EC P-192', keySize: 192})
    })

    it('fails SHA-1 and MD5 signatures, and says which', async () => {
      const sha1 = scan(await issue({selfSigned: true, keys: await keysRsa(2048, 'SHA-1'), signing: {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1'}})).of('ZT-TLS-009')
      expect(sha1).to.have.length(1)
      expect(sha1[0].message).to.include('sha1WithRSAEncryption')
      const issued = await issue({selfSigned: true, keys: await keysRsa(2048), signing: {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'}})
      const md5 = scan({...issued, cert: relabelMd5(issued.cert as string)}).of('ZT-TLS-009')
      expect(md5).to.have.length(1)
      expect(md5[0].message).to.include('md5WithRSAEncryption')
      expect(scan(issued).of('ZT-TLS-009')).to.deep.equal([])
    })
  })

  describe('validity (ZT-TLS-006, ZT-TLS-007)', () => {
    it('fails an expired and a not-yet-valid certificate', async () => {
      const expired = scan(await issue({notBefore: at(-400), notAfter: at(-1)})).of('ZT-TLS-006')
      expect(expired.map((f) => f.severity)).to.deep.equal(['high'])
      expect(expired[0].message).to.include('expired on 2026-05-31')
      const early = scan(await issue({notBefore: at(10), notAfter: at(400)})).of('ZT-TLS-006')
      expect(early.map((f) => f.severity)).to.deep.equal(['high'])
      expect(early[0].message).to.include('not valid before 2026-06-11')
    })

    it('tells a certificate expiring tomorrow (high) from one expiring in a year (nothing)', async () => {
      const tomorrow = scan(await issue({notAfter: at(1)}))
      expect(tomorrow.of('ZT-TLS-007').map((f) => f.severity)).to.deep.equal(['high'])
      expect(tomorrow.of('ZT-TLS-007')[0].message).to.include('in 1 day')
      expect(tomorrow.of('ZT-TLS-006')).to.deep.equal([])
      const nextYear = scan(await issue({notAfter: at(365)}))
      expect(nextYear.of('ZT-TLS-007')).to.deep.equal([])
      expect(nextYear.of('ZT-TLS-006')).to.deep.equal([])
    })

    it('grades by the window: medium within 30 days, high within 7, both configurable', async () => {
      expect(scan(await issue({notAfter: at(20)})).of('ZT-TLS-007').map((f) => f.severity)).to.deep.equal(['medium'])
      expect(scan(await issue({notAfter: at(45)})).of('ZT-TLS-007')).to.deep.equal([])
      const config = defaultConfig()
      config.rules['ZT-TLS-007'] = {enabled: true, options: {windowDays: 60, highWithinDays: 50}}
      expect(scan(await issue({notAfter: at(45)}), undefined, {config}).of('ZT-TLS-007').map((f) => f.severity)).to.deep.equal(['high'])
    })

    it('follows the chain: an expired intermediate fails, a root sent along does not count', async () => {
      const interKeys = await keysEc()
      const intermediate = await x509.X509CertificateGenerator.create({
        serialNumber: 'a0',
        subject: 'CN=zt-audit test intermediate',
        issuer: ca.cert.subject,
        notBefore: at(-900),
        notAfter: at(-5),
        publicKey: interKeys.publicKey,
        signingKey: ca.keys.privateKey,
        signingAlgorithm: EC_P256,
        extensions: [new x509.BasicConstraintsExtension(true, 0, true), await x509.SubjectKeyIdentifierExtension.create(interKeys.publicKey), await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey)],
      })
      const leafKeys = await keysEc()
      const leaf = await x509.X509CertificateGenerator.create({
        serialNumber: 'a1',
        subject: 'CN=web.example.com',
        issuer: intermediate.subject,
        notBefore: at(-10),
        notAfter: at(300),
        publicKey: leafKeys.publicKey,
        signingKey: interKeys.privateKey,
        signingAlgorithm: EC_P256,
        extensions: [new x509.SubjectAlternativeNameExtension([{type: 'dns', value: 'web.example.com'}]), await x509.AuthorityKeyIdentifierExtension.create(interKeys.publicKey)],
      })
      const chain = {cert: leaf.toString('pem') + intermediate.toString('pem') + ca.cert.toString('pem'), key: await privatePem(leafKeys.privateKey)}
      const expired = scan(chain).of('ZT-TLS-006')
      expect(expired).to.have.length(1)
      expect(expired[0].message).to.include('intermediate certificate 2 of tls.crt')
      expect(expired[0].evidence?.subject).to.equal('CN=zt-audit test intermediate')
    })
  })

  describe('trust (ZT-TLS-008)', () => {
    it('fails a self-signed leaf on an internet-facing Ingress (medium) and a private CA (low)', async () => {
      expect(scan(await issue({selfSigned: true})).of('ZT-TLS-008').map((f) => f.severity)).to.deep.equal(['medium'])
      const privateCa = scan(await issue()).of('ZT-TLS-008')
      expect(privateCa.map((f) => f.severity)).to.deep.equal(['low'])
      expect(privateCa[0].message).to.include('CN=zt-audit test CA')
      const withRoot = await issue()
      expect(scan({...withRoot, cert: (withRoot.cert as string) + ca.cert.toString('pem')}).of('ZT-TLS-008')[0].message).to.include('not in the public trust stores')
    })

    it('skips certificates used only behind an internal load balancer', async () => {
      const internal = tlsIngress('internal', ['admin.example.com'], 'admin-tls')
      const object = internal.object as Record<string, unknown>
      ;(object.spec as Record<string, unknown>).ingressClassName = 'nginx-internal'
      const issued = await issue({selfSigned: true, names: ['admin.example.com']})
      keys.push(issued.key)
      const {findings, results} = runRules(rules, new Inventory([internal, tlsSecret('admin-tls', issued)]), {now: NOW, config: defaultConfig()})
      allFindings.push(...findings)
      expect(findings.filter((f) => f.ruleId === 'ZT-TLS-008')).to.deep.equal([])
      expect(results.find((r) => r.ruleId === 'ZT-TLS-008')?.status).to.equal('skip')
    })
  })

  describe('hosts (ZT-TLS-010)', () => {
    it('fails each host the certificate does not name, and reads wildcards one label deep', async () => {
      const mismatch = scan(await issue({names: ['a.example.com']}), ['a.example.com', 'b.example.com']).of('ZT-TLS-010')
      expect(mismatch.map((f) => f.message)).to.have.length(1)
      expect(mismatch[0].message).to.include('b.example.com')
      expect(scan(await issue({names: ['*.example.com']}), ['shop.example.com', 'm.example.com']).of('ZT-TLS-010')).to.deep.equal([])
      expect(scan(await issue({names: ['*.example.com']}), ['deep.shop.example.com']).of('ZT-TLS-010')).to.have.length(1)
    })

    it('does not fall back to the common name', async () => {
      const keysPair = await keysEc()
      const cert = await x509.X509CertificateGenerator.create({serialNumber: 'b0', subject: 'CN=web.example.com', issuer: ca.cert.subject, notBefore: at(-1), notAfter: at(300), publicKey: keysPair.publicKey, signingKey: ca.keys.privateKey, signingAlgorithm: EC_P256})
      const noSan = scan({cert: cert.toString('pem'), key: await privatePem(keysPair.privateKey)}).of('ZT-TLS-010')
      expect(noSan).to.have.length(1)
      expect(noSan[0].message).to.include('no subjectAltName DNS names')
    })
  })

  describe('unreadable certificates (ZT-TLS-011)', () => {
    it('reports a placeholder once, as low, and the other certificate rules skip it', async () => {
      const placeholder = scan({cert: 'redacted', key: (await issue()).key})
      expect(placeholder.of('ZT-TLS-011').map((f) => f.severity)).to.deep.equal(['low'])
      expect(placeholder.of('ZT-TLS-011')[0].message).to.match(/^Certificate could not be parsed/)
      for (const id of ['ZT-TLS-006', 'ZT-TLS-007', 'ZT-TLS-008', 'ZT-TLS-009', 'ZT-TLS-010']) expect(placeholder.of(id), id).to.deep.equal([])
    })

    it('reads a DER certificate and an Istio `cert` key', async () => {
      const issued = await issue()
      const der = Buffer.from(new x509.X509Certificate(issued.cert as string).rawData)
      expect(scan({cert: der, key: issued.key}).of('ZT-TLS-011')).to.deep.equal([])
      const generic = resource({apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: {name: 'b2b', namespace: 'istio-system'}, data: {cert: Buffer.from(issued.cert as string).toString('base64'), key: Buffer.from(issued.key).toString('base64')}})
      const gateway = resource({
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: {name: 'b2b', namespace: 'shop'},
        spec: {selector: {istio: 'ingressgateway'}, servers: [{port: {number: 443, name: 'https', protocol: 'HTTPS'}, hosts: ['b2b.example.com'], tls: {mode: 'SIMPLE', credentialName: 'b2b'}}]},
      })
      const inventory = new Inventory([gateway, generic])
      expect(inventory.ingress.certificates.map((c) => c.chain.key)).to.deep.equal(['cert'])
      const {findings} = runRules(rules, inventory, {now: NOW, config: defaultConfig()})
      allFindings.push(...findings)
      expect(findings.filter((f) => f.ruleId === 'ZT-TLS-010').map((f) => f.message).join()).to.include('b2b.example.com')
      expect(findings.filter((f) => f.ruleId === 'ZT-TLS-011')).to.deep.equal([])
    })
  })

  describe('missing Secrets (ZT-TLS-012)', () => {
    it('is low for manifests and high when the scan read Secrets', () => {
      const ingress = tlsIngress('web', ['web.example.com'], 'absent-tls')
      const run = (coverage: CoverageRow[]): Finding[] =>
        runRules(rules, new Inventory([ingress], {coverage}), {now: NOW, config: defaultConfig()}).findings.filter((f) => f.ruleId === 'ZT-TLS-012')
      expect(run([]).map((f) => f.severity)).to.deep.equal(['low'])
      expect(run([{kind: 'Secret', status: 'ok', count: 3}]).map((f) => f.severity)).to.deep.equal(['high'])
    })
  })

  describe('evidence', () => {
    it('shows subject, issuer, validity, key type and size, and fingerprint only', async () => {
      const [finding] = scan(await issue({keys: await keysRsa(1024)})).of('ZT-TLS-009')
      expect(Object.keys(finding.evidence ?? {}).sort()).to.deep.equal(['fingerprint', 'issuer', 'keySize', 'keyType', 'notAfter', 'notBefore', 'subject'])
      expect(finding.evidence?.fingerprint).to.match(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    })
  })

  // declared last, so it runs last: every finding of this file against every key put in a tls.key
  describe('private keys', () => {
    it('never reach a finding, a message or evidence', () => {
      expect(keys.length).to.be.greaterThan(10)
      expect(allFindings.length).to.be.greaterThan(10)
      const output = JSON.stringify(allFindings)
      expect(output).to.not.include('PRIVATE KEY')
      for (const key of keys) {
        const body = key.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')
        for (const line of key.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'))) expect(output).to.not.include(line)
        expect(output).to.not.include(body.slice(0, 40))
        expect(output).to.not.include(Buffer.from(key).toString('base64').slice(0, 40))
      }
    })
  })
})
