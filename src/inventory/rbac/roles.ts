import type {KubeObject} from '../../model/kube.js'
import type {Resource} from '../../model/resource.js'
import {asArray, asRecord, asStringMap, isRecord} from '../../util/guards.js'
import {compileSelector, type Labels, type Selector} from '../selector.js'
import {compileRbacRules, type RbacRule, rbacRuleSignature} from './rules.js'

export const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping'
export const BOOTSTRAP_VALUE = 'rbac-defaults'
/** `"false"` stops the API server from reconciling a default role or binding at start-up. */
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate'

export interface RoleView {
  readonly kind: 'Role' | 'ClusterRole'
  readonly name: string
  /** Roles only */
  readonly namespace?: string
  readonly labels: Labels
  /** absent for a built-in role known only from the shipped defaults */
  readonly resource?: Resource
  /** from the shipped defaults, not from the input */
  readonly builtin: boolean
  /** labelled kubernetes.io/bootstrapping=rbac-defaults */
  readonly bootstrap: boolean
  /** `rules` as written (for an aggregated role in a live dump, the aggregation controller's last result) */
  readonly rules: readonly RbacRule[]
  /** aggregationRule.clusterRoleSelectors; undefined when the role does not aggregate */
  readonly aggregation?: readonly Selector[]
  /** not annotated autoupdate: "false": the API server restores a default role of this name at start-up */
  readonly autoupdate: boolean
  /** an input role merged with the default of the same name, as the API server's reconciliation leaves it */
  readonly reconciled?: boolean
}

export const roleKey = (kind: string, name: string, namespace?: string): string => (kind === 'Role' ? `Role/${namespace ?? 'default'}/${name}` : `ClusterRole/${name}`)

export function compileRole(object: Readonly<KubeObject>, resource?: Resource): RoleView {
  const kind = object.kind === 'Role' ? 'Role' : 'ClusterRole'
  const name = String(object.metadata?.name ?? '')
  const namespace = kind === 'Role' ? (resource?.ref.namespace ?? object.metadata?.namespace ?? 'default') : undefined
  const labels = asStringMap(object.metadata?.labels)
  const aggregationRule = asRecord(object.aggregationRule)
  // a null selector selects nothing (LabelSelectorAsSelector(nil)); `{}` selects every ClusterRole
  const selectors = asArray(aggregationRule.clusterRoleSelectors).filter(isRecord)
  return {
    kind,
    name,
    ...(namespace === undefined ? {} : {namespace}),
    labels,
    ...(resource ? {resource} : {}),
    builtin: !resource,
    bootstrap: labels[BOOTSTRAP_LABEL] === BOOTSTRAP_VALUE,
    rules: compileRbacRules(object.rules, {kind, name, ...(namespace === undefined ? {} : {namespace})}, !resource),
    autoupdate: asStringMap(object.metadata?.annotations)[AUTOUPDATE_ANNOTATION] !== 'false',
    // a ClusterRole with an aggregationRule but no selectors aggregates nothing
    ...(kind === 'ClusterRole' && object.aggregationRule !== undefined && object.aggregationRule !== null
      ? {aggregation: selectors.map((s) => compileSelector(s))}
      : {}),
  }
}

export const describeRole = (role: Pick<RoleView, 'kind' | 'name' | 'namespace'>): string =>
  role.kind === 'Role' ? `Role ${role.namespace}/${role.name}` : `ClusterRole ${role.name}`

/**
 * A role of the input that has the name of a default one, as the API server's start-up reconciliation
 * leaves it unless annotated autoupdate: "false": missing rules, labels and the aggregationRule are added
 * back, extra ones are kept.
 */
export function reconcileRole(role: RoleView, shipped: RoleView): RoleView {
  if (!role.autoupdate) return role
  const seen = new Set(role.rules.map(rbacRuleSignature))
  const added = shipped.rules.filter((rule) => !seen.has(rbacRuleSignature(rule)))
  if (added.length === 0 && (role.aggregation || !shipped.aggregation) && Object.keys(shipped.labels).every((k) => k in role.labels)) return role
  return {
    ...role,
    labels: {...shipped.labels, ...role.labels},
    rules: [...role.rules, ...added],
    ...(role.aggregation || shipped.aggregation ? {aggregation: role.aggregation ?? shipped.aggregation} : {}),
    reconciled: true,
  }
}
