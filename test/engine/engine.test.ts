import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {defaultConfig, loadConfig} from '../../src/engine/config.js'
import {annotationExceptions, applyExceptions, EXCEPTION_ANNOTATION} from '../../src/engine/exceptions.js'
import {fingerprint} from '../../src/engine/fingerprint.js'
import {loadBuiltinRules, loadPluginRules, loadRules} from '../../src/engine/loader.js'
import {runRules} from '../../src/engine/runner.js'
import {UserError} from '../../src/errors.js'
import {Inventory} from '../../src/inventory/index.js'
import type {KubeObject} from '../../src/model/kube.js'
import type {Rule} from '../../src/sdk/types.js'
import {toResource} from '../../src/sources/resource.js'

const NOW = new Date('2026-06-01T00:00:00Z')

function inventoryOf(...objects: object[]): Inventory {
  return new Inventory(objects.map((o, i) => toResource(o as KubeObject, {type: 'file', file: 'x.yaml', document: i, line: 1})))
}

function testRule(overrides: Partial<Rule['meta']>, check: Rule['check']): Rule {
  return {
    meta: {id: 'ZT-TST-001', slug: 'test', category: 'test', title: 't', description: 'd', remediation: 'r', severity: 'high', target: 'Namespace', reads: ['Namespace'], controls: {}, ...overrides},
    check,
  }
}

const ns = (name: string): object => ({apiVersion: 'v1', kind: 'Namespace', metadata: {name}})

function writeConfig(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'zt-config-'))
  const file = path.join(dir, '.zt-audit.yaml')
  writeFileSync(file, text)
  return file
}

