import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {expect} from 'chai'

import type {SourceResult} from '../../src/model/input.js'
import {loadCluster} from '../../src/sources/cluster/index.js'
import {type FakeApiServer, fixtureObjects, startFakeApiServer} from '../support/fake-apiserver.js'
import {makePki, makePrivateKeyPem} from '../support/fake-pki.js'
import {reportOf} from '../support/live-scan.js'

const base64 = (text: string): string => Buffer.from(text).toString('base64')

/** Secrets written at test time, so no key is committed: a TLS secret with a real key, an opaque one, a registry login. */
async function secretFixtures(dir: string): Promise<{file: string; certificate: string; secrets: string[]}> {
  const keyPem = await makePrivateKeyPem()
  const certificate = (await makePki('vault.example.com')).caPem
  const password = 'hunter2-correct-horse-battery-staple'
  const registry = JSON.stringify({auths: {'registry.example.com': {auth: base64('ci:s3cr3t-registry-token')}}})
  const docs = [
    {apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'vault'}},
    {apiVersion: 'v1', kind: 'Secret', metadata: {name: 'vault-tls', namespace: 'vault', labels: {app: 'vault'}, annotations: {'cert-manager.io/issuer-name': 'letsencrypt'}}, type: 'kubernetes.io/tls', data: {'tls.crt': base64(certificate), 'tls.key': base64(keyPem), 'ca.crt': base64(certificate)}},
    {apiVersion: 'v1', kind: 'Secret', metadata: {name: 'db-password', namespace: 'vault'}, type: 'Opaque', data: {password: base64(password)}, stringData: {also: password}},
    {apiVersion: 'v1', kind: 'Secret', metadata: {name: 'registry', namespace: 'vault'}, type: 'kubernetes.io/dockerconfigjson', data: {'.dockerconfigjson': base64(registry)}},
  ]
  const file = path.join(dir, 'secrets.json')
  await writeFile(file, JSON.stringify({apiVersion: 'v1', kind: 'List', items: docs}))
  return {file, certificate, secrets: [keyPem, base64(keyPem), password, base64(password), registry, base64(registry), 's3cr3t-registry-token', 'PRIVATE KEY']}
}

describe('cluster source: secrets', () => {
  let dir: string
  let fixtures: Awaited<ReturnType<typeof secretFixtures>>
  let api: FakeApiServer | undefined

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zt-secrets-'))
    fixtures = await secretFixtures(dir)
  })
  after(() => rm(dir, {recursive: true, force: true}))
  afterEach(async () => {
    await api?.close()
    api = undefined
  })

  const liveScan = async (serverOptions: {ignoreFieldSelectors?: boolean} = {}, secrets?: boolean): Promise<SourceResult> => {
    api = await startFakeApiServer({objects: await fixtureObjects(['examples/cluster', fixtures.file]), ...serverOptions})
    return loadCluster({kubeconfig: await api.writeKubeconfig(), env: {}, ...(secrets === undefined ? {} : {secrets})})
  }

  const expectNoSecretValues = (text: string): void => {
    for (const secret of fixtures.secrets) expect(text.includes(secret), `found ${secret.slice(0, 20)}…`).to.equal(false)
  }

  it('lists only TLS secrets, by field selector', async () => {
    const result = await liveScan()
    const lists = api!.requests.filter((r) => r.path === '/api/v1/secrets')
    expect(lists.map((r) => r.query.fieldSelector)).to.deep.equal(['type=kubernetes.io/tls'])
    expect(result.resources.filter((r) => r.ref.kind === 'Secret').map((r) => `${r.ref.namespace}/${r.ref.name}`)).to.include('vault/vault-tls').and.not.include('vault/db-password')
  })

  it('keeps a TLS secret\'s certificate and naming metadata, nothing else', async () => {
    const result = await liveScan()
    const secret = result.resources.find((r) => r.ref.kind === 'Secret' && r.ref.name === 'vault-tls')
    expect(secret?.object).to.deep.equal({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {name: 'vault-tls', namespace: 'vault', labels: {app: 'vault'}, annotations: {'cert-manager.io/issuer-name': 'letsencrypt'}},
      type: 'kubernetes.io/tls',
      data: {'tls.crt': base64(fixtures.certificate)},
    })
  })

  it('never lets a key or another secret value into resources, errors, coverage or the report', async () => {
    const result = await liveScan()
    expectNoSecretValues(JSON.stringify(result.resources.map((r) => r.object)))
    expectNoSecretValues(JSON.stringify({errors: result.errors, coverage: result.coverage, target: result.target}))
    expectNoSecretValues(JSON.stringify(await reportOf(result)))
  })

  it('drops any other secret even from a server that ignores the field selector', async () => {
    const result = await liveScan({ignoreFieldSelectors: true})
    const secrets = result.resources.filter((r) => r.ref.kind === 'Secret')
    expect(secrets.every((s) => s.object.type === 'kubernetes.io/tls')).to.equal(true)
    expect(secrets.map((s) => s.ref.name)).to.not.include('db-password')
    expect(result.coverage.find((r) => r.kind === 'Secret')).to.include({status: 'ok', count: 5})
    expectNoSecretValues(JSON.stringify(result.resources.map((r) => r.object)))
  })

  it('does not ask for secrets at all with secrets: false, and says so in coverage', async () => {
    const result = await liveScan({}, false)
    expect(api!.requests.some((r) => r.path.endsWith('/secrets'))).to.equal(false)
    expect(result.resources.some((r) => r.ref.kind === 'Secret')).to.equal(false)
    expect(result.coverage.find((r) => r.kind === 'Secret')).to.deep.equal({
      apiVersion: 'v1',
      kind: 'Secret',
      status: 'forbidden',
      message: 'not read: secrets are excluded by option (--no-secrets)',
    })
  })
})
