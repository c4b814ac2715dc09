import type {Resource} from '../model/resource.js'
import {asArray, asRecord, asString, asStringMap, isRecord} from '../util/guards.js'
import type {ServicePort, ServiceView} from './views.js'

export function toServiceView(resource: Resource): ServiceView {
  const spec = asRecord(resource.object.spec)
  const ports: ServicePort[] = []
  for (const raw of asArray(spec.ports)) {
    const port = asRecord(raw)
    if (typeof port.port !== 'number') continue
    const targetPort = typeof port.targetPort === 'number' || typeof port.targetPort === 'string' ? port.targetPort : undefined
    ports.push({
      ...(asString(port.name) ? {name: asString(port.name)} : {}),
      port: port.port,
      ...(targetPort === undefined ? {} : {targetPort}),
      protocol: asString(port.protocol) ?? 'TCP',
    })
  }
  return {
    ref: resource.ref,
    resource,
    name: resource.ref.name,
    namespace: resource.ref.namespace ?? 'default',
    type: asString(spec.type) ?? 'ClusterIP',
    ...(isRecord(spec.selector) ? {selector: asStringMap(spec.selector)} : {}),
    ports,
  }
}
