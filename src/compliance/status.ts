// Per-control status of one scan, computed from what the report holds: the rules that ran, their check
// tallies, the findings and the coverage of the kinds the rules read. Documented in docs/controls.md.
import type {Finding} from '../model/finding.js'
import type {CoverageRow} from '../model/input.js'
import type {ControlStatus, FrameworkStatus, RuleTally} from '../model/report.js'
import type {Catalog} from './catalog.js'
import {coverageOf, type RuleControls} from './coverage.js'

export interface StatusInput {
  /** every rule known to the scan, run or not */
  rules: readonly RuleControls[]
  /** ids of the rules that ran */
  ran: ReadonlySet<string>
  checks: readonly RuleTally[]
  findings: readonly Finding[]
  coverage: readonly CoverageRow[]
}

/** Coverage statuses that mean a kind could not be seen, so a rule reading it proves nothing. */
const BLIND: ReadonlySet<CoverageRow['status']> = new Set(['forbidden', 'error', 'absent'])

interface RuleVerdict {
  /** unsuppressed findings */
  open: number
  /** evaluated checks: passed, or failed with findings (suppressed ones included) */
  evaluated: number
  /** kinds the rule reads that the scan could not see */
  blind?: string
  /** why the rule says nothing at all */
  silent?: string
}

function verdicts(input: StatusInput): Map<string, RuleVerdict> {
  const open = new Map<string, number>()
  for (const f of input.findings) if (!f.suppressed) open.set(f.ruleId, (open.get(f.ruleId) ?? 0) + 1)
  const tallies = new Map(input.checks.map((t) => [t.ruleId, t]))
  const unseen = new Map(input.coverage.filter((row) => BLIND.has(row.status)).map((row) => [row.kind, row.status]))
  const out = new Map<string, RuleVerdict>()
  for (const rule of input.rules) {
    const tally = tallies.get(rule.id)
    const ran = input.ran.has(rule.id)
    const evaluated = ran && tally ? tally.pass + tally.fail : 0
    const blindKinds = ran ? (rule.reads ?? []).filter((kind) => unseen.has(kind)) : []
    let silent: string | undefined
    if (!ran) silent = `${rule.id} did not run`
    else if (!tally || tally.pass + tally.fail + tally.skip + tally.error === 0) silent = `${rule.id} found nothing to check`
    else if (evaluated === 0) silent = `every check of ${rule.id} was skipped or errored`
    out.set(rule.id, {
      open: ran ? (open.get(rule.id) ?? 0) : 0,
      evaluated,
      ...(blindKinds.length > 0 ? {blind: `${rule.id} needs ${blindKinds.map((k) => `${k} (${unseen.get(k)})`).join(', ')}, which the scan could not read`} : {}),
      ...(silent ? {silent} : {}),
    })
  }
  return out
}

/**
 * fail: a covering rule has an unsuppressed finding. not-assessed: no rule covers the control, or a
 * covering rule could not see what it needs (a kind forbidden, failing or absent), or no covering rule
 * evaluated a single subject. pass: otherwise.
 */
export function frameworkStatus(catalog: Catalog, input: StatusInput): FrameworkStatus {
  const byRule = verdicts(input)
  const controls: ControlStatus[] = coverageOf(catalog, input.rules).map(({control, rules, assessment}): ControlStatus => {
    const base = {id: control.id, title: control.title, assessment, rules}
    const ruleVerdicts = rules.map((id) => byRule.get(id) as RuleVerdict)
    const findings = ruleVerdicts.reduce((sum, v) => sum + v.open, 0)
    if (findings > 0) return {...base, status: 'fail', findings}
    if (rules.length === 0) return {...base, status: 'not-assessed', findings, reason: `${assessment}: ${control.reason ?? 'no rule covers it'}`}
    const blind = ruleVerdicts.filter((v) => v.blind).map((v) => v.blind)
    if (blind.length > 0) return {...base, status: 'not-assessed', findings, reason: blind.join('; ')}
    if (ruleVerdicts.some((v) => v.evaluated > 0)) return {...base, status: 'pass', findings}
    return {...base, status: 'not-assessed', findings, reason: ruleVerdicts.map((v) => v.silent).join('; ')}
  })
  const counts = {
    pass: controls.filter((c) => c.status === 'pass').length,
    fail: controls.filter((c) => c.status === 'fail').length,
    notAssessed: controls.filter((c) => c.status === 'not-assessed').length,
  }
  const assessed = counts.pass + counts.fail
  return {
    id: catalog.id,
    name: catalog.name,
    version: catalog.version,
    ...(assessed === 0 ? {} : {compliance: Math.round((1000 * counts.pass) / assessed) / 10}),
    counts,
    controls,
  }
}

export function frameworksStatus(catalogs: readonly Catalog[], input: StatusInput): FrameworkStatus[] {
  return catalogs.map((catalog) => frameworkStatus(catalog, input))
}
