import {expect} from 'chai'

import {UserError} from '../../src/errors.js'
import type {SourceResult} from '../../src/model/input.js'
import {loadCluster} from '../../src/sources/cluster/index.js'
import {type FakeApiServer, type FakeApiServerOptions, fixtureObjects, startFakeApiServer} from '../support/fake-apiserver.js'

describe('cluster source: discovery', () => {
  let api: FakeApiServer | undefined

  afterEach(async () => {
    await api?.close()
    api = undefined
  })

  const scan = async (options: Partial<FakeApiServerOptions> = {}): Promise<SourceResult> => {
    api = await startFakeApiServer({objects: await fixtureObjects(['examples/cluster']), ...options})
    return loadCluster({kubeconfig: await api.writeKubeconfig(), retries: 1, retryDelayMs: 10, env: {}})
  }
  const row = (result: SourceResult, kind: string) => result.coverage.find((r) => r.kind === kind)

  it('reads custom resources at the preferred version of their group', async () => {
    const result = await scan({versions: {'security.istio.io': {versions: ['v1', 'v1beta1'], preferred: 'v1beta1'}}})
    expect(row(result, 'PeerAuthentication')).to.deep.equal({apiVersion: 'security.istio.io/v1beta1', kind: 'PeerAuthentication', count: 4, status: 'ok'})
    expect(api!.requests.some((r) => r.path === '/apis/security.istio.io/v1beta1/peerauthentications')).to.equal(true)
    expect(api!.requests.some((r) => r.path.startsWith('/apis/security.istio.io/v1/'))).to.equal(false)
    const resources = result.resources.filter((r) => r.ref.kind === 'PeerAuthentication')
    expect(resources.map((r) => r.ref.apiVersion)).to.deep.equal(Array(4).fill('security.istio.io/v1beta1'))
  })

  it('falls back to another served version when the preferred one lacks the kind', async () => {
    const result = await scan({
      extraTypes: [
        {group: 'cert-manager.io', kind: 'Certificate', plural: 'certificates', namespaced: true, versions: ['v1'], preferred: 'v1alpha2'},
        {group: 'cert-manager.io', kind: 'Issuer', plural: 'issuers', namespaced: true, versions: ['v1alpha2', 'v1'], preferred: 'v1alpha2'},
      ],
    })
    expect(row(result, 'Certificate')).to.include({apiVersion: 'cert-manager.io/v1', status: 'ok', count: 0})
    expect(row(result, 'Issuer')).to.include({apiVersion: 'cert-manager.io/v1alpha2', status: 'ok'})
    expect(row(result, 'ClusterIssuer')).to.deep.equal({kind: 'ClusterIssuer', status: 'absent', message: 'ClusterIssuer.cert-manager.io is not served by the cluster'})
  })

  it('records kinds the cluster does not serve as absent, and lists nothing for them', async () => {
    const result = await scan({hideGroups: ['admissionregistration.k8s.io']})
    expect(row(result, 'MutatingWebhookConfiguration')).to.deep.equal({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      status: 'absent',
      message: 'API group admissionregistration.k8s.io is not served by the cluster',
    })
    expect(row(result, 'CiliumNetworkPolicy')).to.deep.equal({kind: 'CiliumNetworkPolicy', status: 'absent', message: 'API group cilium.io is not served by the cluster'})
    expect(api!.requests.some((r) => r.path.includes('admissionregistration') || r.path.includes('cilium'))).to.equal(false)
  })

  it('asks only for the group versions that hold a kind it reads', async () => {
    await scan()
    const discovery = api!.requests.filter((r) => !('limit' in r.query)).map((r) => r.path)
    expect(discovery.sort()).to.deep.equal([
      '/api',
      '/api/v1',
      '/apis',
      '/apis/admissionregistration.k8s.io/v1',
      '/apis/apps/v1',
      '/apis/batch/v1',
      '/apis/networking.istio.io/v1',
      '/apis/networking.k8s.io/v1',
      '/apis/rbac.authorization.k8s.io/v1',
      '/apis/security.istio.io/v1',
    ])
  })

  it('looks up kinds the rules read that it does not know, by name in every group', async () => {
    api = await startFakeApiServer({objects: await fixtureObjects(['examples/cluster'])})
    const result = await loadCluster({kubeconfig: await api.writeKubeconfig(), reads: ['NetworkPolicy', 'Node', 'PodDisruptionBudget', 'Frobnicator'], env: {}})
    expect(row(result, 'Node')).to.deep.equal({apiVersion: 'v1', kind: 'Node', count: 0, status: 'ok'})
    expect(row(result, 'PodDisruptionBudget')).to.deep.equal({apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', count: 0, status: 'ok'})
    expect(row(result, 'Frobnicator')).to.deep.equal({kind: 'Frobnicator', status: 'absent', message: 'no API group of the cluster serves Frobnicator'})
    expect(result.coverage.filter((r) => r.kind === 'NetworkPolicy')).to.have.length(1)
    expect(api.requests.filter((r) => r.path === '/api/v1/nodes' || r.path === '/apis/policy/v1/poddisruptionbudgets')).to.have.length(2)
  })

  it('records the kinds of a group version whose discovery fails as errors, and reads the rest', async () => {
    api = await startFakeApiServer({objects: await fixtureObjects(['examples/cluster'])})
    api.inject({type: 'status', status: 503, times: 10, match: /^\/apis\/networking\.istio\.io\/v1$/})
    const result = await loadCluster({kubeconfig: await api.writeKubeconfig(), retries: 1, retryDelayMs: 10, env: {}})
    expect(row(result, 'DestinationRule')).to.deep.equal({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      status: 'error',
      message: 'discovery of /apis/networking.istio.io/v1 failed: an error on the server ("") has prevented the request from succeeding',
    })
    expect(row(result, 'PeerAuthentication')).to.include({status: 'ok', count: 4})
  })

  it('stops with a UserError when the server refuses discovery', async () => {
    api = await startFakeApiServer({objects: []})
    api.inject({type: 'status', status: 403, match: /^\/api$/})
    const error = await loadCluster({kubeconfig: await api.writeKubeconfig(), env: {}}).catch((e: unknown) => e)
    expect(error).to.be.instanceOf(UserError)
    expect((error as Error).message).to.match(/refuses API discovery \(GET \/api\) to context fake/)
  })

  it('stops with a UserError when discovery keeps failing on the server side', async () => {
    api = await startFakeApiServer({objects: []})
    api.inject({type: 'status', status: 503, times: 2, match: /^\/api$/})
    const error = await loadCluster({kubeconfig: await api.writeKubeconfig(), retries: 1, retryDelayMs: 10, env: {}}).catch((e: unknown) => e)
    expect(error).to.be.instanceOf(UserError)
    expect((error as Error).message).to.equal(`${api.url} answered GET /api with HTTP 503 (context fake): an error on the server ("") has prevented the request from succeeding`)
  })

  it('stops with a UserError when the server is no Kubernetes API server', async () => {
    api = await startFakeApiServer({objects: []})
    api.inject({type: 'status', status: 404, match: /^\/api$/})
    const error = await loadCluster({kubeconfig: await api.writeKubeconfig(), env: {}}).catch((e: unknown) => e)
    expect(error).to.be.instanceOf(UserError)
    expect((error as Error).message).to.match(/does not answer \/api as a Kubernetes API server/)
  })
})
