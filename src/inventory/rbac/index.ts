import type {Resource} from '../../model/resource.js'
import type {Subject} from '../views.js'
import {type BindingSubject, type BindingView, bindingKey, compileBinding} from './bindings.js'
import {defaultRbac, type DefaultRbac} from './defaults.js'
import {compileRole, reconcileRole, roleKey, type RoleView} from './roles.js'
import {type RbacRule, rbacRuleSignature, type RbacScope} from './rules.js'
import {type RbacIdentity, rbacIdentityKey, rbacIdentityRef, implicitGroups, isControlPlaneIdentity} from './subjects.js'

export * from './bindings.js'
export * from './defaults.js'
export * from './roles.js'
export * from './rules.js'
export * from './subjects.js'
export * from './tokens.js'

/** A subject named by a binding in the input: a ServiceAccount, a user or a group. */
export interface RbacSubjectView extends Subject, RbacIdentity {
  readonly key: string
}

/** One binding's grant of one role to one holder, at the binding's scope. */
export interface Grant {
  /** who holds it */
  readonly holder: RbacIdentity
  readonly binding: BindingView
  /** the entry of the binding's `subjects` that names the holder, or the implicit group it holds it through */
  readonly subject: BindingSubject
  readonly role: RoleView
  readonly scope: RbacScope
  /** the implicit group (system:authenticated, system:serviceaccounts[:ns]…) the holder holds it through */
  readonly via?: string
}

export interface RbacInput {
  roles: readonly Resource[]
  bindings: readonly Resource[]
  serviceAccounts: readonly Resource[]
}

const isRbac = (r: Resource): boolean => r.ref.apiVersion.startsWith('rbac.authorization.k8s.io/')

/**
 * The RBAC graph, built once: subjects → bindings → roles → rules. Bindings to built-in roles that the
 * input lacks resolve against Kubernetes' shipped defaults; aggregated ClusterRoles are resolved from the
 * labels of every ClusterRole known. Indexed by subject and by role, so no question scans all pairs.
 */
export class RbacGraph {
  readonly roles: readonly RoleView[]
  readonly bindings: readonly BindingView[]
  /** every subject a binding in the input names, in input order */
  readonly subjects: readonly RbacSubjectView[]
  private readonly roleByKey = new Map<string, RoleView>()
  private readonly clusterRoles: RoleView[] = []
  private readonly byHolder = new Map<string, {binding: BindingView; subject: BindingSubject}[]>()
  private readonly byRole = new Map<string, BindingView[]>()
  private readonly shippedBindings = new Map<string, BindingView>()
  private readonly serviceAccountByKey = new Map<string, Resource>()
  private readonly resolved = new Map<RoleView, readonly RbacRule[]>()
  private readonly aggregatedSources = new Map<RoleView, readonly RoleView[]>()

  constructor(input: RbacInput, defaults: DefaultRbac = defaultRbac()) {
    // later objects of the same name win, as a later `kubectl apply` would
    for (const r of input.roles.filter(isRbac)) this.roleByKey.set(roleKey(r.ref.kind, r.ref.name, r.ref.namespace), compileRole(r.object, r))
    for (const object of defaults.roles) {
      const shipped = compileRole(object)
      const key = roleKey(shipped.kind, shipped.name, shipped.namespace)
      const own = this.roleByKey.get(key)
      this.roleByKey.set(key, own ? reconcileRole(own, shipped) : shipped)
    }
    this.roles = [...this.roleByKey.values()]
    for (const role of this.roles) if (role.kind === 'ClusterRole') this.clusterRoles.push(role)

    const bindings = new Map<string, BindingView>()
    for (const r of input.bindings.filter(isRbac)) bindings.set(bindingKey(r.ref.kind, r.ref.name, r.ref.namespace), compileBinding(r.object, r))
    for (const object of defaults.bindings) {
      const binding = compileBinding(object)
      const key = bindingKey(binding.kind, binding.name, binding.namespace)
      this.shippedBindings.set(key, binding)
      if (!bindings.has(key)) bindings.set(key, binding)
    }
    this.bindings = [...bindings.values()]

    const subjects = new Map<string, RbacSubjectView>()
    for (const sa of input.serviceAccounts) this.serviceAccountByKey.set(`ServiceAccount/${sa.ref.namespace ?? 'default'}/${sa.ref.name}`, sa)
    for (const binding of this.bindings) {
      const key = this.roleKeyOf(binding)
      if (key) push(this.byRole, key, binding)
      for (const subject of binding.subjects) {
        const holder = rbacIdentityKey(subject.identity)
        push(this.byHolder, holder, {binding, subject})
        if (binding.resource && !subjects.has(holder)) subjects.set(holder, this.subjectView(subject, binding.resource, holder))
      }
    }
    this.subjects = [...subjects.values()]
  }

  private subjectView(subject: BindingSubject, binding: Resource, key: string): RbacSubjectView {
    const sa = this.serviceAccountByKey.get(key)
    return {
      ...subject.identity,
      key,
      ref: rbacIdentityRef(subject.identity),
      ...(sa ? {resource: sa} : {}),
      anchor: {resource: binding, path: subject.path},
    }
  }

  private roleKeyOf(binding: BindingView): string | undefined {
    if (binding.roleRef.kind === 'ClusterRole') return roleKey('ClusterRole', binding.roleRef.name)
    // a ClusterRoleBinding cannot refer to a Role: the API server rejects it
    if (binding.roleRef.kind === 'Role' && binding.namespace !== undefined) return roleKey('Role', binding.roleRef.name, binding.namespace)
    return undefined
  }

