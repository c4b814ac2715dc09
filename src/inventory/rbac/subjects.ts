import type {ResourceRef} from '../../model/resource.js'
import {asRecord, asString} from '../../util/guards.js'

export type SubjectKind = 'ServiceAccount' | 'User' | 'Group'

/** Who a binding names, normalised: a `system:serviceaccount:<ns>:<name>` user is that ServiceAccount. */
export interface RbacIdentity {
  readonly kind: SubjectKind
  readonly name: string
  /** ServiceAccounts only */
  readonly namespace?: string
}

/** The groups every request of such a subject carries, besides the groups named in its credentials. */
export const ALL_AUTHENTICATED = 'system:authenticated'
export const ALL_UNAUTHENTICATED = 'system:unauthenticated'
export const ANONYMOUS = 'system:anonymous'
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts'

const SA_USER = /^system:serviceaccount:([^:]+):([^:]+)$/

export const rbacIdentityKey = (id: RbacIdentity): string => (id.kind === 'ServiceAccount' ? `ServiceAccount/${id.namespace}/${id.name}` : `${id.kind}/${id.name}`)

export function rbacIdentityRef(id: RbacIdentity): ResourceRef {
  return id.kind === 'ServiceAccount'
    ? {apiVersion: 'v1', kind: 'ServiceAccount', namespace: id.namespace, name: id.name}
    : {apiVersion: 'rbac.authorization.k8s.io/v1', kind: id.kind, name: id.name}
}

export const describeRbacIdentity = (id: RbacIdentity): string =>
  id.kind === 'ServiceAccount' ? `ServiceAccount ${id.namespace}/${id.name}` : `${id.kind} ${id.name}`

/**
 * One entry of a binding's `subjects`, as the authorizer matches it. A ServiceAccount without a namespace
 * is in the RoleBinding's namespace; in a ClusterRoleBinding the API server rejects it, so it names nobody.
 */
export function readRbacIdentity(raw: unknown, bindingNamespace?: string): RbacIdentity | undefined {
  const entry = asRecord(raw)
  const name = asString(entry.name)
  if (!name) return undefined
  switch (entry.kind) {
    case 'ServiceAccount': {
      const namespace = asString(entry.namespace) || bindingNamespace
      return namespace ? {kind: 'ServiceAccount', name, namespace} : undefined
    }
    case 'User': {
      const sa = SA_USER.exec(name)
      return sa ? {kind: 'ServiceAccount', namespace: sa[1], name: sa[2]} : {kind: 'User', name}
    }
    case 'Group':
      return {kind: 'Group', name}
    default:
      return undefined
  }
}

/** The groups Kubernetes adds to every request of this identity (a Group is only itself). */
export function implicitGroups(id: RbacIdentity): string[] {
  if (id.kind === 'ServiceAccount') return [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${id.namespace}`, ALL_AUTHENTICATED]
  if (id.kind === 'User') return id.name === ANONYMOUS ? [ALL_UNAUTHENTICATED] : [ALL_AUTHENTICATED]
  return []
}

/** Groups that hold everyone, or everyone of a kind: a grant to them is a grant to strangers. */
export function isEveryoneGroup(id: RbacIdentity): boolean {
  return (
    (id.kind === 'User' && id.name === ANONYMOUS) ||
    (id.kind === 'Group' && (id.name === ALL_AUTHENTICATED || id.name === ALL_UNAUTHENTICATED || id.name === ALL_SERVICE_ACCOUNTS || id.name.startsWith(`${ALL_SERVICE_ACCOUNTS}:`)))
  )
}

// kube-apiserver-kubelet-client is the API server's own client identity towards kubelets as kubeadm names it, and
// kubeadm:cluster-admins the group of kubeadm's admin.conf, its stand-in for system:masters
const CONTROL_PLANE_USERS = new Set(['system:kube-controller-manager', 'system:kube-scheduler', 'system:kube-proxy', 'system:apiserver', 'system:volume-scheduler', 'kube-apiserver-kubelet-client'])
const CONTROL_PLANE_GROUPS = new Set(['system:nodes', 'system:masters', 'system:monitoring', 'system:bootstrappers', 'kubeadm:cluster-admins'])

/** The identities of Kubernetes' own components: their grants are the platform's, not overreach. */
export function isControlPlaneIdentity(id: RbacIdentity): boolean {
  if (id.kind === 'User') return CONTROL_PLANE_USERS.has(id.name) || id.name.startsWith('system:node:')
  if (id.kind === 'Group') return CONTROL_PLANE_GROUPS.has(id.name) || id.name.startsWith('system:bootstrappers:')
  return false
}
