// The risky permissions of the RBAC rules, each with its severity grading, shared by the per-permission
// rules (on subjects) and the workload rule (on the service account a workload runs as).
import {describeRbacRule, groupMatches, isFullWildcard, lowerSeverity, rbacAllows, type RbacRequest, type RbacRule, type RbacScope, type Severity, verbMatches} from '../../src/sdk/index.js'

export interface PermissionMatch {
  severity: Severity
  /** what the rule lets its holder do, e.g. `list secrets` */
  detail: string
  /** the rule that carries it */
  rule: RbacRule
}

export interface Permission {
  /** e.g. `read secrets`, for messages that list several */
  name: string
  /** the strongest match among a role's effective rules at a scope */
  match(rules: readonly RbacRule[], scope: RbacScope): PermissionMatch | undefined
}

const ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info']
export const stronger = (a: Severity, b: Severity): boolean => ORDER.indexOf(a) < ORDER.indexOf(b)

/** A namespace grant is one level below the same grant cluster-wide; each further step is one more. */
export function graded(base: Severity, scope: RbacScope, steps = 0): Severity {
  return lowerSeverity(base, steps + (scope.type === 'namespace' ? 1 : 0))
}

const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const
const READ = ['get', 'list', 'watch'] as const

/** The verbs of `verbs` the rule rbacAllows on one of the resources. */
function allowed(rule: RbacRule, verbs: readonly string[], targets: readonly (readonly [string, string])[], scope: RbacScope): {verbs: string[]; resources: string[]} {
  const okVerbs = new Set<string>()
  const okResources = new Set<string>()
  // most rules share no verb or group with the question: answer those without matching resources
  const candidates = verbs.filter((verb) => verbMatches(rule, verb))
  if (candidates.length === 0 || rule.resources.length === 0) return {verbs: [], resources: []}
  for (const [group, resource] of targets) {
    if (!groupMatches(rule, group)) continue
    for (const verb of candidates) {
      const request: RbacRequest = {verb, group, resource}
      if (!rbacAllows(rule, request, scope)) continue
      okVerbs.add(verb)
      okResources.add(resource)
    }
  }
  return {verbs: [...okVerbs], resources: [...okResources]}
}

/** Builds a permission from a per-rule test; full-wildcard rules are left to the admin permission. */
function permission(name: string, test: (rule: RbacRule, scope: RbacScope) => Omit<PermissionMatch, 'rule'> | undefined, options: {wildcards?: boolean} = {}): Permission {
  return {
    name,
    match(rules, scope) {
      let best: PermissionMatch | undefined
      for (const rule of rules) {
        if (!options.wildcards && isFullWildcard(rule)) continue
        const found = test(rule, scope)
        if (found && (!best || stronger(found.severity, best.severity))) best = {...found, rule}
      }
      return best
    },
  }
}

const named = (rule: RbacRule): number => (rule.resourceNames.length > 0 ? 1 : 0)
const namesNote = (rule: RbacRule): string => (rule.resourceNames.length > 0 ? ` (only ${rule.resourceNames.join(', ')})` : '')

/** `*` in every field: cluster-admin's rule. */
export const fullAdmin = permission(
  'do anything (every verb on every resource)',
  (rule, scope) => (isFullWildcard(rule) ? {severity: graded('critical', scope, named(rule)), detail: `do anything: ${describeRbacRule(rule)}`} : undefined),
  {wildcards: true},
)

/** `*` in verbs, resources or apiGroups, short of full admin. */
export const wildcards = permission('use wildcard permissions', (rule, scope) => {
  if (rule.resources.length === 0 || isFullWildcard(rule)) return undefined
  const fields = (['verbs', 'apiGroups', 'resources'] as const).filter((f) => rule[f].includes('*'))
  if (fields.length === 0) return undefined
  // every resource of the core group (or of every group) includes Secrets, pods/exec and whatever comes next;
  // every resource of a named group is usually an operator's own CRDs
  const everything = rule.resources.includes('*') && (rule.apiGroups.includes('') || rule.apiGroups.includes('*'))
  const readOnly = rule.verbs.every((v) => (READ as readonly string[]).includes(v))
  return {
    severity: graded(everything ? 'high' : 'medium', scope, named(rule) + (readOnly ? 1 : 0)),
    detail: `use \`*\` in ${fields.join(' and ')}: ${describeRbacRule(rule)}`,
  }
})

