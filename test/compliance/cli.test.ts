// The command line of issue 7: `zt-audit frameworks`, `frameworks show ID`, and scan's --framework,
// --frameworks-dir, --min-score and SARIF output.
import {runCommand} from '@oclif/test'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import {expect} from 'chai'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import type {AuditReport} from '../../src/model/report.js'

const CONTRACT = process.env.ZT_AUDIT_CONTRACT ?? path.resolve('..', 'shared', 'contract', 'report.schema.json')
const NOW = '2026-06-01T00:00:00Z'
const FIXTURE = 'test/fixtures/sarif/multi-doc.yaml'

function outDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'zt-out-'))
}

describe('zt-audit frameworks', () => {
  it('lists every framework with its controls and how many the rules assess', async () => {
    const {stdout, error} = await runCommand(['frameworks'])
    expect(error).to.equal(undefined)
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).to.match(/^ID\s+CONTROLS\s+AUTOMATED\s+MANUAL\s+NOT-ASSESSED\s+NAME$/)
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).to.deep.equal(['cis-k8s', 'nist-800-204a', 'nist-800-204b', 'nist-800-207', 'nist-800-53', 'nsa-cisa', 'pci-dss'])
    expect(stdout).to.match(/^cis-k8s\s+34\s+\d+\s+\d+\s+\d+\s+CIS Kubernetes Benchmark, v1\.12/m)
    const {stdout: json} = await runCommand(['frameworks', 'list', '--json'])
    expect((JSON.parse(json) as {id: string}[]).map((f) => f.id)).to.include('pci-dss')
  })

  it('shows a framework’s controls with the rules covering each, or why none does', async () => {
    const {stdout} = await runCommand(['frameworks', 'show', 'cis-k8s'])
    expect(stdout).to.match(/^5\.3\.2\s+automated\s+\S*ZT-NET-001,ZT-NET-002\S*\s+Define NetworkPolicies in every namespace$/m)
    expect(stdout).to.match(/^5\.6\.1\s+manual\s+-\s+Create administrative boundaries .*\(v1\.10: 5\.7\.1\) — whether namespaces/m)
    const {stdout: mesh} = await runCommand(['frameworks', 'show', 'nist-800-204a'])
    expect(mesh).to.contain('Not catalogued (unconfirmed): SM-DR1, SM-DR3')
    const {stdout: json} = await runCommand(['frameworks', 'show', 'nsa-cisa', '--json'])
    const catalog = JSON.parse(json) as {controls: {id: string; rules: string[]; assessment: string}[]}
    const cloud = catalog.controls.find((c) => c.id === 'NSA-NS-CLOUD')
    expect(cloud?.assessment).to.equal('automated')
    expect(cloud?.rules).to.include.members(['ZT-EGR-001', 'ZT-EGR-002']).and.not.include('ZT-EGR-006')
  })

  it('exits 2 naming the known frameworks for an unknown one', async () => {
    const {error, stderr} = await runCommand(['frameworks', 'show', 'soc2'])
    expect(error?.oclif?.exit).to.equal(2)
    expect(stderr).to.match(/^zt-audit: no framework soc2; `zt-audit frameworks` lists them: cis-k8s, /)
  })
})

