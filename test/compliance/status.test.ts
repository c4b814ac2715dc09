// Per-control status and compliance percentage (docs/controls.md): fail on an open finding of a covering rule,
// pass when covering rules checked something and found nothing, not-assessed otherwise, with the reason.
import {expect} from 'chai'

import {scan} from '../../src/actions/scan.js'
import {parseCatalog} from '../../src/compliance/catalog.js'
import type {RuleControls} from '../../src/compliance/coverage.js'
import {frameworkStatus, type StatusInput} from '../../src/compliance/status.js'
import type {Finding} from '../../src/model/finding.js'
import type {CoverageRow} from '../../src/model/input.js'
import type {ControlStatus, RuleTally} from '../../src/model/report.js'
import {loadManifests} from '../../src/sources/manifests/index.js'

const CATALOG = parseCatalog(
  `id: demo
name: Demo framework
version: "1.0"
controls:
  - {id: D-1, title: Default deny, order: 1}
  - {id: D-2, title: Narrow egress, order: 2}
  - {id: D-3, title: Reviewed by hand, order: 3, assessment: manual, reason: a design review}
  - {id: D-4, title: Mesh mTLS, order: 4, assessment: not-assessed, reason: no mesh rule yet}
`,
  'demo.yaml',
)

const RULES: RuleControls[] = [
  {id: 'ZT-A-001', controls: {demo: ['D-1']}, reads: ['Namespace', 'NetworkPolicy']},
  {id: 'ZT-B-001', controls: {demo: ['D-1', 'D-2']}, reads: ['NetworkPolicy']},
]

function tally(ruleId: string, counts: Partial<RuleTally> = {}): RuleTally {
  return {ruleId, pass: 0, fail: 0, skip: 0, error: 0, ...counts}
}

function finding(ruleId: string, suppressed = false): Finding {
  return {
    fingerprint: `${ruleId}-${suppressed}`,
    ruleId,
    category: 'default-deny',
    severity: 'high',
    title: 't',
    message: 'm',
    resource: {apiVersion: 'v1', kind: 'Namespace', name: 'shop'},
    controls: [],
    remediation: 'r',
    ...(suppressed ? {suppressed: {reason: 'accepted'}} : {}),
  }
}

function status(input: Partial<StatusInput>): Record<string, ControlStatus> {
  const full: StatusInput = {rules: RULES, ran: new Set(['ZT-A-001', 'ZT-B-001']), checks: [], findings: [], coverage: [], ...input}
  return Object.fromEntries(frameworkStatus(CATALOG, full).controls.map((c) => [c.id, c]))
}

