import {chmod, copyFile, mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {expect} from 'chai'

import {UserError} from '../../src/errors.js'
import {loadCluster, type ClusterOptions} from '../../src/sources/cluster/index.js'
import {type FakeApiServer, fixtureObjects, startFakeApiServer} from '../support/fake-apiserver.js'
import {makePki} from '../support/fake-pki.js'

const NOWHERE = '/nonexistent/serviceaccount'

async function failure(options: ClusterOptions): Promise<UserError> {
  const error = await loadCluster({serviceAccountDir: NOWHERE, retryDelayMs: 10, ...options}).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).to.be.instanceOf(UserError)
  expect((error as UserError).exitCode).to.equal(2)
  return error as UserError
}

describe('cluster source: credentials', () => {
  let api: FakeApiServer
  const namespaces = (result: Awaited<ReturnType<typeof loadCluster>>): number => result.resources.filter((r) => r.ref.kind === 'Namespace').length

  before(async () => {
    api = await startFakeApiServer({objects: await fixtureObjects(['examples/cluster/cluster/namespaces.yaml']), tokens: {'test-token': 'tester', 'exec-token': 'exec-user', 'pod-token': 'system:serviceaccount:zt-audit:zt-audit'}})
  })
  after(() => api.close())
  beforeEach(() => {
    api.requests.length = 0
  })

  it('uses the token of the kubeconfig context', async () => {
    const result = await loadCluster({kubeconfig: await api.writeKubeconfig(), env: {}, serviceAccountDir: NOWHERE})
    expect(namespaces(result)).to.equal(10)
    expect(api.requests.every((r) => r.user === 'tester')).to.equal(true)
  })

  it('uses a client certificate, and a CA given as a file', async () => {
    const clientCertificate = await api.pki.issueClient('cert-user')
    const result = await loadCluster({kubeconfig: await api.writeKubeconfig({clientCertificate, caAsFile: true}), env: {}, serviceAccountDir: NOWHERE})
    expect(namespaces(result)).to.equal(10)
    expect(api.requests.every((r) => r.user === 'cert-user')).to.equal(true)
  })

  it('runs an exec credential plugin', async () => {
    const plugin = path.join(api.dir, 'credential.sh')
    await writeFile(plugin, `#!/bin/sh\nprintf '%s' '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token"}}'\n`)
    await chmod(plugin, 0o755)
    const result = await loadCluster({kubeconfig: await api.writeKubeconfig({exec: {command: plugin}}), env: {}, serviceAccountDir: NOWHERE})
    expect(namespaces(result)).to.equal(10)
    expect(api.requests.every((r) => r.user === 'exec-user')).to.equal(true)
  })

  it('says when an exec credential plugin fails, with what it said', async () => {
    const plugin = path.join(api.dir, 'expired.sh')
    await writeFile(plugin, '#!/bin/sh\necho "the SSO session has expired; log in again" >&2\nexit 1\n')
    await chmod(plugin, 0o755)
    const error = await failure({kubeconfig: await api.writeKubeconfig({exec: {command: plugin}}), env: {}})
    expect(error.message).to.equal(`cannot get the credentials of context fake for ${api.url}: the SSO session has expired; log in again`)
    expect(api.requests).to.deep.equal([])
  })

  it('selects the context asked for, and names it and the server as the target', async () => {
    const kubeconfig = await api.writeKubeconfig({currentContext: 'elsewhere'})
    const result = await loadCluster({kubeconfig, context: 'fake', env: {}, serviceAccountDir: NOWHERE})
    expect(result.target).to.equal(`fake (${api.url})`)
  })

  it('reads $KUBECONFIG, a list in which missing files are passed over', async () => {
    const kubeconfig = await api.writeKubeconfig()
    const result = await loadCluster({env: {KUBECONFIG: [path.join(api.dir, 'missing.yaml'), kubeconfig].join(path.delimiter)}, serviceAccountDir: NOWHERE})
    expect(namespaces(result)).to.equal(10)
  })

  it('reads ~/.kube/config when $KUBECONFIG is not set', async () => {
    const home = path.join(api.dir, 'home')
    await mkdir(path.join(home, '.kube'), {recursive: true})
    await copyFile(await api.writeKubeconfig(), path.join(home, '.kube', 'config'))
    const result = await loadCluster({env: {HOME: home}, serviceAccountDir: NOWHERE})
    expect(result.target).to.equal(`fake (${api.url})`)
  })

  it('uses the service account of the pod it runs in', async () => {
    const mount = path.join(api.dir, 'serviceaccount')
    await mkdir(mount, {recursive: true})
    await writeFile(path.join(mount, 'token'), 'pod-token')
    await writeFile(path.join(mount, 'ca.crt'), api.pki.caPem)
    const port = new URL(api.url).port
    // in a pod, with neither --kubeconfig nor --context, the service account comes first, as the contract says
    const env = {KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port, KUBECONFIG: await api.writeKubeconfig({token: 'wrong'})}
    const result = await loadCluster({env, serviceAccountDir: mount})
    expect(result.target).to.equal(`in-cluster (https://127.0.0.1:${port})`)
    expect(namespaces(result)).to.equal(10)
    expect(api.requests.every((r) => r.user === 'system:serviceaccount:zt-audit:zt-audit')).to.equal(true)
  })

  it('talks plain HTTP to a server such as kubectl proxy', async () => {
    const proxy = await startFakeApiServer({objects: await fixtureObjects(['examples/cluster/cluster/namespaces.yaml']), plainHttp: true})
    try {
      const result = await loadCluster({kubeconfig: await proxy.writeKubeconfig(), env: {}, serviceAccountDir: NOWHERE})
      expect(result.target).to.match(/^fake \(http:\/\/127\.0\.0\.1:\d+\)$/)
      expect(namespaces(result)).to.equal(10)
    } finally {
      await proxy.close()
    }
  })

  it('says that credentials were rejected (401), naming the server and the context', async () => {
    const error = await failure({kubeconfig: await api.writeKubeconfig({token: 'wrong'}), env: {}})
    expect(error.message).to.equal(`credentials rejected by ${api.url} for context fake`)
    expect(api.requests).to.have.length(1)
  })

  it('says that the server cannot be reached, after retrying', async () => {
    const error = await failure({kubeconfig: await api.writeKubeconfig(), context: 'elsewhere', retries: 2, env: {}})
    expect(error.message).to.match(/^cannot reach the API server https:\/\/127\.0\.0\.1:1 \(context elsewhere\): connect ECONNREFUSED 127\.0\.0\.1:1, after 3 attempts$/)
  })

  it('retries a server that drops every connection, then says it cannot be reached', async () => {
    api.inject({type: 'drop', match: '/api', times: 3})
    const error = await failure({kubeconfig: await api.writeKubeconfig(), retries: 2, env: {}})
    expect(error.message).to.match(new RegExp(`^cannot reach the API server ${api.url} \\(context fake\\): .*\\(ECONNRESET\\), after 3 attempts`))
    expect(api.requests.map((r) => r.status)).to.deep.equal([-1, -1, -1])
  })

  it('says when the server certificate does not verify against the kubeconfig CA', async () => {
    const other = await makePki('some other CA')
    const error = await failure({kubeconfig: await api.writeKubeconfig({caPem: other.caPem}), env: {}})
    expect(error.message).to.match(new RegExp(`^cannot reach the API server ${api.url} \\(context fake\\): TLS verification failed: .*certificate-authority`))
  })

  it('says how to point zt-audit at a cluster or a dump when there is no kubeconfig and no pod', async () => {
    const error = await failure({env: {}})
    expect(error.message).to.match(/^no cluster to scan: .*--kubeconfig FILE \[--context NAME\].*--manifests PATH/)
  })

  it('names the contexts there are when the one asked for is not', async () => {
    const error = await failure({kubeconfig: await api.writeKubeconfig(), context: 'prod', env: {}})
    expect(error.message).to.match(/^context "prod" is not in .*kubeconfig-\d+\.yaml \(contexts: fake, elsewhere\)$/)
  })

  it('names a kubeconfig file that does not exist', async () => {
    const error = await failure({kubeconfig: path.join(api.dir, 'nope.yaml'), env: {}})
    expect(error.message).to.match(/^kubeconfig .*nope\.yaml does not exist$/)
  })
})
