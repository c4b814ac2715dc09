import type {FieldPath} from '../../model/resource.js'
import {type AddressRange, parseCidr, rangeContains} from './cidr.js'
import {peerField, type PolicyPeer, type PolicyRule} from './policy.js'
import {PortSet} from './ports.js'

/** Ranges that are not the internet: RFC 1918, link-local (cloud metadata at 169.254.169.254), IPv6 ULA and link-local. */
const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'].map((c) => parseCidr(c)!)
const PRIVATE_V6 = ['fc00::/7', 'fe80::/10'].map((c) => parseCidr(c)!)

/** A way in which one rule of a policy admits far more peers than an allow-list should. */
export interface WildcardPeer {
  /**
   * any-peer: the rule has no `from`/`to`, so every source or destination is admitted;
   * any-address: an ipBlock of the whole IPv4 or IPv6 space (/0);
   * all-namespaces: `namespaceSelector: {}` without a pod restriction, i.e. every pod in the cluster.
   */
  kind: 'any-peer' | 'any-address' | 'all-namespaces'
  /** the offending field */
  path: FieldPath
  peer?: PolicyPeer
  /** any-address only: the `except` list removes every private and link-local range, leaving the internet */
  exceptsPrivate?: boolean
}

function coversAll(excepts: readonly (AddressRange | undefined)[], needed: readonly AddressRange[]): boolean {
  return needed.every((range) => excepts.some((e) => e !== undefined && rangeContains(e, range)))
}

/** The wildcard peers of one rule, in the order they are written. */
export function wildcardPeers(rule: PolicyRule): WildcardPeer[] {
  if (!rule.peers) return [{kind: 'any-peer', path: rule.path}]
  const found: WildcardPeer[] = []
  for (const peer of rule.peers) {
    const block = peer.ipBlock
    if (block?.range && block.range.start === 0n && block.range.end === (block.range.family === 4 ? 2n ** 32n - 1n : 2n ** 128n - 1n)) {
      const excepts = block.except.map((e) => e.range)
      const exceptsPrivate = coversAll(excepts, block.range.family === 4 ? PRIVATE_V4 : PRIVATE_V6)
      found.push({kind: 'any-address', path: [...peer.path, 'ipBlock', 'cidr'], peer, exceptsPrivate})
    } else if (!block && peer.namespaces?.everything && (!peer.pods || peer.pods.everything)) {
      found.push({kind: 'all-namespaces', path: [...peer.path, 'namespaceSelector'], peer})
    }
  }
  return found
}

export type PortScope = 'all' | 'dns' | 'some'

const DNS = PortSet.of('UDP', 53, 53).union(PortSet.of('TCP', 53, 53))

/** How far a rule's `ports` reach: every port, DNS (53) only, or some ports. Named ports count as some. */
export function portScope(rule: PolicyRule): PortScope {
  if (!rule.ports) return 'all'
  let numeric = PortSet.none
  for (const port of rule.ports) {
    if (typeof port.port === 'string') return 'some'
    numeric = numeric.union(port.port === undefined ? PortSet.allOf(port.protocol) : PortSet.of(port.protocol, port.port, port.endPort ?? port.port))
  }
  if (numeric.isAll()) return 'all'
  if (!numeric.isEmpty() && numeric.intersect(DNS).equals(numeric)) return 'dns'
  return 'some'
}

/** True when a rule lets every peer through on every port: `ingress: [{}]`, `egress: [{}]` and their spelled-out forms. */
export function admitsEverything(rule: PolicyRule): boolean {
  if (portScope(rule) !== 'all') return false
  const wild = wildcardPeers(rule)
  if (wild.some((w) => w.kind === 'any-peer')) return true
  // every pod and every IPv4 address, written out as peers
  return wild.some((w) => w.kind === 'all-namespaces') && wild.some((w) => w.kind === 'any-address' && w.peer?.ipBlock?.range?.family === 4 && !w.peer.ipBlock.except.length)
}

export function describeRule(rule: PolicyRule): string {
  const field = peerField(rule.direction)
  const ports = rule.ports ? `ports ${rule.ports.map((p) => `${p.protocol}/${p.port ?? '*'}${p.endPort ? `-${p.endPort}` : ''}`).join(', ')}` : 'all ports'
  return `${rule.direction}[${rule.index}] (${rule.peers ? `${rule.peers.length} ${field} peer(s)` : `no ${field}`}, ${ports})`
}