export const secretsRead = permission('read secrets', (rule, scope) => {
  const {verbs} = allowed(rule, READ, [['', 'secrets']], scope)
  if (verbs.length === 0) return undefined
  return {severity: graded('high', scope, named(rule)), detail: `${verbs.join(', ')} secrets${namesNote(rule)}`}
})

export const podExec = permission('exec, attach, debug or port-forward into pods', (rule, scope) => {
  const targets = [['', 'pods/exec'], ['', 'pods/attach'], ['', 'pods/portforward']] as const
  const create = allowed(rule, ['create'], targets, scope)
  if (create.resources.length > 0) return {severity: graded('high', scope, named(rule)), detail: `create ${create.resources.join(', ')}${namesNote(rule)}`}
  // adding an ephemeral (debug) container to a running pod runs any command in it
  const debug = allowed(rule, ['update', 'patch'], [['', 'pods/ephemeralcontainers']], scope)
  if (debug.verbs.length > 0) return {severity: graded('high', scope, named(rule)), detail: `${debug.verbs.join(', ')} pods/ephemeralcontainers${namesNote(rule)}`}
  // before the WebSocket upgrade required `create` (AuthorizePodWebsocketUpgradeCreatePermission), `get` was enough
  const get = allowed(rule, ['get'], targets, scope)
  if (get.resources.length > 0) return {severity: graded('high', scope, named(rule) + 1), detail: `get ${get.resources.join(', ')} (enough for a WebSocket exec on clusters that do not require create)${namesNote(rule)}`}
  return undefined
})

