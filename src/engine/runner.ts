import type {Inventory} from '../inventory/index.js'
import type {Subject} from '../inventory/views.js'
import type {CheckResult, ControlRef, Finding} from '../model/finding.js'
import type {RuleTally} from '../model/report.js'
import type {FieldPath, Resource} from '../model/resource.js'
import type {Severity} from '../model/severity.js'
import type {FindingInput, Rule} from '../sdk/types.js'
import type {Config} from './config.js'
import {fingerprint} from './fingerprint.js'

export interface RunOptions {
  now: Date
  config: Config
  /** when set, namespaced subjects outside these namespaces are not checked at all */
  onlyNamespaces?: ReadonlySet<string>
  /** kinds the source could not read, with the reason; rules that read them are skipped, never passed */
  unreadable?: ReadonlyMap<string, string>
}

export interface RunOutcome {
  findings: Finding[]
  results: CheckResult[]
  tallies: RuleTally[]
}

const MAX_ERRORS_KEPT = 5

/** The namespace a subject belongs to; a Namespace belongs to itself. */
function namespaceOf(subject: Subject): string | undefined {
  return subject.ref.kind === 'Namespace' && subject.ref.apiVersion === 'v1' ? subject.ref.name : subject.ref.namespace
}

export function controlsOf(rule: Rule): ControlRef[] {
  return Object.entries(rule.meta.controls)
    .flatMap(([framework, ids]) => ids.map((id) => ({framework, id})))
    .sort((a, b) => a.framework.localeCompare(b.framework) || a.id.localeCompare(b.id, 'en', {numeric: true}))
}

/** Where a finding points: an object and a field path in it. */
interface Target {
  resource: Resource
  path: FieldPath
}

function targetOf(subject: Subject, input: FindingInput): Target | undefined {
  const path = input.path ?? []
  if (input.at) return {resource: input.at, path}
  if (subject.resource) return {resource: subject.resource, path}
  return subject.anchor
}

/**
 * Resolves the findings' locations, object by object: a source map reads an object's text back to find a
 * line, so the findings on one object (reported by many rules) share one read instead of one each.
 */
function locateAll(pending: readonly {finding: Finding; target: Target}[]): void {
  const byResource = new Map<Resource, {finding: Finding; target: Target}[]>()
  for (const item of pending) {
    const list = byResource.get(item.target.resource)
    if (list) list.push(item)
    else byResource.set(item.target.resource, [item])
  }
  for (const [resource, items] of byResource) {
    for (const {finding, target} of items) {
      const location = resource.locate(target.path)
      if (location) finding.location = location
    }
  }
}

function causeOf(input: FindingInput): string {
  if (input.cause !== undefined) return input.cause
  const at = input.at ? `${input.at.ref.kind}/${input.at.ref.namespace ?? ''}/${input.at.ref.name}:` : ''
  return at + (input.path ?? []).join('.')
}

/**
 * Runs each enabled rule on each of its subjects. Every check yields pass, fail, skip or error; a rule
 * that throws is recorded as an error for that subject and the scan goes on.
 */
export function runRules(rules: readonly Rule[], inventory: Inventory, options: RunOptions): RunOutcome {
  const {config, now, onlyNamespaces} = options
  const skipped = new Set(config.skipNamespaces)
  const findings: Finding[] = []
  const results: CheckResult[] = []
  const tallies: RuleTally[] = []
  const pending: {finding: Finding; target: Target}[] = []

  for (const rule of rules) {
    const settings = config.rules[rule.meta.id]
    if (settings?.enabled === false) continue
    const {meta} = rule
    const controls = controlsOf(rule)
    const tally: RuleTally = {ruleId: meta.id, pass: 0, fail: 0, skip: 0, error: 0}
    const record = (subject: Subject, status: CheckResult['status'], reason?: string): void => {
      tally[status]++
      results.push({ruleId: meta.id, subject: subject.ref, status, ...(reason ? {reason} : {})})
    }
    const blind = meta.reads.filter((kind) => options.unreadable?.has(kind)).map((kind) => `cannot read ${kind}: ${options.unreadable?.get(kind)}`)

    for (const subject of inventory.subjects(meta.target)) {
      const namespace = namespaceOf(subject)
      if (onlyNamespaces && namespace !== undefined && !onlyNamespaces.has(namespace)) continue
      if (namespace !== undefined && skipped.has(namespace)) {
        record(subject, 'skip', `namespace ${namespace} is excluded by configuration`)
        continue
      }
      if (blind.length > 0) {
        record(subject, 'skip', blind.join('; '))
        continue
      }
      const reported: FindingInput[] = []
      let skipReason: string | undefined
      try {
        rule.check(subject, {
          inventory,
          now,
          options: settings?.options ?? {},
          report: (input) => reported.push(input),
          skip: (reason) => {
            skipReason = reason
          },
        })
      } catch (error) {
        const message = `${subject.ref.kind}/${subject.ref.namespace ? `${subject.ref.namespace}/` : ''}${subject.ref.name}: ${(error as Error).message ?? String(error)}`
        record(subject, 'error', message)
        if ((tally.errors ??= []).length < MAX_ERRORS_KEPT) tally.errors.push(message)
        continue
      }
      if (reported.length === 0) {
        record(subject, skipReason === undefined ? 'pass' : 'skip', skipReason)
        continue
      }
      record(subject, 'fail')
      for (const input of reported) {
        const severity: Severity = settings?.severity ?? input.severity ?? meta.severity
        const finding: Finding = {
          fingerprint: fingerprint(meta.id, subject.ref, causeOf(input)),
          ruleId: meta.id,
          category: meta.category,
          severity,
          title: meta.title,
          message: input.message,
          resource: subject.ref,
          controls,
          remediation: meta.remediation,
          ...(input.evidence ? {evidence: input.evidence} : {}),
        }
        findings.push(finding)
        const target = targetOf(subject, input)
        if (target) pending.push({finding, target})
      }
    }
    tallies.push(tally)
  }
  locateAll(pending)
  return {findings, results, tallies}
}
