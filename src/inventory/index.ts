import type {CoverageRow} from '../model/input.js'
import type {Resource} from '../model/resource.js'
import {IngressView} from './ingress/index.js'
import {MeshView} from './mesh/index.js'
import {NetworkIndex} from './network/index.js'
import {compilePolicy, type NetworkPolicyView} from './network/policy.js'
import {buildNamespaces} from './namespaces.js'
import {RbacGraph} from './rbac/index.js'
import {toServiceView} from './services.js'
import type {NamespaceView, ServiceView, Subject, WorkloadView} from './views.js'
import {buildWorkloads} from './workloads.js'

export type * from './views.js'
export {compileSelector, type Labels, type Selector} from './selector.js'
export {isWorkloadKind, WORKLOAD_KINDS} from './workloads.js'

/** Network policy APIs besides Kubernetes' own, recognised but not evaluated. */
const OTHER_POLICY_KINDS = [
  'CiliumNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
  'GlobalNetworkPolicy',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
]

/**
 * The normalized views every rule reads. Built once per scan; rules never parse input, call the API
 * or switch over workload kinds themselves.
 */
export class Inventory {
  readonly namespaces: readonly NamespaceView[]
  readonly workloads: readonly WorkloadView[]
  readonly services: readonly ServiceView[]
  readonly network: NetworkIndex
  readonly ingress: IngressView
  readonly mesh: MeshView
  readonly rbac: RbacGraph
  private readonly kinds = new Map<string, Resource[]>()
  private readonly namespaceByName: ReadonlyMap<string, NamespaceView>
  private readonly workloadsByNamespace = new Map<string, WorkloadView[]>()

  constructor(
    readonly resources: readonly Resource[],
    /** the source's coverage, so views can tell a missing object from an unread one */
    options: {coverage?: readonly CoverageRow[]} = {},
  ) {
    for (const r of resources) {
      const list = this.kinds.get(r.ref.kind)
      if (list) list.push(r)
      else this.kinds.set(r.ref.kind, [r])
    }
    this.namespaceByName = buildNamespaces(resources)
    this.namespaces = [...this.namespaceByName.values()].sort((a, b) => a.name.localeCompare(b.name))
    this.workloads = buildWorkloads(resources)
    for (const w of this.workloads) {
      const list = this.workloadsByNamespace.get(w.namespace)
      if (list) list.push(w)
      else this.workloadsByNamespace.set(w.namespace, [w])
    }
    this.services = this.ofKind('Service').map(toServiceView)
    const isCore = (r: Resource): boolean => r.ref.apiVersion.startsWith('networking.k8s.io/') || r.ref.apiVersion.startsWith('extensions/')
    const policies = this.ofKind('NetworkPolicy').filter(isCore).map(compilePolicy)
    const others = [
      ...this.ofKind('NetworkPolicy').filter((r) => !isCore(r)),
      ...OTHER_POLICY_KINDS.flatMap((kind) => this.ofKind(kind)),
    ]
    this.network = new NetworkIndex(policies, this.namespaceByName, others)
    this.ingress = new IngressView({ofKind: (kind) => this.ofKind(kind), workloads: this.workloads, services: this.services}, options)
    this.mesh = new MeshView({
      resources,
      ofKind: (kind) => this.ofKind(kind),
      namespaces: this.namespaceByName,
      workloads: this.workloads,
      workloadsIn: (namespace) => this.workloadsIn(namespace),
      services: this.services,
    })
    this.rbac = new RbacGraph({
      roles: [...this.ofKind('Role'), ...this.ofKind('ClusterRole')],
      bindings: [...this.ofKind('RoleBinding'), ...this.ofKind('ClusterRoleBinding')],
      serviceAccounts: this.ofKind('ServiceAccount'),
    })
  }

  /** Every object of a kind, in input order. */
  ofKind(kind: string): readonly Resource[] {
    return this.kinds.get(kind) ?? []
  }

  private readonly kindsByNamespace = new Map<string, Map<string, Resource[]>>()

  /** The objects of a kind in one namespace, in input order; indexed on first use, so rules never scan all. */
  ofKindIn(kind: string, namespace: string): readonly Resource[] {
    let index = this.kindsByNamespace.get(kind)
    if (!index) {
      index = new Map()
      for (const r of this.ofKind(kind)) {
        const ns = r.ref.namespace ?? ''
        const list = index.get(ns)
        if (list) list.push(r)
        else index.set(ns, [r])
      }
      this.kindsByNamespace.set(kind, index)
    }
    return index.get(namespace) ?? []
  }

  namespace(name: string): NamespaceView | undefined {
    return this.namespaceByName.get(name)
  }

  workloadsIn(namespace: string): readonly WorkloadView[] {
    return this.workloadsByNamespace.get(namespace) ?? []
  }

  get networkPolicies(): readonly NetworkPolicyView[] {
    return this.network.policies
  }

  /**
   * The subjects a rule with this target runs on: a normalized view where one exists, otherwise the
   * objects of that kind. `Cluster` is the whole input, once.
   */
  subjects(target: string): readonly Subject[] {
    switch (target) {
      case 'Namespace':
        return this.namespaces
      case 'Workload':
        return this.workloads
      case 'Service':
        return this.services
      case 'NetworkPolicy':
        return this.network.policies
      case 'RbacSubject':
        return this.rbac.subjects
      case 'Cluster':
        return [{ref: {apiVersion: 'v1', kind: 'Cluster', name: 'cluster'}}]
      case 'IstioMesh':
        return this.mesh.meshSubjects()
      case 'IstioRevision':
        return this.mesh.revisionSubjects()
      default:
        return this.ingress.subjects(target) ?? this.ofKind(target).map((resource) => ({ref: resource.ref, resource}))
    }
  }
}
