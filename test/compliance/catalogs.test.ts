// Control parity between the catalogs (rules/frameworks/*.yaml) and the rules' metadata: every control a rule
// names exists in its catalog, and every catalog control is covered by a rule or marked manual or
// not-assessed with a reason. Also the catalog format and the loader.
import {expect} from 'chai'
import {mkdtempSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {type Catalog, CatalogError, parseCatalog} from '../../src/compliance/catalog.js'
import {coverageOf, unknownControls} from '../../src/compliance/coverage.js'
import {BUILTIN_FRAMEWORKS_DIR, loadCatalogs, selectCatalogs} from '../../src/compliance/load.js'
import {loadBuiltinRules} from '../../src/engine/loader.js'
import type {RuleMeta} from '../../src/sdk/types.js'

const EXPECTED = ['cis-k8s', 'nist-800-204a', 'nist-800-204b', 'nist-800-207', 'nist-800-53', 'nsa-cisa', 'pci-dss']

function catalog(id: string): Catalog {
  return loadCatalogs().find((c) => c.id === id) as Catalog
}

describe('framework catalogs', () => {
  let metas: RuleMeta[]
  before(async () => {
    metas = (await loadBuiltinRules()).map(({rule}) => rule.meta)
  })

  it('hold the frameworks rules name, one file per framework named by its id', () => {
    const catalogs = loadCatalogs()
    expect(catalogs.map((c) => c.id)).to.deep.equal(EXPECTED)
    expect(readdirSync(BUILTIN_FRAMEWORKS_DIR).sort()).to.deep.equal(EXPECTED.map((id) => `${id}.yaml`))
    for (const c of catalogs) {
      expect(c.version, c.id).to.not.equal('')
      expect(c.controls.length, c.id).to.be.greaterThan(0)
      expect(c.controls.map((x) => x.order), `${c.id} orders are unique and ascending`).to.deep.equal([...new Set(c.controls.map((x) => x.order))].sort((a, b) => a - b))
    }
  })

  it('contain every control a built-in rule names (parity)', () => {
    expect(unknownControls(loadCatalogs(), metas)).to.deep.equal([])
  })

  it('cover every control by a rule, or mark it manual or not-assessed with a reason (parity)', () => {
    const loose: string[] = []
    for (const c of loadCatalogs()) {
      for (const {control, rules, assessment} of coverageOf(c, metas)) {
        if (rules.length > 0) expect(assessment).to.equal('automated')
        else if (!control.assessment || !control.reason) loose.push(`${c.id} ${control.id}`)
      }
    }
    expect(loose, 'controls neither covered nor marked').to.deep.equal([])
  })

  it('number CIS section 5 as v1.12 does, with the v1.10 number where it differs', () => {
    const cis = catalog('cis-k8s')
    expect(cis.version).to.match(/^v1\.12\b/)
    expect(cis.controls.map((c) => c.id)).to.include.members(['5.1.13', '5.2.12', '5.3.1', '5.3.2', '5.6.4'])
    expect(cis.controls.map((c) => c.id)).to.not.include.members(['5.2.13', '5.7.1'])
    expect(cis.controls).to.have.length(34)
    const general = cis.controls.find((c) => c.id === '5.6.1')
    expect(general?.aliases).to.deep.equal({'v1.10': '5.7.1'})
    expect(cis.controls.find((c) => c.id === '5.2.9')?.aliases).to.deep.equal({'v1.10': '5.2.10'})
    expect(cis.controls.find((c) => c.id === '5.3.2')?.aliases).to.deep.equal({})
  })

  it('keep NIST SP 800-204A/B identifiers that could not be confirmed out of the controls, and say so', () => {
    const mesh = catalog('nist-800-204a')
    expect(mesh.controls.map((c) => c.id)).to.deep.equal(['SM-DR2', 'SM-DR12', 'SM-DR13', 'SM-DR15', 'SM-DR16'])
    expect(mesh.unconfirmed.ids).to.have.length(18)
    expect(mesh.confidence).to.equal('secondary')
    const problems = unknownControls(loadCatalogs(), [{id: 'ZT-X-001', controls: {'nist-800-204a': ['SM-DR1'], 'nope': ['1']}}])
    expect(problems.map((p) => p.problem)).to.deep.equal([`SM-DR1 is listed as unconfirmed in ${mesh.file}`, 'no catalog for framework nope'])
  })

  it('say that the NSA/CISA keys are zt-audit’s own, and number the seven NIST SP 800-207 tenets', () => {
    expect(catalog('nsa-cisa').source).to.match(/zt-audit's own keys/)
    expect(catalog('nist-800-207').controls.map((c) => c.id)).to.deep.equal(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'])
    expect(catalog('pci-dss').version).to.match(/^v4\.0\.1\b/)
    expect(catalog('nist-800-53').version).to.match(/^Rev\. 5\b/)
  })

  describe('format', () => {
    const base = 'id: demo\nname: Demo\nversion: "1"\ncontrols:\n'

    const problem = (text: string): string => {
      try {
        parseCatalog(text, 'demo.yaml')
      } catch (error) {
        expect(error).to.be.instanceOf(CatalogError)
        return (error as Error).message
      }
      return 'parsed'
    }

    it('reads controls in order, with a marker and reason for those no rule covers', () => {
      const c = parseCatalog(`${base}  - {id: B, title: Second, order: 2, assessment: manual, reason: a review}\n  - {id: A, title: First, order: 1}\n`, 'demo.yaml')
      expect(c.controls.map((x) => [x.id, x.assessment, x.reason])).to.deep.equal([['A', undefined, undefined], ['B', 'manual', 'a review']])
      expect(c.confidence).to.equal('confirmed')
    })

    it('names the file and the control in every problem', () => {
      expect(problem(`${base}  - {id: 5.3, title: T, order: 1}\n`)).to.equal('demo.yaml: controls[0]: `id` 5.3 was read as a number; quote it')
      expect(problem(`${base}  - {id: A, title: T, order: 1}\n  - {id: A, title: U, order: 2}\n`)).to.equal('demo.yaml: control A is listed twice')
      expect(problem(`${base}  - {id: A, title: T, order: 1, assessment: automated}\n`)).to.match(/control A: `assessment` must be manual or not-assessed/)
      expect(problem(`${base}  - {id: A, title: T, order: 1, assessment: manual}\n`)).to.equal('demo.yaml: control A: `reason` is missing')
      expect(problem(`${base}  - {id: A, title: T, order: 1, rules: [ZT-NET-001]}\n`)).to.match(/control A: unknown field `rules`/)
      expect(problem(`${base}  - {id: A, title: T}\n`)).to.equal('demo.yaml: control A: `order` must be a number')
      expect(problem('id: Demo\nname: D\nversion: "1"\ncontrols: []\n')).to.match(/must be kebab-case/)
      expect(problem('id: demo\nname: D\nversion: "1"\ncontrols: []\n')).to.equal('demo.yaml: `controls` must be a non-empty list')
    })
  })

  describe('loading', () => {
    it('lets a folder replace a built-in catalog by id or add a framework (--frameworks-dir)', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'zt-frameworks-'))
      writeFileSync(path.join(dir, 'cis.yaml'), 'id: cis-k8s\nname: CIS Kubernetes Benchmark\nversion: v1.13\ncontrols:\n  - {id: "5.3.2", title: NetworkPolicies everywhere, order: 1}\n')
      writeFileSync(path.join(dir, 'own.yaml'), 'id: acme-policy\nname: ACME network policy\nversion: "2026"\ncontrols:\n  - {id: NET-1, title: Default deny, order: 1, assessment: manual, reason: reviewed by hand}\n')
      const catalogs = loadCatalogs(dir)
      expect(catalogs.map((c) => c.id)).to.deep.equal(['acme-policy', ...EXPECTED])
      expect(catalogs.find((c) => c.id === 'cis-k8s')?.version).to.equal('v1.13')
      expect(loadCatalogs().find((c) => c.id === 'cis-k8s')?.version, 'built-ins unchanged').to.match(/^v1\.12/)
    })

    it('refuses a missing folder, an empty one and a malformed catalog with the file named', () => {
      expect(() => loadCatalogs('no/such/dir')).to.throw(/no such frameworks folder: no\/such\/dir/)
      const empty = mkdtempSync(path.join(tmpdir(), 'zt-frameworks-'))
      expect(() => loadCatalogs(empty)).to.throw(/holds no framework catalog/)
      writeFileSync(path.join(empty, 'bad.yaml'), 'id: bad\nname: Bad\nversion: "1"\ncontrols:\n  - {id: X, order: 1}\n')
      expect(() => loadCatalogs(empty)).to.throw(/framework catalog .*bad\.yaml: control X: `title` is missing/)
    })

    it('limits the catalogs to those asked for, and names the known ones for an unknown id', () => {
      expect(selectCatalogs(loadCatalogs(), ['pci-dss', 'cis-k8s']).map((c) => c.id)).to.deep.equal(['pci-dss', 'cis-k8s'])
      expect(selectCatalogs(loadCatalogs(), undefined)).to.have.length(EXPECTED.length)
      expect(() => selectCatalogs(loadCatalogs(), ['soc2'])).to.throw(`unknown framework soc2; known: ${EXPECTED.join(', ')}`)
    })
  })
})