  role(kind: string, name: string, namespace?: string): RoleView | undefined {
    return this.roleByKey.get(roleKey(kind, name, namespace))
  }

  /** The role a binding refers to; undefined when it is in neither the input nor the defaults (dangling). */
  roleOf(binding: BindingView): RoleView | undefined {
    const key = this.roleKeyOf(binding)
    return key ? this.roleByKey.get(key) : undefined
  }

  /** Bindings that refer to a role (a role bound by none is dormant, not a grant). */
  bindingsOf(role: RoleView): readonly BindingView[] {
    return this.byRole.get(roleKey(role.kind, role.name, role.namespace)) ?? []
  }

  /** The ServiceAccount object, when the input has it. */
  serviceAccount(namespace: string, name: string): Resource | undefined {
    return this.serviceAccountByKey.get(`ServiceAccount/${namespace}/${name}`)
  }

  /**
   * A role's effective rules. For a ClusterRole with an aggregationRule: the rules of every other ClusterRole
   * whose labels a selector matches (themselves resolved, as the aggregation controller chains them), then its
   * own written rules; a rule granted twice is kept once, from the role that contributes it.
   */
  rulesOf(role: RoleView): readonly RbacRule[] {
    return this.resolve(role, new Set())
  }

  /** The ClusterRoles an aggregated role draws rules from (empty when it does not aggregate). */
  aggregatedFrom(role: RoleView): readonly RoleView[] {
    if (!role.aggregation) return []
    let sources = this.aggregatedSources.get(role)
    if (!sources) {
      const selectors = role.aggregation
      sources = this.clusterRoles.filter((other) => other !== role && selectors.some((s) => s.matches(other.labels)))
      this.aggregatedSources.set(role, sources)
    }
    return sources
  }

  private resolve(role: RoleView, visiting: Set<RoleView>): readonly RbacRule[] {
    const cached = this.resolved.get(role)
    if (cached) return cached
    if (!role.aggregation) return role.rules
    // a cycle of aggregated roles: each contributes what it writes itself
    if (visiting.has(role)) return role.rules
    visiting.add(role)
    const seen = new Set<string>()
    const rules: RbacRule[] = []
    for (const source of [...this.aggregatedFrom(role).map((r) => this.resolve(r, visiting)), role.rules]) {
      for (const rule of source) {
        const signature = rbacRuleSignature(rule)
        if (seen.has(signature)) continue
        seen.add(signature)
        rules.push(rule)
      }
    }
    visiting.delete(role)
    this.resolved.set(role, rules)
    return rules
  }

  /**
   * What an identity holds through the bindings that name it, and, with `implicit`, through the groups
   * Kubernetes puts it in (system:authenticated, system:serviceaccounts[:ns], system:unauthenticated).
   * Dangling bindings grant nothing. Includes the shipped default bindings the input does not override.
   */
  grantsOf(holder: RbacIdentity, options: {implicit?: boolean} = {}): Grant[] {
    const grants: Grant[] = []
    const add = (key: string, via?: string): void => {
      for (const {binding, subject} of this.byHolder.get(key) ?? []) {
        const role = this.roleOf(binding)
        if (role) grants.push({holder, binding, subject, role, scope: binding.scope, ...(via ? {via} : {})})
      }
    }
    add(rbacIdentityKey(holder))
    if (options.implicit) for (const group of implicitGroups(holder)) add(rbacIdentityKey({kind: 'Group', name: group}), group)
    return grants
  }

  /** Bindings in the input that name the identity, with the entry that names it (dangling ones included). */
  bindingsNaming(holder: RbacIdentity): readonly {binding: BindingView; subject: BindingSubject}[] {
    return (this.byHolder.get(rbacIdentityKey(holder)) ?? []).filter((b) => b.binding.resource)
  }

  /**
   * Why a binding's grant to one of its subjects is Kubernetes' own rather than overreach, or undefined: a
   * default binding for a subject Kubernetes binds (the bootstrapping label is not trusted for anyone else
   * added to it), a control-plane identity, or a `system:` role held by a kube-system service account (the
   * controllers' own accounts).
   */
  systemReason(binding: BindingView, subject: BindingSubject): string | undefined {
    const named = subject.identity
    const shipped = this.shippedBindings.get(bindingKey(binding.kind, binding.name, binding.namespace))
    const isDefault = shipped !== undefined && shipped.roleRef.kind === binding.roleRef.kind && shipped.roleRef.name === binding.roleRef.name
    if (!binding.resource) return 'a default binding of Kubernetes'
    if (isDefault && shipped.subjects.some((s) => rbacIdentityKey(s.identity) === rbacIdentityKey(named))) return `bootstrap binding ${binding.name}`
    if ((isDefault || binding.bootstrap) && isSystemName(named)) return `bootstrap binding ${binding.name}`
    if (isControlPlaneIdentity(named)) return `control-plane identity ${named.name}`
    if (named.kind === 'ServiceAccount' && named.namespace === 'kube-system' && binding.roleRef.name.startsWith('system:')) {
      return `kube-system controller account ${named.name}`
    }
    return undefined
  }
}

/** Names Kubernetes reserves for itself: `system:` users and groups, and kube-system service accounts. */
function isSystemName(id: RbacIdentity): boolean {
  return id.kind === 'ServiceAccount' ? id.namespace === 'kube-system' : id.name.startsWith('system:')
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** The kinds the graph is built from. */
export const RBAC_KINDS: readonly string[] = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']
