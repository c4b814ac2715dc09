// The score per namespace (docs/scoring.md): the same formula over the checks of each namespace's subjects,
// cluster-scoped subjects under `(cluster)`.
import {expect} from 'chai'

import type {CheckResult, Finding} from '../../src/model/finding.js'
import type {ResourceRef} from '../../src/model/resource.js'
import {CLUSTER_SCOPE, computeScore, namespaceKey} from '../../src/scoring/score.js'

const NS = (name: string): ResourceRef => ({apiVersion: 'v1', kind: 'Namespace', name})
const DEPLOY = (namespace: string, name: string): ResourceRef => ({apiVersion: 'apps/v1', kind: 'Deployment', namespace, name})
const ROLE: ResourceRef = {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'admin'}

function check(ruleId: string, subject: ResourceRef, status: CheckResult['status']): CheckResult {
  return {ruleId, subject, status}
}

function finding(ruleId: string, resource: ResourceRef, severity: Finding['severity'], suppressed = false): Finding {
  return {fingerprint: `${ruleId}${resource.name}`, ruleId, category: 'x', severity, title: 't', message: 'm', resource, controls: [], remediation: 'r', ...(suppressed ? {suppressed: {reason: 'ok'}} : {})}
}

const INFO = new Map([
  ['ZT-NET-001', {category: 'default-deny', severity: 'high' as const}],
  ['ZT-NET-004', {category: 'default-deny', severity: 'medium' as const}],
  ['ZT-RBAC-001', {category: 'rbac-overreach', severity: 'critical' as const}],
])

describe('score per namespace', () => {
  it('groups checks by the subject’s namespace: a Namespace by its own name, cluster-scoped subjects under (cluster)', () => {
    expect(namespaceKey(NS('shop'))).to.equal('shop')
    expect(namespaceKey(DEPLOY('shop', 'web'))).to.equal('shop')
    expect(namespaceKey(ROLE)).to.equal(CLUSTER_SCOPE)
    expect(namespaceKey({apiVersion: 'zt-audit/v1', kind: 'Cluster', name: 'input'})).to.equal('(cluster)')
  })

  it('applies the overall formula to each namespace, leaving skipped and errored checks out', () => {
    const results = [
      check('ZT-NET-001', NS('shop'), 'fail'),
      check('ZT-NET-004', DEPLOY('shop', 'web'), 'pass'),
      check('ZT-NET-001', NS('cache'), 'pass'),
      check('ZT-NET-004', DEPLOY('cache', 'redis'), 'error'),
      check('ZT-NET-001', NS('kube-system'), 'skip'),
      check('ZT-RBAC-001', ROLE, 'fail'),
    ]
    const findings = [finding('ZT-NET-001', NS('shop'), 'high'), finding('ZT-RBAC-001', ROLE, 'critical', true)]
    const score = computeScore(results, findings, INFO)
    // shop: failed high (6) of high (6) + medium (3) → 100 × (1 − 6/9)
    expect(score.byNamespace).to.deep.equal({'(cluster)': 100, cache: 100, shop: 33.3})
    expect(Object.keys(score.byNamespace ?? {})).to.deep.equal(['(cluster)', 'cache', 'shop'])
    // overall: 6 failed of 6 + 3 + 6 + 10 (the suppressed critical counts as passed)
    expect(score.value).to.equal(76)
    expect(score.byCategory).to.deep.equal({'default-deny': 60, 'rbac-overreach': 100})
  })
})
