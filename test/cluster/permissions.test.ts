import {expect} from 'chai'

import {UserError} from '../../src/errors.js'
import {loadCluster} from '../../src/sources/cluster/index.js'
import {type FakeApiServer, fixtureObjects, startFakeApiServer} from '../support/fake-apiserver.js'
import {expectRulesBlind, reportOf} from '../support/live-scan.js'

const EXAMPLE = 'examples/cluster'

/** Everything written to standard output and error while `task` runs. */
async function captureOutput<T>(task: () => Promise<T>): Promise<{value: T; output: string}> {
  let output = ''
  const writes = {out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr)}
  const capture = (chunk: string | Uint8Array): boolean => {
    output += String(chunk)
    return true
  }
  process.stdout.write = capture
  process.stderr.write = capture
  try {
    return {value: await task(), output}
  } finally {
    process.stdout.write = writes.out
    process.stderr.write = writes.err
  }
}

describe('cluster source: partial permissions', () => {
  let api: FakeApiServer

  afterEach(() => api.close())

  it('records a 403 as forbidden, says nothing itself, and goes on with the other kinds', async () => {
    api = await startFakeApiServer({objects: await fixtureObjects([EXAMPLE]), forbidden: ['networking.k8s.io/networkpolicies', 'security.istio.io/peerauthentications']})
    const kubeconfig = await api.writeKubeconfig()
    const {value: result, output} = await captureOutput(() => loadCluster({kubeconfig, env: {}}))
    expect(output).to.equal('')
    const row = result.coverage.find((r) => r.kind === 'NetworkPolicy')
    expect(row).to.deep.equal({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      status: 'forbidden',
      message: 'networkpolicies.networking.k8s.io is forbidden: User "tester" cannot list resource "networkpolicies" in API group "networking.k8s.io" at the cluster scope',
    })
    expect(result.coverage.find((r) => r.kind === 'PeerAuthentication')).to.include({status: 'forbidden'})
    expect(result.coverage.find((r) => r.kind === 'Deployment')).to.include({status: 'ok', count: 13})
    expect(result.resources.some((r) => r.ref.kind === 'NetworkPolicy')).to.equal(false)
  })

  it('makes the rules that read a forbidden kind skip, never pass', async () => {
    api = await startFakeApiServer({objects: await fixtureObjects([EXAMPLE]), forbidden: ['networking.k8s.io/networkpolicies']})
    const report = await reportOf(await loadCluster({kubeconfig: await api.writeKubeconfig(), env: {}}))
    await expectRulesBlind(report, 'NetworkPolicy')
    expect(report.checks.find((t) => t.ruleId === 'ZT-NET-001')?.skip).to.be.greaterThan(5)
    expect(report.scan.coverage.find((r) => r.kind === 'NetworkPolicy')).to.include({status: 'forbidden'})
  })

  it('marks a kind forbidden when one of the namespaces the scan is limited to refuses it', async () => {
    api = await startFakeApiServer({objects: await fixtureObjects([EXAMPLE]), forbidden: ['pods@payments']})
    const result = await loadCluster({kubeconfig: await api.writeKubeconfig(), namespaces: ['shop', 'payments'], env: {}})
    const row = result.coverage.find((r) => r.kind === 'Pod')
    expect(row).to.include({status: 'forbidden'})
    expect(row?.message).to.match(/in the namespace "payments".*\(namespace payments\)$/)
    expect(result.coverage.find((r) => r.kind === 'Service')).to.include({status: 'ok'})
  })

  it('stops with a UserError when nothing at all could be read', async () => {
    const everything = ['namespaces', 'pods', 'services', 'serviceaccounts', 'configmaps', 'secrets', 'replicationcontrollers']
    const groups = ['apps/deployments', 'apps/statefulsets', 'apps/daemonsets', 'apps/replicasets', 'batch/jobs', 'batch/cronjobs']
    const more = ['networking.k8s.io/networkpolicies', 'networking.k8s.io/ingresses', 'networking.k8s.io/ingressclasses']
    const rbac = ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'].map((r) => `rbac.authorization.k8s.io/${r}`)
    const istio = ['security.istio.io/peerauthentications', 'security.istio.io/authorizationpolicies']
    const istioNet = ['destinationrules', 'serviceentries', 'sidecars', 'gateways', 'virtualservices'].map((r) => `networking.istio.io/${r}`)
    api = await startFakeApiServer({objects: await fixtureObjects([EXAMPLE]), forbidden: [...everything, ...groups, ...more, ...rbac, ...istio, ...istioNet]})
    const error = await loadCluster({kubeconfig: await api.writeKubeconfig(), env: {}}).catch((e: unknown) => e)
    expect(error).to.be.instanceOf(UserError)
    expect((error as UserError).message).to.match(/^nothing could be read from https:\/\/127\.0\.0\.1:\d+ \(context fake\): \d+ of \d+ lists were refused or failed \(first: Namespace: namespaces is forbidden/)
    expect((error as UserError).exitCode).to.equal(2)
  })
})

describe('zt-audit scan of a cluster with partial permissions', () => {
  it('warns on standard error about each kind it could not read, and shows the gap in the console summary', async () => {
    const {runCommand} = await import('@oclif/test')
    const {mkdtempSync} = await import('node:fs')
    const {tmpdir} = await import('node:os')
    const path = await import('node:path')
    const api = await startFakeApiServer({objects: await fixtureObjects([EXAMPLE]), forbidden: ['networking.k8s.io/networkpolicies']})
    try {
      const out = mkdtempSync(path.join(tmpdir(), 'zt-live-'))
      const {stdout, stderr} = await runCommand(['scan', '--kubeconfig', await api.writeKubeconfig(), '--format', 'console', '--output-dir', out, '--now', '2026-06-01T00:00:00Z'])
      expect(stderr).to.match(/zt-audit: warning: could not read NetworkPolicy \(forbidden: .*\); rules that need it were skipped/)
      expect(stdout).to.contain('Not assessed — 1 kind(s) could not be read:')
    } finally {
      process.exitCode = undefined
      await api.close()
    }
  })
})
