import type {CheckResult, Finding} from '../model/finding.js'
import type {AuditReport} from '../model/report.js'
import {refKey} from '../model/resource.js'
import {type Severity, severityRank} from '../model/severity.js'

/** How much one check weighs in the score, by the severity at stake. Documented in docs/scoring.md. */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = {critical: 10, high: 6, medium: 3, low: 1, info: 0}

const GRADES: readonly [number, AuditReport['score']['grade']][] = [
  [90, 'A'],
  [80, 'B'],
  [70, 'C'],
  [60, 'D'],
  [50, 'E'],
]

export function grade(value: number): AuditReport['score']['grade'] {
  return GRADES.find(([min]) => value >= min)?.[1] ?? 'F'
}

interface WeightedCheck {
  category: string
  namespace: string
  weight: number
  failed: boolean
}

/** The key cluster-scoped subjects (and the whole-input `Cluster` subject) are scored under in `byNamespace`. */
export const CLUSTER_SCOPE = '(cluster)'

/** The namespace a check belongs to: a Namespace's own name, a namespaced subject's namespace, else the cluster. */
export function namespaceKey(subject: CheckResult['subject']): string {
  if (subject.kind === 'Namespace' && subject.apiVersion === 'v1') return subject.name
  return subject.namespace ?? CLUSTER_SCOPE
}

/**
 * Score = 100 × (1 − failed weight ÷ evaluated weight). A passed check weighs its rule's severity; a
 * failed one the highest severity among its unsuppressed findings (a check whose findings are all
 * suppressed counts as passed). Skipped and errored checks are left out of both sides. The same formula
 * over each category's and each namespace's checks gives `byCategory` and `byNamespace`.
 */
export function computeScore(
  results: readonly CheckResult[],
  findings: readonly Finding[],
  ruleInfo: ReadonlyMap<string, {category: string; severity: Severity}>,
): AuditReport['score'] {
  const worst = new Map<string, Severity>()
  for (const f of findings) {
    if (f.suppressed) continue
    const key = `${f.ruleId} ${refKey(f.resource)}`
    const current = worst.get(key)
    if (!current || severityRank(f.severity) < severityRank(current)) worst.set(key, f.severity)
  }
  const checks: WeightedCheck[] = []
  for (const result of results) {
    if (result.status !== 'pass' && result.status !== 'fail') continue
    const info = ruleInfo.get(result.ruleId)
    if (!info) continue
    const failedAt = result.status === 'fail' ? worst.get(`${result.ruleId} ${refKey(result.subject)}`) : undefined
    checks.push({category: info.category, namespace: namespaceKey(result.subject), weight: SEVERITY_WEIGHTS[failedAt ?? info.severity], failed: failedAt !== undefined})
  }
  const value = scoreOf(checks)
  return {value, grade: grade(value), byCategory: scoresBy(checks, (c) => c.category), byNamespace: scoresBy(checks, (c) => c.namespace)}
}

/** The same formula over each group of checks, keys sorted; groups without an evaluated check have no entry. */
function scoresBy(checks: readonly WeightedCheck[], key: (c: WeightedCheck) => string): Record<string, number> {
  const groups = new Map<string, WeightedCheck[]>()
  for (const c of checks) {
    const group = groups.get(key(c))
    if (group) group.push(c)
    else groups.set(key(c), [c])
  }
  return Object.fromEntries([...groups.keys()].sort().map((k) => [k, scoreOf(groups.get(k) as WeightedCheck[])]))
}

function scoreOf(checks: readonly WeightedCheck[]): number {
  let total = 0
  let failed = 0
  for (const c of checks) {
    total += c.weight
    if (c.failed) failed += c.weight
  }
  if (total === 0) return 100
  return Math.round(1000 * (1 - failed / total)) / 10
}
