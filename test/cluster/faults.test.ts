import {expect} from 'chai'

import type {SourceResult} from '../../src/model/input.js'
import {loadCluster} from '../../src/sources/cluster/index.js'
import {type FakeApiServer, fixtureObjects, startFakeApiServer} from '../support/fake-apiserver.js'
import {expectRulesBlind, reportOf} from '../support/live-scan.js'

const EXAMPLE = 'examples/cluster'

describe('cluster source: faults on the way', () => {
  let api: FakeApiServer
  let complete: SourceResult

  const scanWith = async (options: Parameters<typeof loadCluster>[0] = {}): Promise<SourceResult> =>
    loadCluster({kubeconfig: await api.writeKubeconfig(), retryDelayMs: 10, env: {}, ...options})
  const count = (result: SourceResult, kind: string): number => result.resources.filter((r) => r.ref.kind === kind).length
  const requestsTo = (path: string) => api.requests.filter((r) => r.path === path)

  before(async () => {
    api = await startFakeApiServer({objects: await fixtureObjects([EXAMPLE]), pageCap: 4})
    complete = await scanWith()
  })
  after(() => api.close())
  beforeEach(() => {
    api.requests.length = 0
  })

  it('waits as long as Retry-After says after 429 and then reads the list', async () => {
    api.inject({type: 'status', status: 429, retryAfter: '1', match: '/apis/networking.k8s.io/v1/networkpolicies'})
    const started = Date.now()
    const result = await scanWith()
    expect(Date.now() - started).to.be.at.least(950)
    expect(requestsTo('/apis/networking.k8s.io/v1/networkpolicies').map((r) => r.status)).to.deep.equal([429, 200, 200, 200, 200])
    expect(count(result, 'NetworkPolicy')).to.equal(14)
  })

  it('retries 500 and 503 with back-off', async () => {
    api.inject({type: 'status', status: 500, times: 2, match: '/api/v1/serviceaccounts'}, {type: 'status', status: 503, match: '/apis/apps/v1/deployments'})
    const result = await scanWith()
    expect(requestsTo('/api/v1/serviceaccounts').slice(0, 3).map((r) => r.status)).to.deep.equal([500, 500, 200])
    expect(count(result, 'ServiceAccount')).to.equal(19)
    expect(count(result, 'Deployment')).to.equal(13)
    expect(result.coverage).to.deep.equal(complete.coverage)
  })

  it('abandons an answer slower than the request timeout and asks again', async () => {
    api.inject({type: 'slow', delayMs: 3000, match: '/apis/apps/v1/statefulsets'})
    const result = await scanWith({requestTimeoutMs: 300})
    expect(requestsTo('/apis/apps/v1/statefulsets')).to.have.length(2)
    expect(count(result, 'StatefulSet')).to.equal(2)
  })

  it('survives dropped connections, in discovery and in the middle of a list', async () => {
    api.inject({type: 'drop', match: /^\/apis$/}, {type: 'drop', match: /\/api\/v1\/services\?.*continue/})
    const result = await scanWith()
    expect(requestsTo('/apis').map((r) => r.status)).to.deep.equal([-1, 200])
    expect(count(result, 'Service')).to.equal(15)
    expect(result.coverage).to.deep.equal(complete.coverage)
  })

  it('starts a list again from the top when its continue token has expired (410 Gone)', async () => {
    api.inject({type: 'expire', match: '/api/v1/serviceaccounts'})
    const result = await scanWith()
    const pages = requestsTo('/api/v1/serviceaccounts')
    expect(pages.map((r) => r.status)).to.deep.equal([200, 410, 200, 200, 200, 200, 200])
    expect(pages.map((r) => 'continue' in r.query)).to.deep.equal([false, true, false, true, true, true, true])
    // the pages read before the restart are not counted twice
    expect(count(result, 'ServiceAccount')).to.equal(19)
    expect(result.resources.map((r) => r.ref)).to.deep.equal(complete.resources.map((r) => r.ref))
  })

  it('records a list that keeps failing as an error, and the rules that read it skip', async () => {
    api.inject({type: 'status', status: 500, times: 3, match: '/apis/networking.k8s.io/v1/networkpolicies'})
    const result = await scanWith({retries: 2})
    const row = result.coverage.find((r) => r.kind === 'NetworkPolicy')
    expect(row).to.deep.include({apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', status: 'error'})
    expect(row?.message).to.contain('an error on the server')
    expect(count(result, 'NetworkPolicy')).to.equal(0)
    expect(count(result, 'Deployment')).to.equal(13)
    const report = await reportOf(result)
    await expectRulesBlind(report, 'NetworkPolicy')
    // rules on namespaces and workloads still have subjects, and skip them; rules on policies have none left
    expect(report.checks.find((t) => t.ruleId === 'ZT-NET-001')?.skip).to.be.greaterThan(5)
  })

  it('gives up on a list whose token keeps expiring', async () => {
    api.inject({type: 'expire', times: 10, match: '/api/v1/serviceaccounts'})
    const result = await scanWith()
    expect(result.coverage.find((r) => r.kind === 'ServiceAccount')).to.deep.include({status: 'error'})
    expect(result.coverage.find((r) => r.kind === 'ServiceAccount')?.message).to.match(/expired 4 times/)
    expect(requestsTo('/api/v1/serviceaccounts').filter((r) => r.status === 410)).to.have.length(4)
  })
})