describe('zt-audit scan: frameworks, score gate and SARIF', () => {
  afterEach(() => {
    process.exitCode = undefined
  })

  async function scanJson(args: string[]): Promise<AuditReport> {
    const {stdout, error} = await runCommand(['scan', '--manifests', FIXTURE, '--json', '--now', NOW, '--output-dir', outDir(), ...args])
    if (error && !('oclif' in error)) throw error
    return JSON.parse(stdout) as AuditReport
  }

  it('reports every framework, per-namespace scores, and stays valid against the JSON contract', async function () {
    const report = await scanJson([])
    expect(report.frameworks?.map((f) => f.id)).to.have.length(7)
    expect(report.score.byNamespace).to.include.keys('legacy', 'partners', 'shop')
    if (!existsSync(CONTRACT)) this.skip()
    const ajv = new Ajv2020({allErrors: true, strict: false})
    addFormats.default(ajv)
    const validate = ajv.compile(JSON.parse(readFileSync(CONTRACT, 'utf8')) as object)
    expect(validate(report), ajv.errorsText(validate.errors)).to.equal(true)
  })

  it('limits the frameworks section to --framework, and refuses an unknown one', async () => {
    const report = await scanJson(['--framework', 'pci-dss', '--framework', 'cis-k8s'])
    expect(report.frameworks?.map((f) => f.id)).to.deep.equal(['pci-dss', 'cis-k8s'])
    const {error, stderr} = await runCommand(['scan', '--manifests', FIXTURE, '--framework', 'soc2', '--output-dir', outDir()])
    expect(error?.oclif?.exit).to.equal(2)
    expect(stderr).to.contain('zt-audit: unknown framework soc2; known: cis-k8s')
  })

  it('reports on catalogs from --frameworks-dir', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zt-frameworks-'))
    writeFileSync(path.join(dir, 'acme.yaml'), 'id: acme\nname: ACME baseline\nversion: "2026"\ncontrols:\n  - {id: NET-1, title: Default deny, order: 1, assessment: manual, reason: by hand}\n')
    const report = await scanJson(['--frameworks-dir', dir, '--framework', 'acme'])
    expect(report.frameworks).to.deep.equal([
      {id: 'acme', name: 'ACME baseline', version: '2026', counts: {pass: 0, fail: 0, notAssessed: 1}, controls: [{id: 'NET-1', title: 'Default deny', assessment: 'manual', rules: [], status: 'not-assessed', findings: 0, reason: 'manual: by hand'}]},
    ])
  })

  it('exits 1 when the score is below --min-score, 0 when it is not, 2 for a score that is not one', async () => {
    const {stderr} = await runCommand(['scan', '--manifests', FIXTURE, '--min-score', '99.5', '--format', 'summary', '--output-dir', outDir(), '--now', NOW])
    expect(process.exitCode).to.equal(1)
    expect(stderr).to.match(/^zt-audit: score [\d.]+ is below --min-score 99\.5: exit status 1$/m)
    process.exitCode = undefined
    await runCommand(['scan', '--manifests', FIXTURE, '--min-score', '0', '--format', 'summary', '--output-dir', outDir(), '--now', NOW])
    expect(process.exitCode).to.equal(undefined)
    const bad = await runCommand(['scan', '--manifests', FIXTURE, '--min-score', 'high', '--output-dir', outDir()])
    expect(bad.error?.oclif?.exit).to.equal(2)
    expect(bad.stderr).to.contain('zt-audit: --min-score high is not a score from 0 to 100')
  })

  it('writes reports/zt-audit.sarif with --format sarif, in the category --sarif-category names', async () => {
    const dir = outDir()
    const {stdout, error} = await runCommand(['scan', '--manifests', FIXTURE, '--format', 'sarif', '--sarif-category', 'zt-audit/prod', '--output-dir', dir, '--now', NOW])
    expect(error).to.equal(undefined)
    expect(stdout).to.contain(`Wrote ${path.join(dir, 'zt-audit.sarif')}`)
    const log = JSON.parse(readFileSync(path.join(dir, 'zt-audit.sarif'), 'utf8')) as {runs: {automationDetails: {id: string}; results: unknown[]; tool: {driver: {rules: {help: {markdown: string}}[]}}}[]}
    expect(log.runs[0].automationDetails.id).to.equal('zt-audit/prod/')
    expect(log.runs[0].results.length).to.be.greaterThan(0)
    // the rules' own documentation, not the report's summary of it
    expect(log.runs[0].tool.driver.rules[0].help.markdown).to.contain('## What it checks')
  })
})
