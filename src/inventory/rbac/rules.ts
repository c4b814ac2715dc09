import type {FieldPath} from '../../model/resource.js'
import {asArray, asRecord} from '../../util/guards.js'

/** Where a grant applies: the whole cluster (ClusterRoleBinding) or one namespace (RoleBinding). */
export type RbacScope = {type: 'cluster'} | {type: 'namespace'; namespace: string}

/** One entry of a role's `rules`, as the RBAC authorizer reads it. */
export interface RbacRule {
  /** index in the `rules` of the role that writes it */
  readonly index: number
  /** the rule inside the object of the role that writes it */
  readonly path: FieldPath
  /** the role that writes the rule: the bound role itself, or one aggregated into it */
  readonly source: {readonly kind: 'Role' | 'ClusterRole'; readonly name: string; readonly namespace?: string}
  readonly verbs: readonly string[]
  readonly apiGroups: readonly string[]
  readonly resources: readonly string[]
  readonly resourceNames: readonly string[]
  readonly nonResourceURLs: readonly string[]
  /** from Kubernetes' shipped defaults, not written in the input */
  readonly builtin?: boolean
}

/** A request as the authorizer sees it: `resource` may carry a subresource (`pods/exec`). */
export interface RbacRequest {
  verb: string
  group: string
  resource: string
}

const strings = (value: unknown): string[] => asArray(value).filter((v): v is string => typeof v === 'string')

export function compileRbacRules(raw: unknown, source: RbacRule['source'], builtin = false): RbacRule[] {
  return asArray(raw).map((entry, index) => {
    const rule = asRecord(entry)
    return {
      ...(builtin ? {builtin} : {}),
      index,
      path: ['rules', index],
      source,
      verbs: strings(rule.verbs),
      apiGroups: strings(rule.apiGroups),
      resources: strings(rule.resources),
      resourceNames: strings(rule.resourceNames),
      nonResourceURLs: strings(rule.nonResourceURLs),
    }
  })
}

/**
 * Resources that live outside namespaces (and the pseudo-resources impersonation and CSR signing check
 * without one): a RoleBinding never grants them, whatever its role says.
 */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  '/nodes',
  '/persistentvolumes',
  '/users',
  '/groups',
  '/uids',
  'authentication.k8s.io/userextras',
  'certificates.k8s.io/certificatesigningrequests',
  'certificates.k8s.io/signers',
  'admissionregistration.k8s.io/validatingwebhookconfigurations',
  'admissionregistration.k8s.io/mutatingwebhookconfigurations',
  'admissionregistration.k8s.io/validatingadmissionpolicies',
  'admissionregistration.k8s.io/validatingadmissionpolicybindings',
  'admissionregistration.k8s.io/mutatingadmissionpolicies',
  'admissionregistration.k8s.io/mutatingadmissionpolicybindings',
  'rbac.authorization.k8s.io/clusterrolebindings',
  'apiextensions.k8s.io/customresourcedefinitions',
  'apiregistration.k8s.io/apiservices',
  'policy.networking.k8s.io/adminnetworkpolicies',
  'policy.networking.k8s.io/baselineadminnetworkpolicies',
  'cilium.io/ciliumclusterwidenetworkpolicies',
  'crd.projectcalico.org/globalnetworkpolicies',
  'projectcalico.org/globalnetworkpolicies',
])

export function isClusterScopedResource(group: string, resource: string): boolean {
  const base = resource.split('/')[0]
  return CLUSTER_SCOPED.has(`${group}/${base}`)
}

export const verbMatches = (rule: RbacRule, verb: string): boolean => rule.verbs.includes('*') || rule.verbs.includes(verb)

export const groupMatches = (rule: RbacRule, group: string): boolean => rule.apiGroups.includes('*') || rule.apiGroups.includes(group)

// Kubernetes' ResourceMatches: a star, the exact resource[/subresource], or a star before /subresource
export function resourceMatches(rule: RbacRule, resource: string): boolean {
  const slash = resource.indexOf('/')
  const subresource = slash < 0 ? '' : resource.slice(slash + 1)
  return rule.resources.some((r) => r === '*' || r === resource || (subresource !== '' && r === `*/${subresource}`))
}

/**
 * Whether the rule rbacAllows the request at this scope, ignoring `resourceNames` (callers grade a name-limited
 * grant separately). Cluster-scoped resources are never granted in a namespace.
 */
export function rbacAllows(rule: RbacRule, request: RbacRequest, scope: RbacScope): boolean {
  if (rule.resources.length === 0) return false
  if (scope.type === 'namespace' && isClusterScopedResource(request.group, request.resource)) return false
  return verbMatches(rule, request.verb) && groupMatches(rule, request.group) && resourceMatches(rule, request.resource)
}

/** Every verb, group and resource: what cluster-admin holds. */
export function isFullWildcard(rule: RbacRule): boolean {
  return rule.verbs.includes('*') && rule.apiGroups.includes('*') && rule.resources.includes('*')
}

/** A rule as one line, e.g. `get,list,watch secrets ("" group)` or `get /metrics`. */
export function describeRbacRule(rule: RbacRule): string {
  const verbs = rule.verbs.join(',') || '(no verbs)'
  if (rule.resources.length === 0 && rule.nonResourceURLs.length > 0) return `${verbs} ${rule.nonResourceURLs.join(',')}`
  const groups = rule.apiGroups.map((g) => (g === '' ? '""' : g)).join(',')
  const names = rule.resourceNames.length > 0 ? ` named ${rule.resourceNames.join(',')}` : ''
  return `${verbs} ${rule.resources.join(',') || '(no resources)'}${names} (apiGroups ${groups || '(none)'})`
}

/** Two rules that grant the same, whatever role writes them. */
export function rbacRuleSignature(rule: RbacRule): string {
  const sorted = (list: readonly string[]): string => [...list].sort().join(',')
  return [rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs].map(sorted).join('|')
}
