// SARIF output through the SARIF Multitool's validator with GitHub's ingestion rules (`--rule-kind Ghas;Sarif`).
// The tool exits 0 even when it finds errors, so its output log is read instead: any error or warning result,
// or any tool notification at error level, fails the test.
import {expect} from 'chai'
import {execFile} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'

import {scan} from '../../src/actions/scan.js'
import {renderSarif, type SarifLog} from '../../src/reporters/sarif.js'
import {loadManifests} from '../../src/sources/manifests/index.js'
import {toResource} from '../../src/sources/resource.js'

const MULTITOOL = path.resolve('node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool')
const NOW = new Date('2026-06-01T00:00:00Z')

interface Message {
  id?: string
  text?: string
  arguments?: string[]
}

/** The Multitool's output: a SARIF log of the validation rules that fired. */
interface ValidationLog {
  runs: {
    results?: {ruleId: string; level: string; message: Message}[]
    invocations?: {toolExecutionNotifications?: Notification[]; toolConfigurationNotifications?: Notification[]}[]
  }[]
}

interface Notification {
  level?: string
  descriptor?: {id?: string}
  message: Message
}

interface Problem {
  rule: string
  level: string
  text: string
}

/** Runs `validate` (the file before --rule-kind, which would swallow it) and returns its errors and warnings. */
async function validate(file: string, dir: string): Promise<Problem[]> {
  const out = path.join(dir, `${path.basename(file)}.validation.sarif`)
  // execFile, never a shell: the rule kinds are separated by a semicolon
  await promisify(execFile)(MULTITOOL, ['validate', file, '--output', out, '--log', 'ForceOverwrite', '--rule-kind', 'Ghas;Sarif'], {timeout: 120_000})
  const log = JSON.parse(readFileSync(out, 'utf8')) as ValidationLog
  const problems: Problem[] = []
  for (const run of log.runs) {
    for (const r of run.results ?? []) {
      if (r.level === 'error' || r.level === 'warning') problems.push({rule: r.ruleId, level: r.level, text: JSON.stringify(r.message)})
    }
    for (const invocation of run.invocations ?? []) {
      for (const n of [...(invocation.toolExecutionNotifications ?? []), ...(invocation.toolConfigurationNotifications ?? [])]) {
        if (n.level === 'error') problems.push({rule: n.descriptor?.id ?? 'notification', level: 'error', text: JSON.stringify(n.message)})
      }
    }
  }
  return problems
}

describe('SARIF Multitool validation with GitHub’s rules', function () {
  this.timeout(300_000)
  let dir: string
  before(function () {
    if (process.platform !== 'linux' || !existsSync(MULTITOOL)) this.skip()
    dir = mkdtempSync(path.join(tmpdir(), 'zt-sarif-'))
  })
  after(() => dir && rmSync(dir, {recursive: true, force: true}))

  it('finds no error or warning in the SARIF of the example cluster', async () => {
    const outcome = await scan({manifests: ['examples/cluster'], now: NOW}, {version: '1.0.0'})
    const file = path.join(dir, 'example.sarif')
    writeFileSync(file, renderSarif(outcome.report).text)
    expect(await validate(file, dir)).to.deep.equal([])
  })

  it('finds none in the golden file, nor in a live-cluster scan whose results all have synthetic paths', async () => {
    expect(await validate(path.resolve('test/fixtures/sarif/multi-doc.sarif'), dir)).to.deep.equal([])
    const files = await loadManifests(['test/fixtures/sarif/multi-doc.yaml'])
    const resources = files.resources.map((r) => toResource(r.object, {type: 'cluster', context: 'kind-test'}))
    const outcome = await scan({now: NOW}, {version: '1.0.0', load: () => Promise.resolve({...files, resources, source: 'cluster', target: 'kind-test'})})
    expect(outcome.report.findings.length).to.be.greaterThan(0)
    const file = path.join(dir, 'cluster.sarif')
    writeFileSync(file, renderSarif(outcome.report).text)
    expect(await validate(file, dir)).to.deep.equal([])
  })

  it('does report what GitHub rejects, so a clean result means something', async () => {
    const broken = JSON.parse(readFileSync('test/fixtures/sarif/multi-doc.sarif', 'utf8')) as SarifLog
    broken.$schema = 'https://schemastore.azurewebsites.net/schemas/json/sarif-2.1.0-rtm.5.json'
    broken.runs[0].results[0].locations = []
    const file = path.join(dir, 'broken.sarif')
    writeFileSync(file, JSON.stringify(broken))
    const rules = (await validate(file, dir)).map((p) => p.rule)
    expect(rules).to.include.members(['GH1011', 'GH1015'])
  })
})
