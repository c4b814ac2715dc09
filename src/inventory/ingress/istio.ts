// Istio Gateways (networking.istio.io) as entry points: their servers, the proxies their selector picks,
// where those proxies read credentials (their own namespace), and the mesh TLS defaults they inherit.
import type {FieldPath, Resource} from '../../model/resource.js'
import {asArray, asRecord, asString, asStringMap} from '../../util/guards.js'
import type {Labels} from '../selector.js'
import type {ServiceView, WorkloadView} from '../views.js'
import {exposureOf} from './exposure.js'
import {hostCovered, normalizeHost, stripNamespace} from './hosts.js'
import type {RevisionTlsDefaults} from './mesh-tls.js'
import type {Exposure, IstioGatewayEntryPoint, IstioServer, IstioServerTls, SecretRef, ServedHost} from './views.js'

/** Protocols carrying plain HTTP. */
const PLAIN_HTTP = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB'])
const SECURE = new Set(['HTTPS', 'TLS'])
/** Modes in which the gateway terminates TLS with a certificate of its own. */
export const TERMINATING_MODES = new Set(['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL'])

export function isIstioGateway(resource: Resource): boolean {
  return resource.ref.kind === 'Gateway' && resource.ref.apiVersion.startsWith('networking.istio.io/')
}

export interface IstioLookup {
  workloads: readonly WorkloadView[]
  services: readonly ServiceView[]
  meshDefaults: readonly RevisionTlsDefaults[]
}

const strings = (value: unknown): string[] => asArray(value).filter((v): v is string => typeof v === 'string')

function tlsOf(raw: unknown, path: FieldPath): IstioServerTls | undefined {
  if (raw === undefined || raw === null) return undefined
  const tls = asRecord(raw)
  const mode = asString(tls.mode)?.toUpperCase()
  const minProtocolVersion = asString(tls.minProtocolVersion)
  const maxProtocolVersion = asString(tls.maxProtocolVersion)
  const cipherSuites = strings(tls.cipherSuites)
  const credentials = [
    ...strings([tls.credentialName]).map((name) => ({name, path: [...path, 'credentialName']})),
    ...strings(tls.credentialNames).map((name, k) => ({name, path: [...path, 'credentialNames', k]})),
  ].filter((c) => c.name !== '')
  const serverCertificate = asString(tls.serverCertificate)
  return {
    ...(mode ? {mode} : {}),
    httpsRedirect: tls.httpsRedirect === true,
    credentials,
    ...(serverCertificate ? {serverCertificate} : {}),
    ...(minProtocolVersion ? {minProtocolVersion} : {}),
    ...(maxProtocolVersion ? {maxProtocolVersion} : {}),
    ...(cipherSuites.length > 0 ? {cipherSuites} : {}),
    path,
  }
}

function serversOf(spec: Record<string, unknown>): IstioServer[] {
  return asArray(spec.servers).map((raw, index) => {
    const server = asRecord(raw)
    const path: FieldPath = ['spec', 'servers', index]
    const port = asRecord(server.port)
    const tls = tlsOf(server.tls, [...path, 'tls'])
    return {
      index,
      path,
      ...(typeof port.number === 'number' ? {port: port.number} : {}),
      protocol: (asString(port.protocol) ?? '').toUpperCase(),
      hosts: strings(server.hosts).map((h, k) => ({host: normalizeHost(stripNamespace(h)), path: [...path, 'hosts', k]})),
      ...(tls ? {tls} : {}),
    }
  })
}

/** The mode of a secure server; Istio's default (enum value 0) is PASSTHROUGH. */
export const istioServerMode = (server: IstioServer): string => server.tls?.mode ?? 'PASSTHROUGH'

function exposureFor(selector: Labels, workloads: readonly WorkloadView[], services: readonly ServiceView[]): Exposure {
  const egress = Object.values(selector).some((v) => /egress/i.test(v)) || workloads.some((w) => /egress/i.test(w.name))
  if (egress) return 'egress'
  return exposureOf(workloads, services)
}

function isDefaultIngressGateway(selector: Labels): boolean {
  const entries = Object.entries(selector)
  return entries.length === 1 && entries[0][0] === 'istio' && entries[0][1] === 'ingressgateway'
}

interface Parsed {
  resource: Resource
  selector: Labels
  selectorKey: string
  servers: IstioServer[]
  workloads: WorkloadView[]
}

