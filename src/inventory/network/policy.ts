import type {FieldPath, Resource} from '../../model/resource.js'
import {asArray, asRecord, isRecord} from '../../util/guards.js'
import {compileSelector, type Selector} from '../selector.js'
import type {Subject} from '../views.js'
import {type AddressRange, parseCidr} from './cidr.js'
import {PROTOCOLS, type Protocol} from './ports.js'

export type Direction = 'ingress' | 'egress'

export interface IpBlockPeer {
  cidr: string
  /** undefined when the CIDR does not parse */
  range?: AddressRange
  except: {cidr: string; range?: AddressRange}[]
}

/** One entry of a rule's `from`/`to`. Kubernetes: namespaceSelector and podSelector in one peer are ANDed. */
export interface PolicyPeer {
  index: number
  path: FieldPath
  /** podSelector, when present */
  pods?: Selector
  /** namespaceSelector, when present */
  namespaces?: Selector
  ipBlock?: IpBlockPeer
}

export interface PolicyPort {
  index: number
  path: FieldPath
  protocol: Protocol
  /** a number, a named container port, or absent for every port of the protocol */
  port?: number | string
  endPort?: number
}

export interface PolicyRule {
  direction: Direction
  index: number
  path: FieldPath
  /** undefined: `from`/`to` absent or empty, which admits every peer */
  peers?: PolicyPeer[]
  /** undefined: `ports` absent or empty, which admits every port */
  ports?: PolicyPort[]
}

export interface NetworkPolicyView extends Subject {
  readonly resource: Resource
  readonly name: string
  readonly namespace: string
  readonly podSelector: Selector
  /** the directions this policy isolates the pods it selects for */
  readonly isolates: Readonly<Record<Direction, boolean>>
  /** policyTypes as written; undefined when absent (then defaulted) */
  readonly declaredTypes?: readonly string[]
  readonly ingress: readonly PolicyRule[]
  readonly egress: readonly PolicyRule[]
}

function compilePeer(raw: unknown, index: number, path: FieldPath): PolicyPeer {
  const peer = asRecord(raw)
  const compiled: PolicyPeer = {index, path}
  // absent or null selectors are "not specified"; `{}` is "everything"
  if (peer.podSelector !== undefined && peer.podSelector !== null) compiled.pods = compileSelector(peer.podSelector)
  if (peer.namespaceSelector !== undefined && peer.namespaceSelector !== null) compiled.namespaces = compileSelector(peer.namespaceSelector)
  if (isRecord(peer.ipBlock)) {
    const cidr = typeof peer.ipBlock.cidr === 'string' ? peer.ipBlock.cidr : ''
    compiled.ipBlock = {
      cidr,
      range: parseCidr(cidr),
      except: asArray(peer.ipBlock.except)
        .filter((e): e is string => typeof e === 'string')
        .map((e) => ({cidr: e, range: parseCidr(e)})),
    }
  }
  return compiled
}

function compilePort(raw: unknown, index: number, path: FieldPath): PolicyPort {
  const port = asRecord(raw)
  const protocol = (PROTOCOLS as readonly string[]).includes(String(port.protocol)) ? (port.protocol as Protocol) : 'TCP'
  const compiled: PolicyPort = {index, path, protocol}
  if (typeof port.port === 'number' || (typeof port.port === 'string' && port.port !== '')) {
    // a quoted number is still a number port in Kubernetes' IntOrString
    compiled.port = typeof port.port === 'string' && /^\d+$/.test(port.port) ? Number(port.port) : port.port
  }
  if (typeof port.endPort === 'number') compiled.endPort = port.endPort
  return compiled
}

function compileRules(spec: Record<string, unknown>, direction: Direction): PolicyRule[] {
  const peerField = direction === 'ingress' ? 'from' : 'to'
  return asArray(spec[direction]).map((raw, index) => {
    const rule = asRecord(raw)
    const path = ['spec', direction, index]
    const peers = asArray(rule[peerField])
    const ports = asArray(rule.ports)
    return {
      direction,
      index,
      path,
      ...(peers.length ? {peers: peers.map((p, i) => compilePeer(p, i, [...path, peerField, i]))} : {}),
      ...(ports.length ? {ports: ports.map((p, i) => compilePort(p, i, [...path, 'ports', i]))} : {}),
    }
  })
}

/**
 * Compiles a NetworkPolicy with the API server's defaults applied: an absent or empty `policyTypes`
 * means Ingress, plus Egress only when the policy has at least one egress rule.
 */
export function compilePolicy(resource: Resource): NetworkPolicyView {
  const spec = asRecord(resource.object.spec)
  const declared = asArray(spec.policyTypes).map(String)
  const ingress = compileRules(spec, 'ingress')
  const egress = compileRules(spec, 'egress')
  const isolates =
    declared.length > 0
      ? {ingress: declared.includes('Ingress'), egress: declared.includes('Egress')}
      : {ingress: true, egress: egress.length > 0}
  return {
    ref: resource.ref,
    resource,
    name: resource.ref.name,
    namespace: resource.ref.namespace ?? 'default',
    // podSelector is required; a missing one reads as the empty selector, as the API server decodes it
    podSelector: compileSelector(spec.podSelector ?? {}),
    isolates,
    // an empty list is treated as absent by the API server's defaulting
    ...(declared.length > 0 ? {declaredTypes: declared} : {}),
    ingress,
    egress,
  }
}

export function peerField(direction: Direction): 'from' | 'to' {
  return direction === 'ingress' ? 'from' : 'to'
}

export function describePeer(peer: PolicyPeer): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except.length ? ` except ${peer.ipBlock.except.map((e) => e.cidr).join(', ')}` : ''
    return `ipBlock ${peer.ipBlock.cidr}${except}`
  }
  const parts: string[] = []
  if (peer.namespaces) parts.push(`namespaceSelector {${peer.namespaces.text === '{}' ? '' : peer.namespaces.text}}`)
  if (peer.pods) parts.push(`podSelector {${peer.pods.text === '{}' ? '' : peer.pods.text}}`)
  return parts.join(' + ') || 'an empty peer'
}