const POD_BEARING = [
  ['', 'pods'],
  ['', 'replicationcontrollers'],
  ['apps', 'deployments'],
  ['apps', 'daemonsets'],
  ['apps', 'statefulsets'],
  ['apps', 'replicasets'],
  ['extensions', 'deployments'],
  ['extensions', 'daemonsets'],
  ['extensions', 'replicasets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
] as const

// resourceNames cannot restrict create: the name is not known when the request is authorized
export const podCreate = permission('create pods or workloads', (rule, scope) => {
  const {resources} = allowed(rule, ['create'], POD_BEARING, scope)
  if (resources.length === 0) return undefined
  return {severity: graded('high', scope), detail: `create ${resources.join(', ')}`}
})

const RBAC_GROUP = 'rbac.authorization.k8s.io'

export const escalation = permission('escalate, bind or impersonate', (rule, scope) => {
  const found: string[] = []
  const escalate = allowed(rule, ['escalate', 'bind'], [[RBAC_GROUP, 'roles'], [RBAC_GROUP, 'clusterroles']], scope)
  if (escalate.verbs.length > 0) found.push(`${escalate.verbs.join(', ')} ${escalate.resources.join(', ')}`)
  const impersonate = allowed(rule, ['impersonate'], [['', 'users'], ['', 'groups'], ['', 'serviceaccounts']], scope)
  if (impersonate.verbs.length > 0) {
    const masters = impersonate.resources.includes('groups') && (rule.resourceNames.length === 0 || rule.resourceNames.includes('system:masters'))
    found.push(`impersonate ${impersonate.resources.join(', ')}${masters ? ' (including the group system:masters)' : ''}`)
  }
  if (found.length === 0) return undefined
  return {severity: graded('critical', scope, named(rule)), detail: `${found.join('; ')}${namesNote(rule)}`}
})

export const nodesProxy = permission('reach the kubelet API (nodes/proxy)', (rule, scope) => {
  const sub = allowed(rule, ['get', 'create', 'update', 'patch', 'delete'], [['', 'nodes/proxy']], scope)
  const verb = allowed(rule, ['proxy'], [['', 'nodes']], scope)
  if (sub.verbs.length === 0 && verb.verbs.length === 0) return undefined
  const detail = [...(sub.verbs.length ? [`${sub.verbs.join(', ')} nodes/proxy`] : []), ...(verb.verbs.length ? ['proxy nodes'] : [])].join('; ')
  return {severity: graded('high', scope, named(rule)), detail: `${detail}${namesNote(rule)}`}
})

/** NetworkPolicy and the mesh's security resources: whoever writes them can switch zero trust off. */
const ZERO_TRUST_RESOURCES = [
  ['networking.k8s.io', 'networkpolicies'],
  ['extensions', 'networkpolicies'],
  ['policy.networking.k8s.io', 'adminnetworkpolicies'],
  ['policy.networking.k8s.io', 'baselineadminnetworkpolicies'],
  ['cilium.io', 'ciliumnetworkpolicies'],
  ['cilium.io', 'ciliumclusterwidenetworkpolicies'],
  ['crd.projectcalico.org', 'networkpolicies'],
  ['crd.projectcalico.org', 'globalnetworkpolicies'],
  ['projectcalico.org', 'networkpolicies'],
  ['projectcalico.org', 'globalnetworkpolicies'],
  ['security.istio.io', 'peerauthentications'],
  ['security.istio.io', 'authorizationpolicies'],
  ['security.istio.io', 'requestauthentications'],
  ['networking.istio.io', 'envoyfilters'],
  ['networking.istio.io', 'sidecars'],
  ['policy.linkerd.io', 'servers'],
  ['policy.linkerd.io', 'serverauthorizations'],
  ['policy.linkerd.io', 'authorizationpolicies'],
  ['policy.linkerd.io', 'meshtlsauthentications'],
  ['policy.linkerd.io', 'networkauthentications'],
] as const

export const zeroTrustWrite = permission('change NetworkPolicies or mesh security policy', (rule, scope) => {
  const {verbs, resources} = allowed(rule, WRITE, ZERO_TRUST_RESOURCES, scope)
  if (verbs.length === 0) return undefined
  return {severity: graded('high', scope, named(rule)), detail: `${verbs.join(', ')} ${resources.join(', ')}${namesNote(rule)}`}
})

const ADMISSION = 'admissionregistration.k8s.io'
const ADMISSION_RESOURCES = [
  [ADMISSION, 'validatingwebhookconfigurations'],
  [ADMISSION, 'mutatingwebhookconfigurations'],
  [ADMISSION, 'validatingadmissionpolicies'],
  [ADMISSION, 'validatingadmissionpolicybindings'],
  [ADMISSION, 'mutatingadmissionpolicies'],
  [ADMISSION, 'mutatingadmissionpolicybindings'],
] as const

export const admissionWrite = permission('change admission webhooks or policies', (rule, scope) => {
  const {verbs, resources} = allowed(rule, WRITE, ADMISSION_RESOURCES, scope)
  if (verbs.length === 0) return undefined
  return {severity: graded('high', scope, named(rule)), detail: `${verbs.join(', ')} ${resources.join(', ')}${namesNote(rule)}`}
})

export const tokenCreate = permission('create service account tokens', (rule, scope) => {
  const {verbs} = allowed(rule, ['create'], [['', 'serviceaccounts/token']], scope)
  if (verbs.length === 0) return undefined
  return {severity: graded('high', scope, named(rule)), detail: `create serviceaccounts/token${namesNote(rule)}`}
})

/** What the workload rule weighs: every permission a stolen token could use. */
export const TOKEN_PERMISSIONS: readonly Permission[] = [fullAdmin, escalation, wildcards, secretsRead, podExec, podCreate, nodesProxy, tokenCreate, zeroTrustWrite, admissionWrite]
