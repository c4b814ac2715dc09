import {expect} from 'chai'

import type {SourceResult} from '../../src/model/input.js'
import {loadCluster} from '../../src/sources/cluster/index.js'
import {loadManifests} from '../../src/sources/manifests/index.js'
import {type FakeApiServer, fixtureObjects, type LoggedRequest, startFakeApiServer} from '../support/fake-apiserver.js'
import {countsByKind, findingKeys, messageWords, reportOf} from '../support/live-scan.js'

const EXAMPLE = 'examples/cluster'
// the only ConfigMaps a live scan reads: where the mesh and the ingress controller keep their configuration
const CONFIG_NAMESPACES = new Set(['istio-system', 'ingress-nginx'])

describe('cluster source: a live scan of examples/cluster', () => {
  let api: FakeApiServer
  let live: SourceResult
  let files: SourceResult
  let requests: LoggedRequest[]

  before(async () => {
    // a page cap well below the list sizes, so every large kind takes several pages
    api = await startFakeApiServer({objects: await fixtureObjects([EXAMPLE]), pageCap: 4})
    live = await loadCluster({kubeconfig: await api.writeKubeconfig(), env: {}})
    requests = [...api.requests]
    files = await loadManifests([EXAMPLE])
  })
  after(() => api.close())

  it('finds what a manifest scan of the same files finds', async () => {
    const [fromCluster, fromFiles] = await Promise.all([reportOf(live), reportOf(files)])
    expect(fromFiles.findings.length).to.be.greaterThan(10)
    expect(findingKeys(fromCluster)).to.deep.equal(findingKeys(fromFiles))
    expect(messageWords(fromCluster)).to.deep.equal(messageWords(fromFiles))
    expect(fromCluster.checks).to.deep.equal(fromFiles.checks)
    expect(fromCluster.summary).to.deep.equal(fromFiles.summary)
    expect(fromCluster.score).to.deep.equal(fromFiles.score)
    expect(fromCluster.scan.namespaces).to.deep.equal(fromFiles.scan.namespaces)
    expect(fromCluster.findings.every((f) => f.location === undefined)).to.equal(true)
  })

  it('finds what a manifest scan limited to the same namespaces finds', async () => {
    const namespaces = ['shop', 'payments']
    const limited = await loadCluster({kubeconfig: await api.writeKubeconfig(), namespaces, env: {}})
    const [fromCluster, fromFiles] = await Promise.all([reportOf(limited, namespaces), reportOf(files, namespaces)])
    expect(fromFiles.findings.length).to.be.greaterThan(3)
    expect(findingKeys(fromCluster)).to.deep.equal(findingKeys(fromFiles))
    expect(fromCluster.checks).to.deep.equal(fromFiles.checks)
    expect(fromCluster.scan.namespaces).to.deep.equal(fromFiles.scan.namespaces)
  })

  it('reads every object of the files, but for ConfigMaps outside the control-plane namespaces', () => {
    const expected = {...files, resources: files.resources.filter((r) => r.ref.kind !== 'ConfigMap' || CONFIG_NAMESPACES.has(r.ref.namespace ?? ''))}
    expect(countsByKind(live)).to.deep.equal(countsByKind(expected))
    const keys = (s: SourceResult): string[] => s.resources.map((r) => `${r.ref.apiVersion} ${r.ref.kind} ${r.ref.namespace ?? ''}/${r.ref.name}`).sort()
    expect(keys(live)).to.deep.equal(keys(expected))
  })

  it('describes the cluster as its target and origin', () => {
    expect(live.source).to.equal('cluster')
    expect(live.target).to.equal(`fake (${api.url})`)
    expect(live.errors).to.deep.equal([])
    expect(live.skippedDocuments).to.deep.equal([])
    expect(live.resources[0].origin).to.deep.equal({type: 'cluster', context: 'fake', server: api.url})
    expect(live.resources[0].locate(['spec'])).to.equal(undefined)
  })

  it('gives list items their kind and apiVersion and drops managedFields and the last-applied copy', () => {
    for (const {object, ref} of live.resources) {
      expect(object.kind).to.equal(ref.kind)
      expect(object.apiVersion).to.equal(ref.apiVersion)
      expect(object.metadata).to.not.have.property('managedFields')
      expect(object.metadata.annotations ?? {}).to.not.have.property('kubectl.kubernetes.io/last-applied-configuration')
    }
    // the server really sent them: built-in items bare, every object decorated
    expect(live.resources.find((r) => r.ref.kind === 'Pod')?.object.spec).to.be.an('object')
  })

  it('reads running pods as Pod resources with their real images', () => {
    const pods = live.resources.filter((r) => r.ref.kind === 'Pod')
    expect(pods).to.have.length(3)
    const images = pods.flatMap((p) => ((p.object.spec as {containers: {image: string}[]}).containers ?? []).map((c) => c.image))
    expect(images.some((image) => image.includes('proxyv2'))).to.equal(true)
  })

  it('has a coverage row for every kind it looks for, with counts', () => {
    const row = (kind: string, apiVersion?: string) => live.coverage.find((r) => r.kind === kind && (apiVersion === undefined || r.apiVersion === apiVersion))
    expect(row('NetworkPolicy')).to.deep.equal({apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', count: 14, status: 'ok'})
    expect(row('PeerAuthentication')).to.include({apiVersion: 'security.istio.io/v1', status: 'ok', count: 4})
    expect(row('Certificate')).to.include({status: 'absent'})
    expect(row('Certificate')?.message).to.contain('cert-manager.io')
    expect(row('ConfigMap')).to.include({status: 'ok', count: 3})
    expect(row('ConfigMap')?.message).to.contain('ingress-nginx, istio-system')
    expect(live.coverage.filter((r) => r.status === 'forbidden' || r.status === 'error')).to.deep.equal([])
  })

  it('sends GET requests only, one paged LIST per kind across all namespaces', () => {
    expect(requests.length).to.be.greaterThan(40)
    expect(requests.filter((r) => r.method !== 'GET')).to.deep.equal([])
    const lists = requests.filter((r) => 'limit' in r.query)
    // cluster-wide lists, but for the ConfigMaps of the two control-plane namespaces
    const namespaced = lists.filter((r) => /\/namespaces\/[^/]+\/[^/]+$/.test(r.path))
    expect([...new Set(namespaced.map((r) => r.path))].sort()).to.deep.equal(['/api/v1/namespaces/ingress-nginx/configmaps', '/api/v1/namespaces/istio-system/configmaps'])
    expect(lists.every((r) => r.query.limit === '500')).to.equal(true)
    // 19 ServiceAccounts at 4 a page: 5 pages, the first without a continue token
    const serviceAccounts = lists.filter((r) => r.path === '/api/v1/serviceaccounts')
    expect(serviceAccounts).to.have.length(5)
    expect(serviceAccounts.map((r) => 'continue' in r.query)).to.deep.equal([false, true, true, true, true])
  })
})
