// Runs the scan use case over a source's result, so cluster and manifest scans can be compared.
import {expect} from 'chai'

import {scan} from '../../src/actions/scan.js'
import {loadRules} from '../../src/engine/loader.js'
import type {AuditReport} from '../../src/model/report.js'
import type {SourceResult} from '../../src/model/input.js'

export const NOW = new Date('2026-06-01T00:00:00Z')

export async function reportOf(source: SourceResult, namespaces?: string[]): Promise<AuditReport> {
  const outcome = await scan({now: NOW, ...(namespaces ? {namespaces} : {})}, {version: '0.0.0-test', load: () => Promise.resolve(source)})
  return outcome.report
}

/**
 * A finding without where it was found (cluster objects have no file and line) and without its message,
 * which names related objects in the order the input held them: a server lists by namespace and name.
 */
export function findingKeys(report: AuditReport): string[] {
  return report.findings.map((f) => `${f.fingerprint} ${f.ruleId} ${f.severity} ${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name}`).sort()
}

export function countsByKind(source: SourceResult): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const r of source.resources) counts[`${r.ref.apiVersion} ${r.ref.kind}`] = (counts[`${r.ref.apiVersion} ${r.ref.kind}`] ?? 0) + 1
  return counts
}

/** Each finding's message as a sorted bag of words: the same content, whatever order related objects came in. */
export function messageWords(report: AuditReport): Record<string, string> {
  return Object.fromEntries(report.findings.map((f) => [f.fingerprint, f.message.split(/[\s,;.]+/).sort().join(' ')]))
}

/**
 * Every rule that reads `kind` has no pass, fail or error and no finding: the source could not read the kind,
 * so the rule skipped. Returns the rules' ids.
 */
export async function expectRulesBlind(report: AuditReport, kind: string): Promise<string[]> {
  const readers = new Set((await loadRules()).filter(({rule}) => rule.meta.reads.includes(kind)).map(({rule}) => rule.meta.id))
  const tallies = report.checks.filter((t) => readers.has(t.ruleId))
  expect(tallies.length).to.be.greaterThan(0)
  for (const tally of tallies) expect(tally, tally.ruleId).to.include({pass: 0, fail: 0, error: 0})
  expect(report.findings.filter((f) => readers.has(f.ruleId))).to.deep.equal([])
  return [...readers]
}
