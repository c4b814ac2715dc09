import https from 'node:https'
import {expect} from 'chai'

import type {KubeObject} from '../../src/model/kube.js'
import {loadCluster} from '../../src/sources/cluster/index.js'
import {type FakeApiServer, fixtureObjects, startFakeApiServer} from '../support/fake-apiserver.js'

const namespace = (name: string): KubeObject => ({apiVersion: 'v1', kind: 'Namespace', metadata: {name}})
const configMap = (ns: string, name: string): KubeObject => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: ns}, data: {}})
const pod = (ns: string, name: string): KubeObject => ({apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace: ns}, spec: {containers: [{name: 'app', image: 'nginx:1.27'}]}})

/** GET as a client that ignores `continue` would, straight from the harness. */
function getOnce(api: FakeApiServer, path: string): Promise<{items: unknown[]; metadata: {continue?: string; remainingItemCount?: number}}> {
  return new Promise((resolve, reject) => {
    const req = https.get(`${api.url}${path}`, {ca: api.pki.caPem, headers: {authorization: 'Bearer test-token'}}, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as never))
    })
    req.on('error', reject)
  })
}

describe('cluster source: paging and load on the API server', () => {
  const pods = Array.from({length: 23}, (_, i) => pod(i % 2 ? 'blue' : 'green', `pod-${String(i).padStart(2, '0')}`))
  let api: FakeApiServer

  before(async () => {
    api = await startFakeApiServer({objects: [namespace('blue'), namespace('green'), namespace('istio-system'), ...pods, configMap('istio-system', 'istio'), configMap('blue', 'app')], pageCap: 10})
  })
  after(() => api.close())
  beforeEach(() => {
    api.requests.length = 0
  })

  it('follows continue tokens to the end of every list', async () => {
    const result = await loadCluster({kubeconfig: await api.writeKubeconfig(), pageSize: 5, env: {}})
    expect(result.resources.filter((r) => r.ref.kind === 'Pod')).to.have.length(23)
    const podLists = api.requests.filter((r) => r.path === '/api/v1/pods')
    expect(podLists.map((r) => r.query.limit)).to.deep.equal(['5', '5', '5', '5', '5'])
    expect(podLists.map((r) => 'continue' in r.query)).to.deep.equal([false, true, true, true, true])
    expect(result.coverage.find((r) => r.kind === 'Pod')).to.deep.equal({apiVersion: 'v1', kind: 'Pod', count: 23, status: 'ok'})
  })

  it('gets everything from a server whose pages are shorter than the limit asked for', async () => {
    const result = await loadCluster({kubeconfig: await api.writeKubeconfig(), env: {}})
    expect(result.resources.filter((r) => r.ref.kind === 'Pod')).to.have.length(23)
    expect(api.requests.filter((r) => r.path === '/api/v1/pods')).to.have.length(3)
  })

  it('serves a page cap that a client ignoring continue falls foul of', async () => {
    const page = await getOnce(api, '/api/v1/pods')
    expect(page.items).to.have.length(10)
    expect(page.metadata.continue).to.be.a('string')
    expect(page.metadata.remainingItemCount).to.equal(13)
    expect(page.items[0]).to.not.have.property('kind')
  })

  it('lists each kind once across all namespaces, never once per namespace', async () => {
    await loadCluster({kubeconfig: await api.writeKubeconfig(), env: {}})
    const lists = api.requests.filter((r) => 'limit' in r.query && !('continue' in r.query))
    const paths = lists.map((r) => r.path)
    expect(new Set(paths).size).to.equal(paths.length)
    expect(paths).to.include('/api/v1/pods')
    expect(paths.filter((p) => p.includes('/namespaces/') && !p.endsWith('/configmaps'))).to.deep.equal([])
  })

  it('still lists across all namespaces when the scan is limited to some', async () => {
    const result = await loadCluster({kubeconfig: await api.writeKubeconfig(), namespaces: ['blue'], env: {}})
    expect(api.requests.filter((r) => 'limit' in r.query && r.path.includes('/namespaces/') && !r.path.endsWith('/configmaps'))).to.deep.equal([])
    expect(result.resources.filter((r) => r.ref.kind === 'Pod')).to.have.length(23)
  })

  it('lists in the namespaces the scan is limited to when the list across all namespaces is forbidden', async () => {
    api.forbid('pods@cluster')
    api.forbid('pods@green')
    const result = await loadCluster({kubeconfig: await api.writeKubeconfig(), namespaces: ['blue'], env: {}})
    const podLists = api.requests.filter((r) => r.path.endsWith('/pods'))
    expect(podLists.map((r) => `${r.path} ${r.status}`)).to.deep.equal(['/api/v1/pods 403', '/api/v1/namespaces/blue/pods 200', '/api/v1/namespaces/blue/pods 200'])
    const pods = result.resources.filter((r) => r.ref.kind === 'Pod')
    expect(pods).to.have.length(11)
    expect(pods.every((r) => r.ref.namespace === 'blue')).to.equal(true)
    expect(result.coverage.find((r) => r.kind === 'Pod')).to.deep.equal({
      apiVersion: 'v1',
      kind: 'Pod',
      count: 11,
      status: 'ok',
      message: 'the list across all namespaces is forbidden; read in blue only',
    })
    // other kinds, not refused, are read whole
    expect(result.resources.filter((r) => r.ref.kind === 'ConfigMap')).to.have.length(1)
  })
})

describe('cluster source: requests in flight', () => {
  let api: FakeApiServer

  before(async () => {
    // every answer takes a while, as from a remote server, so that requests overlap
    api = await startFakeApiServer({objects: await fixtureObjects(['examples/cluster']), latencyMs: 25})
  })
  after(() => api.close())
  beforeEach(() => {
    api.maxInFlight = 0
  })

  it('keeps at most 4 requests in flight by default', async () => {
    await loadCluster({kubeconfig: await api.writeKubeconfig(), env: {}})
    expect(api.maxInFlight).to.equal(4)
  })

  it('keeps at most `concurrency` requests in flight', async () => {
    await loadCluster({kubeconfig: await api.writeKubeconfig(), concurrency: 2, env: {}})
    expect(api.maxInFlight).to.equal(2)
  })
})
