import {runCommand} from '@oclif/test'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import {expect} from 'chai'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import type {AuditReport} from '../../src/model/report.js'
import {FORMATS} from '../../src/reporters/index.js'
import {loadScenario, scenarioFile, SCENARIOS} from '../fixtures/reports/scenarios.js'

const CONTRACT = process.env.ZT_AUDIT_CONTRACT ?? path.resolve('..', 'shared', 'contract', 'report.schema.json')

const outDir = (): string => mkdtempSync(path.join(tmpdir(), 'zt-report-'))

function writeJson(value: unknown): string {
  const file = path.join(outDir(), 'report.json')
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value))
  return file
}

async function failure(args: string[]): Promise<{exit: number | undefined; stderr: string}> {
  const {error, stderr} = await runCommand(['report', ...args, '--output-dir', outDir()])
  return {exit: error?.oclif?.exit, stderr}
}

describe('zt-audit report', () => {
  it('re-renders a saved report as HTML and PDF by default, without scanning', async () => {
    const dir = outDir()
    const {stdout, error} = await runCommand(['report', scenarioFile('mixed'), '--output-dir', dir])
    expect(error).to.equal(undefined)
    expect(stdout).to.contain(`Wrote ${path.join(dir, 'zt-audit.html')}`)
    expect(stdout).to.contain(`Wrote ${path.join(dir, 'zt-audit.pdf')}`)
    expect(readFileSync(path.join(dir, 'zt-audit.html'), 'utf8')).to.contain('data-stat="open-findings" data-value="30"')
    expect(readFileSync(path.join(dir, 'zt-audit.pdf')).subarray(0, 5).toString()).to.equal('%PDF-')
  })

  it('writes any registered format and prints the console summary', async () => {
    expect(FORMATS).to.include.members(['html', 'pdf', 'json', 'console'])
    const dir = outDir()
    const {stdout, error} = await runCommand(['report', scenarioFile('live-cluster'), '--format', 'json,console', '--output-dir', dir])
    expect(error).to.equal(undefined)
    expect(stdout).to.match(/Score 82\.4 \(B\)/)
    expect(stdout).to.contain('Not assessed — 2 kind(s) could not be read')
    const json = JSON.parse(readFileSync(path.join(dir, 'zt-audit.json'), 'utf8')) as AuditReport
    expect(json).to.deep.equal(loadScenario('live-cluster'))
  })

  it('completes the optional parts a minimal report leaves out', async () => {
    const minimal = {
      schemaVersion: '1',
      tool: {name: 'zt-audit', version: '0.0.1'},
      scan: {source: 'manifests', target: 'old.yaml', objectsScanned: 2, coverage: []},
      score: {value: 40, grade: 'F'},
      summary: {bySeverity: {high: 1}, byCategory: {'default-deny': 1}},
      findings: [{fingerprint: 'f', ruleId: 'ZT-NET-001', category: 'default-deny', severity: 'high', title: 'No default deny', message: 'Namespace a has no policy.', resource: {kind: 'Namespace', name: 'a'}}],
    }
    const dir = outDir()
    const {error} = await runCommand(['report', writeJson(minimal), '--format', 'html,pdf,json', '--output-dir', dir])
    expect(error).to.equal(undefined)
    expect(readFileSync(path.join(dir, 'zt-audit.html'), 'utf8')).to.contain('Namespace a has no policy.')
    const json = JSON.parse(readFileSync(path.join(dir, 'zt-audit.json'), 'utf8')) as AuditReport
    expect(json.summary.bySeverity).to.deep.equal({critical: 0, high: 1, medium: 0, low: 0, info: 0})
    expect(json.exceptions).to.deep.equal([])
    expect(existsSync(path.join(dir, 'zt-audit.pdf'))).to.equal(true)
  })

  it('exits 2 with one line naming the file when it is not a zt-audit report', async () => {
    const cases: [string, RegExp][] = [
      [path.join(outDir(), 'missing.json'), /^zt-audit: cannot read report .*missing\.json: ENOENT\n$/],
      [writeJson('{"schemaVersion": "1", '), /^zt-audit: .*report\.json is not JSON: /],
      [writeJson({schemaVersion: '2', tool: {name: 'zt-audit', version: '9'}, findings: []}), /is not a zt-audit report \(schemaVersion 1\)/],
      [writeJson({kind: 'List', items: []}), /is not a zt-audit report \(schemaVersion 1\)/],
      [writeJson({schemaVersion: '1', tool: {name: 'zt-audit', version: '1'}, findings: []}), /is not a usable zt-audit report: scan is missing\n$/],
    ]
    for (const [file, message] of cases) {
      const {exit, stderr} = await failure([file])
      expect(exit, file).to.equal(2)
      expect(stderr).to.match(message)
      expect(stderr.trimEnd().split('\n')).to.have.length(1)
    }
  })

  it('names the first damaged field of a report by its path', async () => {
    const report = loadScenario('mixed') as unknown as {findings: Record<string, unknown>[]}
    report.findings[3].severity = 'urgent'
    const {exit, stderr} = await failure([writeJson(report)])
    expect(exit).to.equal(2)
    expect(stderr).to.contain('is not a usable zt-audit report: findings[3].severity is "urgent", not one of critical, high, medium, low, info')
  })

  it('refuses to overwrite the report it reads', async () => {
    const dir = outDir()
    const file = path.join(dir, 'zt-audit.json')
    writeFileSync(file, readFileSync(scenarioFile('empty')))
    const {error, stderr} = await runCommand(['report', file, '--format', 'json', '--output-dir', dir])
    expect(error?.oclif?.exit).to.equal(2)
    expect(stderr).to.contain('would overwrite')
  })

  it('uses fixtures that are valid against the JSON contract', function () {
    if (!existsSync(CONTRACT)) this.skip()
    const ajv = new Ajv2020({allErrors: true, strict: false})
    addFormats.default(ajv)
    const validate = ajv.compile(JSON.parse(readFileSync(CONTRACT, 'utf8')) as object)
    for (const name of SCENARIOS) expect(validate(loadScenario(name)), `${name}: ${ajv.errorsText(validate.errors)}`).to.equal(true)
  })
})
