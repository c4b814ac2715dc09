import {expect} from 'chai'

import type {AuditReport} from '../../src/model/report.js'
import {consoleReporter} from '../../src/reporters/console.js'

function report(overrides: Partial<AuditReport> = {}): AuditReport {
  return {
    schemaVersion: '1',
    tool: {name: 'zt-audit', version: '0.0.0'},
    scan: {source: 'manifests', target: 'dump.yaml', startedAt: '2026-01-01T00:00:00.000Z', objectsScanned: 3, rules: ['ZT-NET-001'], coverage: [], skippedDocuments: 1, namespaces: {scanned: ['shop'], skipped: ['kube-system']}},
    score: {value: 40, grade: 'F', byCategory: {'default-deny': 40}},
    summary: {bySeverity: {critical: 0, high: 1, medium: 0, low: 0, info: 0}, byCategory: {'default-deny': 1}, suppressed: 0},
    rules: [],
    checks: [{ruleId: 'ZT-NET-001', pass: 0, fail: 1, skip: 0, error: 1, errors: ['Namespace/x: kaput']}],
    findings: [{fingerprint: 'f', ruleId: 'ZT-NET-001', category: 'default-deny', severity: 'high', title: 't', message: 'Namespace shop has no NetworkPolicy.', resource: {apiVersion: 'v1', kind: 'Namespace', name: 'shop'}, location: {file: 'dump.yaml', line: 4}, controls: [], remediation: 'r'}],
    exceptions: [{rule: 'ZT-NET-002', resource: 'Namespace/old', reason: 'r', expires: '2025-01-01', status: 'expired', matched: 1, source: 'config'}],
    errors: [{file: 'dump.yaml', line: 9, message: 'invalid YAML: bad indentation'}],
    ...overrides,
  }
}

describe('console reporter', () => {
  it('summarises counts, findings with file:line, input problems, rule errors, skipped documents and expired exceptions', () => {
    const text = consoleReporter.render(report(), {color: false}) as string
    expect(text).to.contain('Score 40 (F)')
    expect(text).to.contain('HIGH     ZT-NET-001  Namespace/shop  dump.yaml:4')
    expect(text).to.contain('dump.yaml:9  invalid YAML: bad indentation')
    expect(text).to.contain('ZT-NET-001: 1 error(s), e.g. Namespace/x: kaput')
    expect(text).to.contain('1 document(s) were not Kubernetes objects')
    expect(text).to.contain('1 exception(s) expired and no longer apply: ZT-NET-002 Namespace/old (2025-01-01)')
    expect(text).to.not.contain('\u001B[')
  })

  it('shows coverage gaps prominently, and colours only when asked', () => {
    const gaps = report({scan: {...report().scan, coverage: [{kind: 'NetworkPolicy', status: 'forbidden', message: 'list networkpolicies is forbidden'}]}})
    const text = consoleReporter.render(gaps, {color: true}) as string
    expect(text).to.contain('Not assessed — 1 kind(s) could not be read:')
    expect(text).to.contain('NetworkPolicy: forbidden (list networkpolicies is forbidden)')
    expect(text).to.contain('\u001B[1;31mHIGH')
  })
})
