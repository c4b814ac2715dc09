// Runs every built-in rule against its own fixtures: each `fail.*` fixture must produce findings (exactly
// those its `# expect:` lines name, when it has any), each `pass.*` fixture none, with at least one check
// that passed. A rule without a failing fixture fails the suite.
import {expect} from 'chai'
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'

import {defaultConfig} from '../../src/engine/config.js'
import {runRules} from '../../src/engine/runner.js'
import {renderRuleDoc} from '../../src/docs/rule-doc.js'
import {Inventory} from '../../src/inventory/index.js'
import type {Rule} from '../../src/sdk/types.js'
import {loadManifests} from '../../src/sources/manifests/index.js'
import {readExpectations} from '../support/fixtures.js'

const RULES_DIR = path.resolve('rules')
const NOW = new Date('2026-06-01T00:00:00Z')

function ruleFolders(): {category: string; slug: string; dir: string}[] {
  const folders = []
  for (const category of readdirSync(RULES_DIR).sort()) {
    const categoryDir = path.join(RULES_DIR, category)
    if (!statSync(categoryDir).isDirectory() || category === 'frameworks' || category === 'data') continue
    for (const slug of readdirSync(categoryDir).sort()) {
      const dir = path.join(categoryDir, slug)
      if (statSync(dir).isDirectory() && existsSync(path.join(dir, 'rule.ts'))) folders.push({category, slug, dir})
    }
  }
  return folders
}

function describeFinding(f: {resource: {kind: string; namespace?: string; name: string}; severity: string; location?: {line: number}}): string {
  const ref = [f.resource.kind, f.resource.namespace, f.resource.name].filter(Boolean).join('/')
  return `${ref} ${f.severity}${f.location ? ` line ${f.location.line}` : ''}`
}

describe('rule fixtures', () => {
  const folders = ruleFolders()

  it('finds the built-in rules', () => {
    expect(folders.length).to.be.greaterThan(0)
  })

  for (const {category, slug, dir} of folders) {
    describe(`${category}/${slug}`, () => {
      let rule: Rule
      before(async () => {
        rule = ((await import(path.join(dir, 'rule.ts'))) as {default: Rule}).default
      })

      const fixtureDir = path.join(dir, 'fixtures')
      const fixtures = existsSync(fixtureDir) ? readdirSync(fixtureDir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : []

      it('lives in the folder its metadata names', () => {
        expect(rule.meta.slug).to.equal(slug)
        expect(rule.meta.category).to.equal(category)
      })

      it('has at least one failing and one passing fixture', () => {
        expect(fixtures.filter((f) => f.startsWith('fail.')), 'fail.* fixtures').to.not.be.empty
        expect(fixtures.filter((f) => f.startsWith('pass.')), 'pass.* fixtures').to.not.be.empty
      })

      it('has a README generated from its metadata (npm run docs)', () => {
        const readme = path.join(dir, 'README.md')
        expect(existsSync(readme), 'README.md exists').to.equal(true)
        expect(readFileSync(readme, 'utf8')).to.equal(renderRuleDoc(rule.meta))
      })

      for (const fixture of fixtures) {
        const file = path.join(fixtureDir, fixture)
        it(fixture, async () => {
          const source = await loadManifests([file])
          expect(source.errors, 'fixture parses').to.deep.equal([])
          const outcome = runRules([rule], new Inventory(source.resources), {now: NOW, config: defaultConfig()})
          const errors = outcome.results.filter((r) => r.status === 'error')
          expect(errors, 'no rule errors').to.deep.equal([])
          const found = outcome.findings.map(describeFinding).sort()
          if (fixture.startsWith('pass.')) {
            expect(found, 'findings on a passing fixture').to.deep.equal([])
            expect(outcome.results.filter((r) => r.status === 'pass'), 'checks that passed').to.not.be.empty
            return
          }
          expect(found, 'findings on a failing fixture').to.not.be.empty
          const expected = readExpectations(file)
          if (expected.length === 0) return
          // every expectation claims one finding (by resource and severity, and line when given); none may be left over
          const unmatched = [...outcome.findings]
          for (const e of expected) {
            const index = unmatched.findIndex((f) => {
              const [ref, severity] = describeFinding({...f, location: undefined}).split(' ')
              return ref === e.resource && severity === e.severity && (e.line === undefined || f.location?.line === e.line)
            })
            expect(index, `a finding ${e.resource} ${e.severity}${e.line ? ` line ${e.line}` : ''} among ${found.join('; ')}`).to.be.at.least(0)
            unmatched.splice(index, 1)
          }
          expect(unmatched.map(describeFinding), 'findings no expectation names').to.deep.equal([])
        })
      }
    })
  }
})