describe('engine', () => {
  describe('runner', () => {
    it('records pass, fail, skip and error per subject, and keeps going after a rule throws', () => {
      const rule = testRule({}, (subject, ctx) => {
        if (subject.ref.name === 'boom') throw new Error('kaput')
        if (subject.ref.name === 'bad') ctx.report({message: 'bad namespace'})
        if (subject.ref.name === 'na') ctx.skip('not applicable')
      })
      const outcome = runRules([rule], inventoryOf(ns('bad'), ns('boom'), ns('good'), ns('na')), {now: NOW, config: defaultConfig()})
      const statuses = Object.fromEntries(outcome.results.map((r) => [r.subject.name, r.status]))
      expect(statuses).to.deep.equal({bad: 'fail', boom: 'error', good: 'pass', na: 'skip'})
      expect(outcome.tallies[0]).to.include({pass: 1, fail: 1, skip: 1, error: 1})
      expect(outcome.tallies[0].errors?.[0]).to.contain('kaput')
      expect(outcome.findings).to.have.length(1)
    })

    it('skips system namespaces by default and checks them when configured', () => {
      const rule = testRule({}, (_s, ctx) => ctx.report({message: 'x'}))
      const inventory = inventoryOf(ns('kube-system'), ns('shop'))
      const byDefault = runRules([rule], inventory, {now: NOW, config: defaultConfig()})
      expect(byDefault.results.map((r) => `${r.subject.name}:${r.status}`)).to.deep.equal(['kube-system:skip', 'shop:fail'])
      const all = runRules([rule], inventory, {now: NOW, config: {...defaultConfig(), skipNamespaces: []}})
      expect(all.results.map((r) => r.status)).to.deep.equal(['fail', 'fail'])
    })

    it('limits namespaced subjects to --namespace and leaves the rest out entirely', () => {
      const rule = testRule({}, () => {})
      const outcome = runRules([rule], inventoryOf(ns('a'), ns('b')), {now: NOW, config: defaultConfig(), onlyNamespaces: new Set(['b'])})
      expect(outcome.results.map((r) => r.subject.name)).to.deep.equal(['b'])
    })

    it('skips, never passes, a rule that reads a kind the source could not read', () => {
      const rule = testRule({reads: ['Namespace', 'NetworkPolicy']}, () => {})
      const outcome = runRules([rule], inventoryOf(ns('a')), {now: NOW, config: defaultConfig(), unreadable: new Map([['NetworkPolicy', 'forbidden']])})
      expect(outcome.results[0].status).to.equal('skip')
      expect(outcome.results[0].reason).to.contain('NetworkPolicy')
    })

    it('applies severity overrides and disabled rules from the config', () => {
      const rule = testRule({}, (_s, ctx) => ctx.report({message: 'x', severity: 'critical'}))
      const config = {...defaultConfig(), rules: {'ZT-TST-001': {enabled: true, severity: 'low' as const, options: {}}}}
      expect(runRules([rule], inventoryOf(ns('a')), {now: NOW, config}).findings[0].severity).to.equal('low')
      const off = {...defaultConfig(), rules: {'ZT-TST-001': {enabled: false, options: {}}}}
      expect(runRules([rule], inventoryOf(ns('a')), {now: NOW, config: off}).tallies).to.deep.equal([])
    })

    it('fingerprints by rule, resource and cause, never by line', () => {
      const a = fingerprint('ZT-NET-001', {kind: 'Namespace', name: 'shop'}, 'missing')
      expect(a).to.match(/^[0-9a-f]{32}$/)
      expect(fingerprint('ZT-NET-001', {kind: 'Namespace', name: 'shop'}, 'missing')).to.equal(a)
      expect(fingerprint('ZT-NET-001', {kind: 'Namespace', name: 'shop'}, 'negated')).to.not.equal(a)
      expect(fingerprint('ZT-NET-001', {kind: 'Namespace', name: 'web'}, 'missing')).to.not.equal(a)
    })
  })

  describe('config', () => {
    it('reads rules, namespaces, failOn, plugins and exceptions', () => {
      const file = writeConfig(`rules:
  ZT-NET-004: off
  ZT-EGR-002: low
  ZT-NET-001: {severity: critical}
namespaces:
  skip: [kube-system, legacy]
failOn: high
plugins: [./my-rules]
exceptions:
  - rule: ZT-NET-001
    resource: Namespace/legacy-*
    reason: decommissioned in Q3
    owner: platform-team
    expires: 2026-09-30
`)
      const config = loadConfig(file)
      expect(config.rules['ZT-NET-004'].enabled).to.equal(false)
      expect(config.rules['ZT-EGR-002'].severity).to.equal('low')
      expect(config.rules['ZT-NET-001'].severity).to.equal('critical')
      expect(config.skipNamespaces).to.deep.equal(['kube-system', 'legacy'])
      expect(config.failOn).to.equal('high')
      expect(config.plugins).to.deep.equal([path.join(path.dirname(file), 'my-rules')])
      expect(config.exceptions[0]).to.deep.equal({rule: 'ZT-NET-001', resource: {kind: 'Namespace', name: 'legacy-*'}, reason: 'decommissioned in Q3', owner: 'platform-team', expires: '2026-09-30', source: 'config'})
    })

    it('names the file and line of a mistake', () => {
      const file = writeConfig('rules:\n  ZT-NET-001: {severity: extreme}\n')
      expect(() => loadConfig(file)).to.throw(UserError, /\.zt-audit\.yaml:2: rules\.ZT-NET-001\.severity/)
      const unknown = writeConfig('failOn: high\nrulez: {}\n')
      expect(() => loadConfig(unknown)).to.throw(UserError, /:2: unknown key 'rulez'/)
      const noReason = writeConfig('exceptions:\n  - rule: ZT-NET-001\n    resource: Namespace/a\n')
      expect(() => loadConfig(noReason)).to.throw(UserError, /:2: an exception needs a `reason`/)
    })

    it('uses the defaults when there is no config file', () => {
      const config = loadConfig(undefined, mkdtempSync(path.join(tmpdir(), 'zt-empty-')))
      expect(config.skipNamespaces).to.deep.equal(['kube-system', 'kube-public', 'kube-node-lease'])
    })
  })

  describe('exceptions', () => {
    const finding = (name: string): Parameters<typeof applyExceptions>[0][number] => ({
      fingerprint: name, ruleId: 'ZT-NET-001', category: 'default-deny', severity: 'high', title: 't', message: 'm',
      resource: {apiVersion: 'v1', kind: 'Namespace', name}, controls: [], remediation: 'r',
    })

    it('suppresses matching findings until the exception expires, and reports expired and unused ones', () => {
      const findings = [finding('legacy-a'), finding('shop')]
      const statuses = applyExceptions(findings, [
        {rule: 'ZT-NET-001', resource: {kind: 'Namespace', name: 'legacy-*'}, reason: 'going away', owner: 'ops', expires: '2026-06-01'},
        {rule: 'ZT-NET-001', resource: {name: 'shop'}, reason: 'old', expires: '2026-05-31'},
        {rule: 'ZT-EGR-*', resource: {}, reason: 'never matches', expires: '2026-07-01'},
      ], NOW, 365)
      expect(findings[0].suppressed).to.deep.equal({reason: 'going away', owner: 'ops', expires: '2026-06-01'})
      expect(findings[1].suppressed).to.equal(undefined)
      expect(statuses.map((s) => s.status)).to.deep.equal(['active', 'expired', 'unused'])
    })

    it('never applies an exception without an expiry, or one expiring beyond the configured maximum', () => {
      const findings = [finding('shop')]
      const statuses = applyExceptions(findings, [
        {rule: 'ZT-NET-001', resource: {name: 'shop'}, reason: 'forever'},
        {rule: 'ZT-NET-001', resource: {name: 'shop'}, reason: 'too long', expires: '2027-06-02'},
      ], NOW, 365)
      expect(findings[0].suppressed).to.equal(undefined)
      expect(statuses.map((s) => [s.status, s.problem])).to.deep.equal([
        ['invalid', 'no expiry date given (expires=YYYY-MM-DD)'],
        ['invalid', 'expires 2027-06-02, more than 365 days after the scan (the configured maximum)'],
      ])
    })

    it('reads exceptions from the zt-audit.io/exception annotation of the resource they cover', () => {
      const [ns] = inventoryOf({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {name: 'shop', annotations: {[EXCEPTION_ANNOTATION]: 'ZT-NET-001; legacy app, replaced in Q3; team-shop; expires=2026-09-30\nZT-NET-002 ; no expiry'}},
      }).resources
      const specs = annotationExceptions([ns])
      expect(specs[0]).to.deep.include({rule: 'ZT-NET-001', reason: 'legacy app, replaced in Q3', owner: 'team-shop', expires: '2026-09-30', source: 'annotation'})
      expect(specs[0].resource).to.deep.equal({kind: 'Namespace', name: 'shop'})
      const findings = [finding('shop'), {...finding('shop'), ruleId: 'ZT-NET-002'}]
      const statuses = applyExceptions(findings, specs, NOW, 365)
      expect(findings[0].suppressed?.owner).to.equal('team-shop')
      expect(findings[1].suppressed).to.equal(undefined)
      expect(statuses.map((s) => `${s.source}:${s.status}`)).to.deep.equal(['annotation:active', 'annotation:invalid'])
    })
  })

  describe('rule loading', () => {
    it('loads the built-in rules with unique ids', async () => {
      const rules = await loadBuiltinRules()
      const ids = rules.map((r) => r.rule.meta.id)
      expect(ids).to.include.members(['ZT-NET-001', 'ZT-NET-002', 'ZT-EGR-001'])
      expect(new Set(ids).size).to.equal(ids.length)
    })

    it('loads a plug-in folder and runs its rules', async () => {
      const plugins = await loadPluginRules(['test/fixtures/plugins/good'])
      expect(plugins.map((p) => p.rule.meta.id)).to.deep.equal(['ZT-ORG-001'])
      const inventory = inventoryOf({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', namespace: 'shop'}, spec: {template: {metadata: {labels: {app: 'web'}}, spec: {containers: []}}}})
      expect(runRules([plugins[0].rule], inventory, {now: NOW, config: defaultConfig()}).findings[0].message).to.equal('web has no owner label')
    })

    it('rejects a malformed plug-in with an error naming its file', async () => {
      try {
        await loadRules(['test/fixtures/plugins/malformed'])
        expect.fail('should have thrown')
      } catch (error) {
        expect(error).to.be.instanceOf(UserError)
        expect((error as Error).message).to.match(/test\/fixtures\/plugins\/malformed\/broken\.js is malformed: `check` is not a function; meta.id "not-an-id"/)
      }
    })

    it('rejects a plug-in that reuses a built-in id', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'zt-plugin-'))
      writeFileSync(path.join(dir, 'dup.js'), `export default {meta: {id: 'ZT-NET-001', slug: 'dup', category: 'x', title: 't', description: 'd', remediation: 'r', severity: 'low', target: 'Namespace', reads: [], controls: {}}, check() {}}\n`)
      try {
        await loadRules([dir])
        expect.fail('should have thrown')
      } catch (error) {
        expect((error as Error).message).to.contain('rule id ZT-NET-001')
      }
    })
  })
})
