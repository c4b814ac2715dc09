import type {Resource} from '../../model/resource.js'
import type {Labels} from '../selector.js'
import type {ContainerPort, NamespaceView, WorkloadView} from '../views.js'
import {type AddressRange, rangeContains, rangesOverlap} from './cidr.js'
import type {Direction, NetworkPolicyView, PolicyPeer, PolicyRule} from './policy.js'
import {PortSet, type Protocol} from './ports.js'

export * from './cidr.js'
export * from './policy.js'
export {PortSet, PROTOCOLS, type Protocol} from './ports.js'

/** A pod as NetworkPolicy sees it: where it lives, its labels, its namespace's labels, its named ports. */
export interface PodEndpoint {
  type: 'pod'
  namespace: string
  labels: Labels
  namespaceLabels: Labels
  ports: readonly ContainerPort[]
}

/** A block of addresses outside the cluster's pods. */
export interface AddressEndpoint {
  type: 'address'
  range: AddressRange
}

export type Endpoint = PodEndpoint | AddressEndpoint

/**
 * NetworkPolicy semantics, once, for every rule: which policies select a pod, whether it is isolated
 * per direction, and which connections are allowed between two endpoints.
 */
export class NetworkIndex {
  private readonly byNamespace = new Map<string, NetworkPolicyView[]>()

  constructor(
    readonly policies: readonly NetworkPolicyView[],
    private readonly namespaces: ReadonlyMap<string, NamespaceView>,
    private readonly otherPolicies: readonly Resource[] = [],
  ) {
    for (const policy of policies) {
      const list = this.byNamespace.get(policy.namespace)
      if (list) list.push(policy)
      else this.byNamespace.set(policy.namespace, [policy])
    }
  }

  /**
   * Network policies of other APIs (Cilium, Calico, AdminNetworkPolicy) that apply to a namespace and that
   * zt-audit does not evaluate, counted by kind: rules mention them rather than claim a namespace is open.
   */
  unevaluated(namespace: string): {kind: string; count: number}[] {
    const counts = new Map<string, number>()
    for (const r of this.otherPolicies) {
      if (r.ref.namespace !== undefined && r.ref.namespace !== namespace) continue
      counts.set(r.ref.kind, (counts.get(r.ref.kind) ?? 0) + 1)
    }
    return [...counts].map(([kind, count]) => ({kind, count}))
  }

  inNamespace(namespace: string): readonly NetworkPolicyView[] {
    return this.byNamespace.get(namespace) ?? []
  }

  endpoint(workload: WorkloadView): PodEndpoint {
    return {
      type: 'pod',
      namespace: workload.namespace,
      labels: workload.labels,
      namespaceLabels: this.namespaceLabels(workload.namespace),
      ports: workload.containers.flatMap((c) => c.ports),
    }
  }

  namespaceLabels(namespace: string): Labels {
    return this.namespaces.get(namespace)?.labels ?? {'kubernetes.io/metadata.name': namespace}
  }

  /** Policies whose podSelector selects pods with these labels in this namespace. */
  selecting(namespace: string, labels: Labels): NetworkPolicyView[] {
    return this.inNamespace(namespace).filter((p) => p.podSelector.matches(labels))
  }

  /** Policies that isolate such pods in one direction; empty means the direction is not isolated. */
  isolating(namespace: string, labels: Labels, direction: Direction): NetworkPolicyView[] {
    return this.selecting(namespace, labels).filter((p) => p.isolates[direction])
  }

  /** Connections `target` accepts from `source` (ingress side only). */
  ingressAllowed(target: PodEndpoint, source: Endpoint): PortSet {
    return this.allowedBy(this.isolating(target.namespace, target.labels, 'ingress'), 'ingress', source, target)
  }

  /** Connections `source` may open to `target` (egress side only). */
  egressAllowed(source: PodEndpoint, target: Endpoint): PortSet {
    return this.allowedBy(this.isolating(source.namespace, source.labels, 'egress'), 'egress', target, target)
  }

  /** Connections from `source` to `target`: both the source's egress and the target's ingress must allow them. */
  allowed(source: Endpoint, target: Endpoint): PortSet {
    let ports = PortSet.all
    if (source.type === 'pod') ports = ports.intersect(this.egressAllowed(source, target))
    if (target.type === 'pod' && !ports.isEmpty()) ports = ports.intersect(this.ingressAllowed(target, source))
    return ports
  }

  /**
   * What the rules of isolating policies admit for one peer. `peer` is the other end of the connection;
   * `destination` owns the named ports the rules may refer to.
   */
  private allowedBy(isolating: readonly NetworkPolicyView[], direction: Direction, peer: Endpoint, destination: Endpoint): PortSet {
    if (isolating.length === 0) return PortSet.all
    let ports = PortSet.none
    for (const policy of isolating) {
      for (const rule of policy[direction]) {
        if (rule.peers && !rule.peers.some((p) => peerMatches(p, policy.namespace, peer))) continue
        ports = ports.union(rulePorts(rule, destination))
        if (ports.isAll()) return ports
      }
    }
    return ports
  }
}

/** Whether one `from`/`to` entry admits an endpoint, seen from a policy in `policyNamespace`. */
export function peerMatches(peer: PolicyPeer, policyNamespace: string, endpoint: Endpoint): boolean {
  if (endpoint.type === 'address') {
    const block = peer.ipBlock
    if (!block?.range || !rangeContains(block.range, endpoint.range)) return false
    return !block.except.some((e) => e.range && rangesOverlap(e.range, endpoint.range))
  }
  // ipBlock is meant for traffic from outside the cluster; pods are matched by selectors only
  if (peer.ipBlock) return false
  if (peer.namespaces) {
    return peer.namespaces.matches(endpoint.namespaceLabels) && (peer.pods ? peer.pods.matches(endpoint.labels) : true)
  }
  if (peer.pods) return endpoint.namespace === policyNamespace && peer.pods.matches(endpoint.labels)
  return false
}

/** The ports a rule admits towards `destination`; named ports resolve against the destination's containers. */
export function rulePorts(rule: PolicyRule, destination: Endpoint): PortSet {
  if (!rule.ports) return PortSet.all
  let ports = PortSet.none
  for (const port of rule.ports) {
    if (port.port === undefined) ports = ports.union(PortSet.allOf(port.protocol))
    else if (typeof port.port === 'number') ports = ports.union(PortSet.of(port.protocol, port.port, port.endPort ?? port.port))
    else if (destination.type === 'pod') ports = ports.union(namedPort(destination.ports, port.port, port.protocol))
  }
  return ports
}

function namedPort(ports: readonly ContainerPort[], name: string, protocol: Protocol): PortSet {
  let set = PortSet.none
  for (const p of ports) if (p.name === name && p.protocol === protocol) set = set.union(PortSet.of(protocol, p.containerPort, p.containerPort))
  return set
}
export * from './baseline.js'
export * from './openness.js'
