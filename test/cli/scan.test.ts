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
const EXAMPLE = 'examples/cluster'

function outDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'zt-out-'))
}

async function scanJson(args: string[]): Promise<{report: AuditReport; stdout: string; exit: number | undefined}> {
  const {stdout, error} = await runCommand(['scan', '--json', '--now', NOW, '--output-dir', outDir(), ...args])
  if (error && !('oclif' in error)) throw error
  return {report: JSON.parse(stdout) as AuditReport, stdout, exit: process.exitCode as number | undefined}
}

describe('zt-audit scan', () => {
  afterEach(() => {
    // scan sets 1 when --fail-on trips; it must not leak into the test runner's own exit status
    process.exitCode = undefined
  })

  it('prints a report valid against the JSON contract with --json', async function () {
    if (!existsSync(CONTRACT)) this.skip()
    const {report} = await scanJson(['--manifests', EXAMPLE])
    const ajv = new Ajv2020({allErrors: true, strict: false})
    addFormats.default(ajv)
    const validate = ajv.compile(JSON.parse(readFileSync(CONTRACT, 'utf8')) as object)
    expect(validate(report), ajv.errorsText(validate.errors)).to.equal(true)
    expect(report.findings.length).to.be.greaterThan(0)
    expect(report.findings.every((f) => f.location?.file.startsWith('examples/cluster/'))).to.equal(true)
  })

  it('gives byte-identical JSON for the same input with --now', async () => {
    const first = await scanJson(['--manifests', EXAMPLE])
    const second = await scanJson(['--manifests', EXAMPLE])
    expect(second.stdout).to.equal(first.stdout)
    expect(first.report.scan.startedAt).to.equal('2026-06-01T00:00:00.000Z')
    expect(first.report.scan).to.not.have.property('durationMs')
  })

  it('writes reports/zt-audit.json with --format json and prints the console summary', async () => {
    const dir = outDir()
    const {stdout, error} = await runCommand(['scan', '--manifests', EXAMPLE, '--format', 'console,json', '--output-dir', dir, '--now', NOW])
    expect(error).to.equal(undefined)
    const written = JSON.parse(readFileSync(path.join(dir, 'zt-audit.json'), 'utf8')) as AuditReport
    expect(written.schemaVersion).to.equal('1')
    expect(stdout).to.match(/Score \d+(\.\d)? \([A-F]\)/)
    expect(stdout).to.contain('By severity:')
    expect(stdout).to.match(/ZT-NET-00\d .*examples\/cluster\/\S+:\d+/)
    expect(stdout).to.not.contain('\u001B[') // no colour when not on a terminal
  })

  it('exits 1 when a finding reaches --fail-on, 0 otherwise', async () => {
    const failing = await scanJson(['--manifests', EXAMPLE, '--fail-on', 'low'])
    expect(failing.exit).to.equal(1)
    process.exitCode = undefined
    const dir = mkdtempSync(path.join(tmpdir(), 'zt-clean-'))
    writeFileSync(path.join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: kube-system}\n')
    const clean = await scanJson(['--manifests', dir, '--fail-on', 'low'])
    expect(clean.exit).to.equal(undefined)
  })

  it('exits 2 with a one-line message for a path that does not exist', async () => {
    const {error, stderr} = await runCommand(['scan', '--manifests', 'no/such/dump.yaml', '--output-dir', outDir()])
    expect(error?.oclif?.exit).to.equal(2)
    expect(stderr).to.match(/^zt-audit: no such file or folder: no\/such\/dump\.yaml — pass a manifest file, .*\n$/)
    expect(stderr.trimEnd().split('\n')).to.have.length(1)
  })

  it('exits 2 when the input holds no Kubernetes object', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zt-none-'))
    writeFileSync(path.join(dir, 'values.yaml'), 'replicaCount: 2\nimage: {tag: "1.0"}\n')
    const {error, stderr} = await runCommand(['scan', '--manifests', dir, '--output-dir', outDir()])
    expect(error?.oclif?.exit).to.equal(2)
    expect(stderr).to.match(/no Kubernetes objects found .*1 document\(s\) were not Kubernetes objects/)
  })

  it('reports unreadable input with file and line, and scans the rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zt-bad-'))
    writeFileSync(path.join(dir, 'good.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n')
    writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: [unclosed\n')
    writeFileSync(path.join(dir, 'blob.yaml'), Buffer.from([0x00, 0x01, 0x02, 0xff]))
    const {report} = await scanJson(['--manifests', dir])
    expect(report.scan.objectsScanned).to.equal(1)
    const files = report.errors.map((e) => `${path.basename(e.file ?? '')}:${e.line ?? ''}`).sort()
    expect(files).to.deep.equal(['bad.yaml:5', 'blob.yaml:1'])
    expect(report.findings.some((f) => f.resource.name === 'shop')).to.equal(true)
  })

  it('exits 2 for a clock that is not a date', async () => {
    const {error, stderr} = await runCommand(['scan', '--manifests', EXAMPLE, '--now', 'yesterday', '--output-dir', outDir()])
    expect(error?.oclif?.exit).to.equal(2)
    expect(stderr).to.contain('--now yesterday is not an ISO-8601 date')
  })

  it('exits 2 and names the file for a malformed plug-in', async () => {
    const {error, stderr} = await runCommand(['scan', '--manifests', EXAMPLE, '--rules-dir', 'test/fixtures/plugins/malformed', '--output-dir', outDir()])
    expect(error?.oclif?.exit).to.equal(2)
    expect(stderr).to.contain('broken.js')
  })

  it('runs plug-in rules next to the built-in ones', async () => {
    const {report} = await scanJson(['--manifests', EXAMPLE, '--rules-dir', 'test/fixtures/plugins/good'])
    expect(report.scan.rules).to.include('ZT-ORG-001')
    expect(report.summary.byCategory).to.have.property('org-policy')
  })

  it('keeps suppressed findings in the report and reports expired exceptions', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zt-cfg-'))
    const config = path.join(dir, 'zt.yaml')
    writeFileSync(config, `exceptions:
  - rule: ZT-NET-00*
    resource: {kind: Namespace, name: monitoring}
    reason: migration to the new monitoring stack
    owner: observability
    expires: 2026-12-31
  - rule: ZT-NET-002
    resource: Namespace/shop
    reason: old ticket
    expires: 2026-01-01
`)
    const {report} = await scanJson(['--manifests', EXAMPLE, '--config', config])
    const suppressed = report.findings.filter((f) => f.suppressed)
    expect(suppressed.length).to.be.greaterThan(0)
    expect(suppressed.every((f) => f.resource.name === 'monitoring')).to.equal(true)
    expect(report.summary.suppressed).to.equal(suppressed.length)
    expect(report.exceptions.map((e) => e.status)).to.deep.equal(['active', 'expired'])
  })

  it('limits the scan to --namespace', async () => {
    const {report} = await scanJson(['--manifests', EXAMPLE, '--namespace', 'payments'])
    const namespaces = new Set(report.findings.map((f) => f.resource.namespace ?? (f.resource.kind === 'Namespace' ? f.resource.name : undefined)))
    expect([...namespaces].filter((n) => n !== undefined && n !== 'payments')).to.deep.equal([])
    expect(report.scan.namespaces.scanned).to.deep.equal(['payments'])
  })
})

describe('zt-audit rules', () => {
  it('lists every rule with id, category, severity and title', async () => {
    const {stdout} = await runCommand(['rules'])
    expect(stdout.split('\n')[0]).to.match(/^ID\s+CATEGORY\s+SEVERITY\s+TITLE/)
    expect(stdout).to.match(/ZT-NET-001\s+default-deny\s+high\s+Namespace has no default-deny ingress NetworkPolicy/)
    const list = await runCommand(['rules', 'list'])
    expect(list.stdout).to.equal(stdout)
  })

  it('shows a rule\'s documentation', async () => {
    const {stdout} = await runCommand(['rules', 'show', 'ZT-EGR-001'])
    expect(stdout).to.contain('# ZT-EGR-001: NetworkPolicy allows egress to any address')
    expect(stdout).to.contain('## How to fix it')
    const missing = await runCommand(['rules', 'show', 'ZT-NOPE-999'])
    expect(missing.error?.oclif?.exit).to.equal(2)
    expect(missing.stderr).to.contain('no rule ZT-NOPE-999')
  })
})