function secretsOf(gateway: Parsed): SecretRef[] {
  const own = gateway.resource.ref.namespace ?? 'default'
  const namespaces = [...new Set(gateway.workloads.map((w) => w.namespace))]
  // no proxy in the input: Istio's default ingress gateway lives in istio-system; others are assumed next to their Gateway
  const fallback = isDefaultIngressGateway(gateway.selector) ? 'istio-system' : own
  const searched = namespaces.length > 0 ? namespaces : [fallback]
  const refs: SecretRef[] = []
  for (const server of gateway.servers) {
    if (!SECURE.has(server.protocol) || !TERMINATING_MODES.has(istioServerMode(server))) continue
    const hosts = server.hosts.map((h) => h.host).filter((h) => h !== '*')
    const tls = server.tls as IstioServerTls
    for (const {name, path} of tls.credentials) refs.push({namespace: searched[0], name, path, hosts, searched})
    if (tls.credentials.length === 0 && !tls.serverCertificate) {
      refs.push({namespace: searched[0], name: '', path: tls.path, hosts, searched, invalid: `server ${server.index} terminates TLS (${istioServerMode(server)}) but names no credentialName or serverCertificate`})
    }
  }
  return refs
}

function servedHosts(gateway: Parsed, securePatterns: readonly {host: string; terminated: boolean}[]): ServedHost[] {
  const hosts: ServedHost[] = []
  for (const server of gateway.servers) {
    if (!PLAIN_HTTP.has(server.protocol)) continue
    for (const {host, path} of server.hosts) {
      const covering = securePatterns.filter((p) => hostCovered(host, p.host))
      const tls = covering.length === 0 ? 'none' : covering.some((p) => p.terminated) ? 'terminated' : 'passthrough'
      const redirect = server.tls?.httpsRedirect === true
      hosts.push({
        host,
        path,
        tls,
        http: redirect ? 'redirect' : 'served',
        ...(redirect ? {because: {text: 'tls.httpsRedirect: true', path: [...server.path, 'tls', 'httpsRedirect'], scope: 'object' as const}} : {}),
      })
    }
  }
  return hosts
}

function meshFor(workloads: readonly WorkloadView[], defaults: readonly RevisionTlsDefaults[]): RevisionTlsDefaults | undefined {
  const revision = workloads.map((w) => w.labels['istio.io/rev']).find(Boolean) ?? 'default'
  return defaults.find((d) => d.revision === revision) ?? defaults.find((d) => d.revision === 'default')
}

/**
 * Gateway views; a plain HTTP host counts as covered by TLS when a secure server of any Gateway applied
 * to the same proxies (the same selector) serves it.
 */
export function buildIstioGateways(resources: readonly Resource[], lookup: IstioLookup): IstioGatewayEntryPoint[] {
  const parsed: Parsed[] = resources.filter(isIstioGateway).map((resource) => {
    const spec = asRecord(resource.object.spec)
    const selector = asStringMap(spec.selector)
    const entries = Object.entries(selector)
    const workloads = entries.length === 0 ? [] : lookup.workloads.filter((w) => entries.every(([k, v]) => w.labels[k] === v))
    return {resource, selector, selectorKey: JSON.stringify(entries.sort()), servers: serversOf(spec), workloads}
  })
  const secureBySelector = new Map<string, {host: string; terminated: boolean}[]>()
  for (const gateway of parsed) {
    const list = secureBySelector.get(gateway.selectorKey) ?? []
    for (const server of gateway.servers) {
      if (!SECURE.has(server.protocol)) continue
      const terminated = TERMINATING_MODES.has(istioServerMode(server)) || istioServerMode(server) === 'ISTIO_MUTUAL'
      for (const h of server.hosts) list.push({host: h.host, terminated})
    }
    secureBySelector.set(gateway.selectorKey, list)
  }
  return parsed.map((gateway) => {
    const {resource, selector, servers, workloads} = gateway
    const mesh = meshFor(workloads, lookup.meshDefaults)
    return {
      type: 'istio-gateway',
      ref: resource.ref,
      resource,
      name: resource.ref.name,
      namespace: resource.ref.namespace ?? 'default',
      selector,
      servers,
      workloads,
      ...(mesh ? {mesh} : {}),
      exposure: exposureFor(selector, workloads, lookup.services),
      hosts: servedHosts(gateway, secureBySelector.get(gateway.selectorKey) ?? []),
      tlsHosts: servers.filter((s) => SECURE.has(s.protocol) && TERMINATING_MODES.has(istioServerMode(s))).flatMap((s) => s.hosts),
      secrets: secretsOf(gateway),
    }
  })
}
