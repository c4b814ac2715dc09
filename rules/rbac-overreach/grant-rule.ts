// Shared by the rules that report what a subject can do: which of its grants count, and how a finding
// names the subject, the binding that grants it, the role and the rule line that carries the permission.
import {
  describeBinding,
  describeRbacIdentity,
  describeRole,
  describeRbacRule,
  describeRbacScope,
  type FindingInput,
  type Grant,
  RBAC_KINDS,
  type RbacGraph,
  type RbacSubjectView,
  type Rule,
  type RuleContext,
  type RuleMeta,
} from '../../src/sdk/index.js'
import type {Permission, PermissionMatch} from './permissions.js'

/** Said in every subject rule's documentation: what is not reported, and how to have it reported. */
export const SYSTEM_NOTE = `Kubernetes' own grants are not findings: the bootstrap bindings (labelled \`kubernetes.io/bootstrapping: rbac-defaults\`, for the subjects Kubernetes binds; anyone else added to such a binding is reported), the control-plane identities (\`system:kube-controller-manager\`, \`system:kube-scheduler\`, \`system:kube-proxy\`, \`system:apiserver\`, \`system:node:*\`, kubeadm's \`kube-apiserver-kubelet-client\`, the groups \`system:nodes\`, \`system:masters\`, \`system:monitoring\`, \`system:bootstrappers*\` and kubeadm's \`kubeadm:cluster-admins\`) and the controllers' service accounts in \`kube-system\` bound to \`system:\` roles (\`system:controller:*\`…). To check them too, set the rule's options in the config file: \`rules: {<rule id>: {options: {includeSystem: true}}}\`. Bindings to built-in roles (\`cluster-admin\`, \`admin\`, \`edit\`, \`view\`, \`system:*\`) are understood without the roles in the input, from Kubernetes' default policy shipped with zt-audit; aggregated ClusterRoles are resolved from the aggregation labels of every ClusterRole known.`

export const SUBJECT_READS = [...RBAC_KINDS]

const key = (b: Grant['binding']): string => [b.kind, b.namespace, b.name].filter(Boolean).join('/')

/**
 * The grants of the bindings in the input that name the subject, once per binding, without Kubernetes' own
 * unless `includeSystem`. `system` counts the grants left out, so a subject with only those can be skipped.
 */
export function subjectGrants(subject: RbacSubjectView, ctx: RuleContext): {grants: Grant[]; system: number} {
  const graph = ctx.inventory.rbac
  const includeSystem = ctx.options.includeSystem === true
  const seen = new Set<string>()
  const grants: Grant[] = []
  let system = 0
  for (const grant of graph.grantsOf(subject)) {
    if (!grant.binding.resource || seen.has(key(grant.binding))) continue
    seen.add(key(grant.binding))
    if (!includeSystem && graph.systemReason(grant.binding, grant.subject)) system++
    else grants.push(grant)
  }
  return {grants, system}
}

export const SYSTEM_SKIP = "its only grants are Kubernetes' own (set options.includeSystem to check them)"

/** Where the rule that carries a permission is written: `file:line`, or the shipped defaults. */
export function ruleLocation(graph: RbacGraph, match: PermissionMatch): string {
  const {source, index} = match.rule
  const role = graph.role(source.kind, source.name, source.namespace)
  if (match.rule.builtin || !role?.resource) return "Kubernetes' default policy (rules/data/kubernetes-default-rbac.yaml)"
  const location = role.resource.locate(match.rule.path)
  return location ? `${location.file}:${location.line}` : `${describeRole(role)} rules[${index}]`
}

/** How the grant reaches the permission: `ClusterRoleBinding x → ClusterRole y, rule 2` (and the aggregation, if any). */
export function describePath(grant: Grant, match: PermissionMatch): string {
  const {source, index} = match.rule
  const aggregated = source.name !== grant.role.name || source.kind !== grant.role.kind ? `, which aggregates ${describeRole(source)}: its rule ${index}` : `, rule ${index}`
  return `${describeBinding(grant.binding)} → ${describeRole(grant.role)}${aggregated}`
}

export function grantEvidence(graph: RbacGraph, grant: Grant, match: PermissionMatch): Record<string, unknown> {
  const {source, index} = match.rule
  return {
    subject: describeRbacIdentity(grant.holder),
    binding: key(grant.binding),
    role: [grant.role.kind, grant.role.namespace, grant.role.name].filter(Boolean).join('/'),
    ...(grant.role.builtin ? {builtinRole: true} : {}),
    scope: grant.scope.type === 'cluster' ? 'cluster' : grant.scope.namespace,
    rule: {
      role: [source.kind, source.namespace, source.name].filter(Boolean).join('/'),
      index,
      text: describeRbacRule(match.rule),
      location: ruleLocation(graph, match),
    },
    ...(grant.via ? {via: grant.via} : {}),
  }
}

/**
 * A finding on the subject that points at the binding's entry naming it. `wholeRole`: the finding is about the
 * grant of the role, not one of its rules, so the message names no rule (the evidence still shows one).
 */
export function grantFinding(ctx: RuleContext, grant: Grant, match: PermissionMatch, what = `can ${match.detail}`, wholeRole = false): FindingInput {
  const graph = ctx.inventory.rbac
  const path = wholeRole ? `${describeBinding(grant.binding)} → ${describeRole(grant.role)}` : describePath(grant, match)
  return {
    message: `${describeRbacIdentity(grant.holder)}${what.startsWith(',') ? '' : ' '}${what} ${describeRbacScope(grant.scope)}, through ${path}.`,
    at: grant.binding.resource,
    path: grant.subject.path,
    severity: match.severity,
    cause: key(grant.binding),
    evidence: grantEvidence(graph, grant, match),
  }
}

/** A rule reporting each binding that grants the subject the permission, at the strongest rule it has. */
export function grantRule(meta: RuleMeta, permission: Permission, what?: (match: PermissionMatch) => string): Rule<RbacSubjectView> {
  return {
    meta,
    check(subject, ctx) {
      const {grants, system} = subjectGrants(subject, ctx)
      if (grants.length === 0 && system > 0) {
        ctx.skip(SYSTEM_SKIP)
        return
      }
      for (const grant of grants) {
        const match = permission.match(ctx.inventory.rbac.rulesOf(grant.role), grant.scope)
        if (match) ctx.report(grantFinding(ctx, grant, match, what?.(match)))
      }
    },
  }
}
