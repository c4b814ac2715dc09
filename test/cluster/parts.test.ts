import {expect} from 'chai'

import type {Resource} from '../../src/model/resource.js'
import {configNamespaces} from '../../src/sources/cluster/config-namespaces.js'
import {limiter} from '../../src/sources/cluster/limiter.js'
import {retryAfterMs, withRetries} from '../../src/sources/cluster/retry.js'
import {keepTlsCertificate} from '../../src/sources/cluster/secrets.js'
import {TransportError, type RawResponse} from '../../src/sources/cluster/transport.js'
import {toResource} from '../../src/sources/resource.js'

const origin = {type: 'cluster', context: 'test'} as const
const deployment = (namespace: string, image: string): Resource =>
  toResource({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'x', namespace}, spec: {template: {spec: {containers: [{name: 'c', image}]}}}}, origin)

describe('cluster source parts', () => {
  describe('retryAfterMs', () => {
    it('reads seconds and HTTP dates, and caps long waits', () => {
      expect(retryAfterMs({'retry-after': '2'})).to.equal(2000)
      expect(retryAfterMs({'retry-after': new Date(10_000).toUTCString()}, 4000)).to.equal(6000)
      expect(retryAfterMs({'retry-after': '3600'})).to.equal(60_000)
      expect(retryAfterMs({'retry-after': 'soon'})).to.equal(undefined)
      expect(retryAfterMs({})).to.equal(undefined)
    })
  })

  describe('withRetries', () => {
    const answer = (status: number, headers = {}): RawResponse => ({status, headers, body: Buffer.from('{}')})
    const waits: number[] = []
    const policy = {retries: 3, baseDelayMs: 100, maxDelayMs: 1000, sleep: (ms: number) => Promise.resolve(void waits.push(ms))}
    beforeEach(() => {
      waits.length = 0
    })

    it('retries 429 after Retry-After and 5xx with growing back-off', async () => {
      const answers = [answer(429, {'retry-after': '3'}), answer(502), answer(503), answer(200)]
      const response = await withRetries(() => Promise.resolve(answers.shift()!), policy)
      expect(response.status).to.equal(200)
      expect(waits[0]).to.equal(3000)
      expect(waits[1]).to.be.within(150, 200)
      expect(waits[2]).to.be.within(300, 400)
    })

    it('hands back the last answer when retries are spent, and does not retry a 403', async () => {
      expect((await withRetries(() => Promise.resolve(answer(500)), policy)).status).to.equal(500)
      expect(waits).to.have.length(3)
      waits.length = 0
      expect((await withRetries(() => Promise.resolve(answer(403)), policy)).status).to.equal(403)
      expect(waits).to.deep.equal([])
    })

    it('retries resets but not TLS failures', async () => {
      let calls = 0
      const reset = () => Promise.reject(new TransportError('ECONNRESET', 'socket hang up')).finally(() => calls++)
      await withRetries(reset, policy).catch(() => undefined)
      expect(calls).to.equal(4)
      calls = 0
      const tls = () => Promise.reject(new TransportError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed')).finally(() => calls++)
      await withRetries(tls, policy).catch(() => undefined)
      expect(calls).to.equal(1)
    })
  })

  describe('limiter', () => {
    it('never runs more than its limit at once, and runs everything', async () => {
      const run = limiter(3)
      let running = 0
      let most = 0
      const done = await Promise.all(
        Array.from({length: 20}, (_, i) =>
          run(async () => {
            most = Math.max(most, ++running)
            await new Promise((resolve) => setTimeout(resolve, 1 + (i % 4)))
            running--
            return i
          }),
        ),
      )
      expect(most).to.equal(3)
      expect(done).to.deep.equal(Array.from({length: 20}, (_, i) => i))
    })
  })

  describe('keepTlsCertificate', () => {
    it('keeps the certificate and the naming metadata of a TLS secret', () => {
      const kept = keepTlsCertificate({
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/tls',
        metadata: {name: 'web', namespace: 'shop', uid: 'u', annotations: {'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"tls.key":"…"}}'}, managedFields: []},
        data: {'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5', 'ca.crt': 'Y2E='},
      })
      expect(kept).to.deep.equal({apiVersion: 'v1', kind: 'Secret', metadata: {name: 'web', namespace: 'shop'}, type: 'kubernetes.io/tls', data: {'tls.crt': 'Y2VydA=='}})
    })

    it('drops every other secret whole', () => {
      expect(keepTlsCertificate({kind: 'Secret', type: 'Opaque', metadata: {name: 'db'}, data: {password: 'cA=='}})).to.equal(undefined)
      expect(keepTlsCertificate('not an object')).to.equal(undefined)
    })
  })

  describe('configNamespaces', () => {
    it('reads the default control-plane namespaces that exist and wherever istiod or ingress-nginx runs', () => {
      const resources = [deployment('mesh', 'gcr.io/istio-release/pilot:1.22.0-distroless'), deployment('edge', 'registry.k8s.io/ingress-nginx/controller:v1.9.4@sha256:abc'), deployment('shop', 'nginx:1.27')]
      expect(configNamespaces(resources, new Set(['istio-system', 'mesh', 'edge', 'shop']))).to.deep.equal(['edge', 'istio-system', 'mesh'])
      expect(configNamespaces([], undefined)).to.deep.equal(['ingress-nginx', 'istio-system'])
    })
  })
})
