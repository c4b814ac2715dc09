import type {FieldPath, Resource} from '../../model/resource.js'
import {asArray, asRecord, asString} from '../../util/guards.js'
import type {ServiceView} from '../views.js'

/** A TLS setting of a DestinationRule: the whole host, or one port. */
export interface DestinationTls {
  mode: string
  /** undefined: every port */
  port?: number
  path: FieldPath
}

export interface DestinationRuleView {
  resource: Resource
  name: string
  namespace: string
  host: string
  settings: DestinationTls[]
  /** DestinationRules with a workloadSelector apply only to the client workloads they select */
  hasWorkloadSelector: boolean
}

export function compileDestinationRule(resource: Resource): DestinationRuleView {
  const spec = asRecord(resource.object.spec)
  const policy = asRecord(spec.trafficPolicy)
  const settings: DestinationTls[] = []
  const tlsMode = asString(asRecord(policy.tls).mode)
  if (tlsMode) settings.push({mode: tlsMode.toUpperCase(), path: ['spec', 'trafficPolicy', 'tls', 'mode']})
  asArray(policy.portLevelSettings).forEach((raw, index) => {
    const setting = asRecord(raw)
    const mode = asString(asRecord(setting.tls).mode)
    const port = asRecord(setting.port).number
    if (mode && typeof port === 'number') settings.push({mode: mode.toUpperCase(), port, path: ['spec', 'trafficPolicy', 'portLevelSettings', index, 'tls', 'mode']})
  })
  return {
    resource,
    name: resource.ref.name,
    namespace: resource.ref.namespace ?? 'default',
    host: asString(spec.host) ?? '',
    settings,
    hasWorkloadSelector: Object.keys(asRecord(spec.workloadSelector)).length > 0,
  }
}

/**
 * The Services a DestinationRule host names, with Istio's reading of short names: `cart` is `cart` in the
 * rule's namespace, `cart.shop` and `cart.shop.svc` are expanded, and a leading `*` matches any prefix of an
 * FQDN (`*.shop.svc.cluster.local`, `*.local`, `*`). Also how specific the match is, so the most specific
 * rule for a host wins.
 */
export function hostMatcher(host: string, namespace: string, domain = 'cluster.local'): {matches: (s: ServiceView) => boolean; specificity: number; fqdn?: string} | undefined {
  if (host === '') return undefined
  if (host.startsWith('*')) {
    const suffix = host.slice(1)
    return {matches: (s) => fqdn(s, domain).endsWith(suffix), specificity: suffix.length}
  }
  const parts = host.split('.')
  let full: string
  if (parts.length === 1) full = `${host}.${namespace}.svc.${domain}`
  else if (parts.length === 2) full = `${host}.svc.${domain}`
  else if (parts.length === 3 && parts[2] === 'svc') full = `${host}.${domain}`
  else full = host
  return {matches: (s) => fqdn(s, domain) === full, specificity: Number.MAX_SAFE_INTEGER, fqdn: full}
}

export function fqdn(service: ServiceView, domain = 'cluster.local'): string {
  return `${service.name}.${service.namespace}.svc.${domain}`
}
