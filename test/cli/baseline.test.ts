import {runCommand} from '@oclif/test'
import {expect} from 'chai'
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import type {AuditReport} from '../../src/model/report.js'

const NOW = '2026-06-01T00:00:00Z'

/** Two versions of the example cluster: the second fixes shop's egress and opens a new hole in payments. */
function twoVersions(): {dir: string; before: string; after: string} {
  const dir = mkdtempSync(path.join(tmpdir(), 'zt-baseline-'))
  const before = path.join(dir, 'before')
  const after = path.join(dir, 'after')
  cpSync('examples/cluster', before, {recursive: true})
  cpSync('examples/cluster', after, {recursive: true})
  const shop = path.join(after, 'shop', 'networkpolicies.yaml')
  // frontend's `egress: [{}]` is narrowed to the cart service
  writeFileSync(shop, readFileSync(shop, 'utf8').replace(/egress:\n(\s+)- \{\}\n/, 'egress:\n$1- to: [{podSelector: {matchLabels: {app: cart}}}]\n'))
  writeFileSync(path.join(after, 'payments', 'open.yaml'), `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: debug-egress, namespace: payments}
spec:
  podSelector: {matchLabels: {app: payments-api}}
  policyTypes: [Egress]
  egress:
    - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
`)
  return {dir, before, after}
}

async function scanTo(manifests: string, out: string, ...extra: string[]): Promise<{report: AuditReport; exit: unknown; stderr: string}> {
  const {stdout, stderr} = await runCommand(['scan', '--manifests', manifests, '--json', '--now', NOW, '--output-dir', out, ...extra])
  const exit = process.exitCode
  process.exitCode = undefined
  return {report: JSON.parse(stdout) as AuditReport, exit, stderr}
}

describe('baselines and diff', () => {
  let versions: ReturnType<typeof twoVersions>
  before(() => {
    versions = twoVersions()
  })
  after(() => rmSync(versions.dir, {recursive: true, force: true}))
  afterEach(() => {
    process.exitCode = undefined
  })

  it('marks findings new or existing against a baseline, lists the fixed ones, and gates on new findings only', async () => {
    const out = path.join(versions.dir, 'out')
    await runCommand(['scan', '--manifests', versions.before, '--format', 'json', '--now', NOW, '--output-dir', out])
    const baseline = path.join(out, 'zt-audit.json')
    const {report, exit} = await scanTo(versions.after, path.join(versions.dir, 'out2'), '--baseline', baseline, '--fail-on-new', 'high')
    const fresh = report.findings.filter((f) => f.baseline === 'new').map((f) => `${f.ruleId} ${f.resource.namespace}/${f.resource.name}`)
    expect(fresh).to.include('ZT-EGR-001 payments/debug-egress')
    expect(report.findings.filter((f) => f.baseline === 'existing').length).to.be.greaterThan(10)
    expect(report.baseline?.fixed.map((f) => `${f.ruleId} ${f.resource}`)).to.include('ZT-EGR-002 NetworkPolicy/shop/frontend')
    expect(exit).to.equal(1)

    // the same scan against itself has nothing new, so --fail-on-new passes although high findings exist
    const again = await scanTo(versions.after, path.join(versions.dir, 'out3'), '--format', 'json')
    const self = path.join(versions.dir, 'self.json')
    writeFileSync(self, JSON.stringify(again.report))
    const same = await scanTo(versions.after, path.join(versions.dir, 'out4'), '--baseline', self, '--fail-on-new', 'high')
    expect(same.report.baseline?.new).to.equal(0)
    expect(same.exit).to.equal(undefined)
  })

  it('refuses --fail-on-new without a baseline', async () => {
    const {error, stderr} = await runCommand(['scan', '--manifests', versions.after, '--fail-on-new', 'high', '--output-dir', path.join(versions.dir, 'o')])
    expect(error?.oclif?.exit).to.equal(2)
    expect(stderr).to.contain('--fail-on-new needs --baseline')
  })

  it('diffs two saved reports: new, fixed, score change, written as JSON and Markdown', async () => {
    const out = path.join(versions.dir, 'diff')
    const a = path.join(versions.dir, 'a.json')
    const b = path.join(versions.dir, 'b.json')
    writeFileSync(a, JSON.stringify((await scanTo(versions.before, out)).report))
    writeFileSync(b, JSON.stringify((await scanTo(versions.after, out)).report))
    const {stdout} = await runCommand(['diff', a, b, '--output-dir', out])
    expect(stdout).to.match(/^Score [\d.]+ → [\d.]+ \([+-]?[\d.]+\)\n1 new, 1 fixed, \d+ changed severity, \d+ unchanged/)
    expect(stdout).to.contain('+ HIGH     ZT-EGR-001  NetworkPolicy/payments/debug-egress')
    expect(stdout).to.contain('- HIGH     ZT-EGR-002  NetworkPolicy/shop/frontend')
    const diff = JSON.parse(readFileSync(path.join(out, 'zt-audit-diff.json'), 'utf8')) as {added: unknown[]; fixed: unknown[]}
    expect(diff.added).to.have.length(1)
    expect(readFileSync(path.join(out, 'zt-audit-diff.md'), 'utf8')).to.contain('### New findings')
    const gate = await runCommand(['diff', a, b, '--output-dir', out, '--fail-on-new', 'high'])
    expect(gate.error).to.equal(undefined)
    expect(process.exitCode).to.equal(1)
  })

  it('says clearly when a file is not a zt-audit report', async () => {
    const bogus = path.join(versions.dir, 'bogus.json')
    writeFileSync(bogus, '{"hello": "world"}')
    const {error, stderr} = await runCommand(['diff', bogus, bogus])
    expect(error?.oclif?.exit).to.equal(2)
    expect(stderr).to.contain('is not a zt-audit report')
  })
})
