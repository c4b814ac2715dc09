import type {KubeObject} from '../../model/kube.js'
import type {FieldPath, Resource} from '../../model/resource.js'
import {asArray, asRecord, asString, asStringMap} from '../../util/guards.js'
import type {Labels} from '../selector.js'
import {BOOTSTRAP_LABEL, BOOTSTRAP_VALUE} from './roles.js'
import type {RbacScope} from './rules.js'
import {type RbacIdentity, readRbacIdentity} from './subjects.js'

/** One entry of a binding's `subjects`. */
export interface BindingSubject {
  readonly index: number
  readonly path: FieldPath
  readonly identity: RbacIdentity
}

export interface BindingView {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding'
  readonly name: string
  /** RoleBindings only */
  readonly namespace?: string
  readonly labels: Labels
  /** absent for a default binding known only from the shipped defaults */
  readonly resource?: Resource
  readonly builtin: boolean
  /** labelled kubernetes.io/bootstrapping=rbac-defaults */
  readonly bootstrap: boolean
  /** roleRef.kind is `Role` or `ClusterRole`; anything else binds nothing */
  readonly roleRef: {readonly kind: string; readonly name: string}
  /** the entries that name someone; malformed ones are left out */
  readonly subjects: readonly BindingSubject[]
  /** a ClusterRoleBinding grants everywhere, a RoleBinding (even of a ClusterRole) in its namespace only */
  readonly scope: RbacScope
}

export const ROLE_REF_PATH: FieldPath = ['roleRef']

export function compileBinding(object: Readonly<KubeObject>, resource?: Resource): BindingView {
  const kind = object.kind === 'RoleBinding' ? 'RoleBinding' : 'ClusterRoleBinding'
  const namespace = kind === 'RoleBinding' ? (resource?.ref.namespace ?? object.metadata?.namespace ?? 'default') : undefined
  const labels = asStringMap(object.metadata?.labels)
  const roleRef = asRecord(object.roleRef)
  const subjects: BindingSubject[] = []
  asArray(object.subjects).forEach((raw, index) => {
    const identity = readRbacIdentity(raw, namespace)
    if (identity) subjects.push({index, path: ['subjects', index], identity})
  })
  return {
    kind,
    name: String(object.metadata?.name ?? ''),
    ...(namespace === undefined ? {} : {namespace}),
    labels,
    ...(resource ? {resource} : {}),
    builtin: !resource,
    bootstrap: labels[BOOTSTRAP_LABEL] === BOOTSTRAP_VALUE,
    roleRef: {kind: asString(roleRef.kind) ?? '', name: asString(roleRef.name) ?? ''},
    subjects,
    scope: namespace === undefined ? {type: 'cluster'} : {type: 'namespace', namespace},
  }
}

export const bindingKey = (kind: string, name: string, namespace?: string): string => (namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`)

export const describeBinding = (binding: Pick<BindingView, 'kind' | 'name' | 'namespace'>): string =>
  binding.namespace === undefined ? `${binding.kind} ${binding.name}` : `${binding.kind} ${binding.namespace}/${binding.name}`

export const describeRbacScope = (scope: RbacScope): string => (scope.type === 'cluster' ? 'cluster-wide' : `in namespace ${scope.namespace}`)