describe('per-control status', () => {
  it('fails a control with an open finding of a covering rule, and passes one whose rules checked and found nothing', () => {
    const s = status({checks: [tally('ZT-A-001', {pass: 3}), tally('ZT-B-001', {pass: 1, fail: 1})], findings: [finding('ZT-B-001'), finding('ZT-B-001')]})
    expect(s['D-1']).to.deep.include({status: 'fail', findings: 2, rules: ['ZT-A-001', 'ZT-B-001'], assessment: 'automated'})
    expect(s['D-2']).to.deep.include({status: 'fail', findings: 2})
    const clean = status({checks: [tally('ZT-A-001', {pass: 3}), tally('ZT-B-001', {pass: 2})]})
    expect(clean['D-1']).to.deep.include({status: 'pass', findings: 0})
  })

  it('passes a control whose only findings are suppressed by exceptions', () => {
    const s = status({checks: [tally('ZT-A-001', {pass: 1}), tally('ZT-B-001', {fail: 1})], findings: [finding('ZT-B-001', true)]})
    expect(s['D-2']).to.deep.include({status: 'pass', findings: 0})
  })

  it('leaves controls no rule covers not assessed, with the catalog’s marker and reason', () => {
    const s = status({checks: [tally('ZT-A-001', {pass: 1}), tally('ZT-B-001', {pass: 1})]})
    expect(s['D-3']).to.deep.include({status: 'not-assessed', assessment: 'manual', rules: [], reason: 'manual: a design review'})
    expect(s['D-4']).to.deep.include({status: 'not-assessed', assessment: 'not-assessed', reason: 'not-assessed: no mesh rule yet'})
  })

  it('does not assess a control when a kind its rules read was forbidden, failed or absent', () => {
    for (const state of ['forbidden', 'error', 'absent'] as const) {
      const coverage: CoverageRow[] = [{kind: 'NetworkPolicy', status: state, message: 'denied'}]
      const s = status({coverage, checks: [tally('ZT-A-001', {skip: 4}), tally('ZT-B-001', {skip: 2})]})
      expect(s['D-1'].status, state).to.equal('not-assessed')
      expect(s['D-1'].reason).to.equal(`ZT-A-001 needs NetworkPolicy (${state}), which the scan could not read; ZT-B-001 needs NetworkPolicy (${state}), which the scan could not read`)
    }
  })

  it('does not assess a control when its rules did not run, found nothing to check, or skipped every check', () => {
    expect(status({ran: new Set()})['D-1']).to.deep.include({status: 'not-assessed', reason: 'ZT-A-001 did not run; ZT-B-001 did not run'})
    expect(status({checks: [tally('ZT-A-001'), tally('ZT-B-001', {skip: 2, error: 1})]})['D-1'].reason).to.equal('ZT-A-001 found nothing to check; every check of ZT-B-001 was skipped or errored')
    // one covering rule evaluating something is enough
    expect(status({checks: [tally('ZT-A-001', {pass: 1}), tally('ZT-B-001', {skip: 2})]})['D-1'].status).to.equal('pass')
  })

  it('computes compliance as pass ÷ (pass + fail), and leaves it out when nothing was assessed', () => {
    const input: StatusInput = {rules: RULES, ran: new Set(['ZT-A-001', 'ZT-B-001']), checks: [tally('ZT-A-001', {pass: 1}), tally('ZT-B-001', {pass: 1, fail: 1})], findings: [finding('ZT-B-001')], coverage: []}
    const partial = frameworkStatus(CATALOG, {...input, rules: [RULES[0], {id: 'ZT-B-001', controls: {demo: ['D-2']}}]})
    expect(partial.counts).to.deep.equal({pass: 1, fail: 1, notAssessed: 2})
    expect(partial.compliance).to.equal(50)
    const none = frameworkStatus(CATALOG, {...input, ran: new Set()})
    expect(none).to.not.have.property('compliance')
    expect(none).to.deep.include({id: 'demo', name: 'Demo framework', version: '1.0'})
  })
})

describe('the report’s frameworks section', () => {
  const NOW = new Date('2026-06-01T00:00:00Z')

  it('reports every built-in framework with a status per control', async () => {
    const {report} = await scan({manifests: ['test/fixtures/sarif/multi-doc.yaml'], now: NOW}, {version: '1.0.0'})
    const cis = report.frameworks?.find((f) => f.id === 'cis-k8s')
    expect(cis?.controls.find((c) => c.id === '5.3.2')).to.deep.include({status: 'fail', assessment: 'automated'})
    expect(cis?.controls.find((c) => c.id === '5.1.1')).to.deep.include({status: 'not-assessed'})
    for (const f of report.frameworks ?? []) {
      expect(f.counts.pass + f.counts.fail + f.counts.notAssessed).to.equal(f.controls.length)
      if (f.counts.pass + f.counts.fail > 0) expect(f.compliance, f.id).to.equal(Math.round((1000 * f.counts.pass) / (f.counts.pass + f.counts.fail)) / 10)
    }
  })

  it('does not assess network controls when a cluster scan could not read NetworkPolicies', async () => {
    const files = await loadManifests(['test/fixtures/sarif/multi-doc.yaml'])
    const resources = files.resources.filter((r) => r.ref.kind !== 'NetworkPolicy')
    const coverage: CoverageRow[] = [{kind: 'NetworkPolicy', status: 'forbidden', message: 'networkpolicies is forbidden'}]
    const {report} = await scan({now: NOW}, {version: '1.0.0', load: () => Promise.resolve({...files, resources, coverage, source: 'cluster', target: 'kind-test'})})
    const control = report.frameworks?.find((f) => f.id === 'cis-k8s')?.controls.find((c) => c.id === '5.3.2')
    expect(control?.status).to.equal('not-assessed')
    expect(control?.reason).to.match(/needs NetworkPolicy \(forbidden\), which the scan could not read/)
    expect(report.findings.filter((f) => f.category === 'default-deny' || f.category === 'wildcard-egress')).to.deep.equal([])
  })
})
