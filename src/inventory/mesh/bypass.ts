import type {FieldPath, Resource} from '../../model/resource.js'
import type {NamespaceView, WorkloadView} from '../views.js'
import {CONSUL, ISTIO, LINKERD} from './keys.js'
import type {MeshName} from './membership.js'
import {parsePortList, portListIsEmpty, splitList} from './port-list.js'

/**
 * A setting that lets traffic around the proxy: `skip` (excluded ports, address ranges, user ids) goes
 * straight to or from the application, plaintext and unauthenticated; `opaque` still goes through the proxy
 * and over mTLS between meshed pods, only without protocol detection (so no L7 policy or metrics).
 */
export interface ProxyBypass {
  mesh: MeshName
  kind: 'skip' | 'opaque'
  direction: 'inbound' | 'outbound'
  annotation: string
  value: string
  /** what the value covers, for the message: e.g. `ports 8081`, `every address outside 10.0.0.0/8` */
  covers: string
  path: FieldPath
  /** when set on the namespace rather than the workload */
  at?: Resource
}

interface Spec {
  mesh: MeshName
  key: string
  kind: ProxyBypass['kind']
  direction: ProxyBypass['direction']
  what: 'ports' | 'ranges' | 'include-ranges' | 'include-ports' | 'uids'
  /** Linkerd reads its config annotations from the namespace too */
  namespaceWide?: boolean
}

const SPECS: readonly Spec[] = [
  {mesh: 'istio', key: ISTIO.excludeInboundPorts, kind: 'skip', direction: 'inbound', what: 'ports'},
  {mesh: 'istio', key: ISTIO.includeInboundPorts, kind: 'skip', direction: 'inbound', what: 'include-ports'},
  {mesh: 'istio', key: ISTIO.excludeOutboundPorts, kind: 'skip', direction: 'outbound', what: 'ports'},
  {mesh: 'istio', key: ISTIO.excludeOutboundIPRanges, kind: 'skip', direction: 'outbound', what: 'ranges'},
  {mesh: 'istio', key: ISTIO.includeOutboundIPRanges, kind: 'skip', direction: 'outbound', what: 'include-ranges'},
  {mesh: 'linkerd', key: LINKERD.skipInboundPorts, kind: 'skip', direction: 'inbound', what: 'ports', namespaceWide: true},
  {mesh: 'linkerd', key: LINKERD.skipOutboundPorts, kind: 'skip', direction: 'outbound', what: 'ports', namespaceWide: true},
  {mesh: 'linkerd', key: LINKERD.skipSubnets, kind: 'skip', direction: 'outbound', what: 'ranges', namespaceWide: true},
  {mesh: 'linkerd', key: LINKERD.opaquePorts, kind: 'opaque', direction: 'inbound', what: 'ports', namespaceWide: true},
  {mesh: 'consul', key: CONSUL.excludeInboundPorts, kind: 'skip', direction: 'inbound', what: 'ports'},
  {mesh: 'consul', key: CONSUL.excludeOutboundPorts, kind: 'skip', direction: 'outbound', what: 'ports'},
  {mesh: 'consul', key: CONSUL.excludeOutboundCidrs, kind: 'skip', direction: 'outbound', what: 'ranges'},
  {mesh: 'consul', key: CONSUL.excludeUids, kind: 'skip', direction: 'outbound', what: 'uids'},
]

function describe(spec: Spec, value: string): string | undefined {
  switch (spec.what) {
    case 'ports': {
      const list = parsePortList(value)
      if (portListIsEmpty(list)) return undefined
      return list.all ? 'every port' : `ports ${value.replace(/\s+/g, '')}`
    }
    case 'ranges': {
      const ranges = splitList(value)
      return ranges.length ? `addresses ${ranges.join(', ')}` : undefined
    }
    case 'include-ranges': {
      // only the listed ranges are captured; `*` captures everything, and an empty list nothing at all
      const ranges = splitList(value)
      if (ranges.includes('*')) return undefined
      return ranges.length ? `every address outside ${ranges.join(', ')}` : 'every outbound address'
    }
    case 'include-ports': {
      const list = parsePortList(value)
      if (list.all) return undefined
      return portListIsEmpty(list) ? 'every inbound port' : `every inbound port except ${value.replace(/\s+/g, '')}`
    }
    case 'uids': {
      const uids = splitList(value)
      return uids.length ? `all traffic of user ids ${uids.join(', ')}` : undefined
    }
  }
}

/** The bypass settings that apply to a workload's pods, for the mesh its proxy belongs to. */
export function bypassesOf(workload: WorkloadView, namespace: NamespaceView | undefined, mesh: MeshName): ProxyBypass[] {
  const found: ProxyBypass[] = []
  for (const spec of SPECS) {
    if (spec.mesh !== mesh) continue
    let value = workload.annotations[spec.key]
    let path: FieldPath = [...workload.templatePath, 'metadata', 'annotations', spec.key]
    let at: Resource | undefined
    if (value === undefined && spec.namespaceWide && namespace?.annotations[spec.key] !== undefined) {
      value = namespace.annotations[spec.key]
      path = ['metadata', 'annotations', spec.key]
      at = namespace.resource
    }
    if (value === undefined) continue
    const covers = describe(spec, value)
    if (!covers) continue
    found.push({mesh, kind: spec.kind, direction: spec.direction, annotation: spec.key, value, covers, path, ...(at ? {at} : {})})
  }
  return found
}
