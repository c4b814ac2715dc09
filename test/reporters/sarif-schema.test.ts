// SARIF output against the official SARIF 2.1.0 JSON schema (vendored in test/fixtures/sarif/, see its
// README), compiled as draft-04 like the OASIS original and under the 2020-12 dialect its header names.
import {Ajv2020} from 'ajv/dist/2020.js'
import AjvDraft04, {type ValidateFunction} from 'ajv-draft-04'
import addFormats from 'ajv-formats'
import {expect} from 'chai'
import {readFileSync} from 'node:fs'

import {scan} from '../../src/actions/scan.js'
import {loadManifests} from '../../src/sources/manifests/index.js'
import {toResource} from '../../src/sources/resource.js'
import {renderSarif, type SarifLog} from '../../src/reporters/sarif.js'

type Validate = ValidateFunction

const SCHEMA = JSON.parse(readFileSync('test/fixtures/sarif/sarif-2.1.0.json', 'utf8')) as Record<string, unknown>
const NOW = new Date('2026-06-01T00:00:00Z')

function validators(): [string, Validate, (v: Validate) => string][] {
  // a CommonJS module: its default export is the module object, the class is its `default`
  const draft04 = new AjvDraft04.default({allErrors: true, strict: false})
  addFormats.default(draft04)
  const d04 = draft04.compile({...SCHEMA, $schema: 'http://json-schema.org/draft-04/schema#'})
  const ajv2020 = new Ajv2020({allErrors: true, strict: false})
  addFormats.default(ajv2020)
  const d2020 = ajv2020.compile(SCHEMA)
  return [
    ['draft-04', d04, (v) => draft04.errorsText(v.errors)],
    ['2020-12', d2020, (v) => ajv2020.errorsText(v.errors)],
  ]
}

async function manifestSarif(): Promise<unknown> {
  const outcome = await scan({manifests: ['examples/cluster'], now: NOW}, {version: '1.0.0'})
  return JSON.parse(renderSarif(outcome.report).text)
}

/** The fixture as a live cluster would deliver it: no files, so every result gets a synthetic path. */
async function clusterSarif(): Promise<unknown> {
  const files = await loadManifests(['test/fixtures/sarif/multi-doc.yaml'])
  const resources = files.resources.map((r) => toResource(r.object, {type: 'cluster', context: 'kind-test', server: 'https://127.0.0.1:6443'}))
  const outcome = await scan({now: NOW}, {version: '1.0.0', load: () => Promise.resolve({...files, resources, source: 'cluster', target: 'kind-test (https://127.0.0.1:6443)'})})
  return JSON.parse(renderSarif(outcome.report).text)
}

describe('SARIF against the 2.1.0 JSON schema', () => {
  const checks = validators()

  it('validates the SARIF of the example cluster, the golden file and a live-cluster scan', async () => {
    const logs: [string, unknown][] = [
      ['example cluster', await manifestSarif()],
      ['golden', JSON.parse(readFileSync('test/fixtures/sarif/multi-doc.sarif', 'utf8'))],
      ['live cluster', await clusterSarif()],
    ]
    for (const [name, log] of logs) {
      for (const [dialect, validate, errors] of checks) expect(validate(log), `${name} (${dialect}): ${errors(validate)}`).to.equal(true)
    }
  })

  it('rejects what GitHub rejects: an unknown level, line 0, duplicate tags', () => {
    const log = JSON.parse(readFileSync('test/fixtures/sarif/multi-doc.sarif', 'utf8')) as SarifLog
    const [run] = log.runs
    ;(run.results[0] as {level: string}).level = 'critical'
    run.results[0].locations[0].physicalLocation.region.startLine = 0
    run.tool.driver.rules[0].properties.tags = ['security', 'security']
    for (const [dialect, validate, errors] of checks) {
      expect(validate(log), dialect).to.equal(false)
      const text = errors(validate)
      expect(text).to.contain('level')
      expect(text).to.contain('startLine')
      expect(text).to.contain('duplicate')
    }
  })
})
