// What rule modules, built-in and plug-in, may import.
import type {Subject} from '../inventory/views.js'
import type {Severity} from '../model/severity.js'
import type {Rule} from './types.js'

export type {FindingInput, Rule, RuleContext, RuleMeta} from './types.js'
export {BUILTIN_CATEGORIES} from './types.js'
export type {ContainerView, NamespaceView, ServiceView, Subject, WorkloadView} from '../inventory/views.js'
export {type Inventory, WORKLOAD_KINDS} from '../inventory/index.js'
export * from '../inventory/network/index.js'
export * from '../inventory/ingress/index.js'
export * from '../inventory/mesh/index.js'
export * from '../inventory/rbac/index.js'
export {compileSelector, type Labels, type Selector} from '../inventory/selector.js'
export type {FieldPath, Resource, ResourceRef} from '../model/resource.js'
export type {Severity} from '../model/severity.js'

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info']

/** A severity `steps` levels lower, never below `floor`. */
export function lowerSeverity(severity: Severity, steps: number, floor: Severity = 'low'): Severity {
  const index = Math.min(SEVERITY_ORDER.indexOf(severity) + steps, SEVERITY_ORDER.indexOf(floor))
  return SEVERITY_ORDER[Math.max(index, SEVERITY_ORDER.indexOf(severity))]
}

/** Declares a rule; the subject type follows the target the rule checks. */
export function defineRule<S extends Subject>(rule: Rule<S>): Rule<S> {
  return rule
}
export {wildcardPeerRule, type WildcardPeerRuleOptions} from './wildcard-rule.js'
