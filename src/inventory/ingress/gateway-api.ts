// Gateway API Gateways (gateway.networking.k8s.io) as entry points: listeners, the HTTPRoutes attached
// to each (parentRef name, namespace, sectionName and port; allowedRoutes; hostname intersection), and
// whether those routes only redirect to https.
import type {FieldPath, Resource} from '../../model/resource.js'
import {asArray, asRecord, asString} from '../../util/guards.js'
import {hostCovered, normalizeHost} from './hosts.js'
import type {GatewayApiEntryPoint, GatewayListener, GatewayRouteRef, SecretRef, ServedHost} from './views.js'

const GROUP = 'gateway.networking.k8s.io'
const SECURE = new Set(['HTTPS', 'TLS'])

export function isGatewayApi(resource: Resource): boolean {
  return resource.ref.kind === 'Gateway' && resource.ref.apiVersion.startsWith(`${GROUP}/`)
}

const strings = (value: unknown): string[] => asArray(value).filter((v): v is string => typeof v === 'string')

/** Every rule answers with a redirect to https (a route without rules forwards nothing, so it is not one). */
function redirectsAll(route: Resource): boolean {
  const rules = asArray(asRecord(route.object.spec).rules).map(asRecord)
  return (
    rules.length > 0 &&
    rules.every((rule) =>
      asArray(rule.filters)
        .map(asRecord)
        .some((f) => f.type === 'RequestRedirect' && asString(asRecord(f.requestRedirect).scheme)?.toLowerCase() === 'https'),
    )
  )
}

function hostnamesIntersect(listener: string | undefined, routeHosts: readonly string[]): boolean {
  if (!listener || routeHosts.length === 0) return true
  return routeHosts.some((h) => hostCovered(h, listener) || hostCovered(listener, h))
}

function attachedRoutes(gateway: Resource, raw: Record<string, unknown>, routes: readonly Resource[]): GatewayRouteRef[] {
  const gwNamespace = gateway.ref.namespace ?? 'default'
  const name = asString(raw.name) ?? ''
  const port = typeof raw.port === 'number' ? raw.port : undefined
  const hostname = asString(raw.hostname)
  const from = asString(asRecord(asRecord(raw.allowedRoutes).namespaces).from) ?? 'Same'
  const attached: GatewayRouteRef[] = []
  for (const route of routes) {
    const routeNamespace = route.ref.namespace ?? 'default'
    if (from === 'Same' && routeNamespace !== gwNamespace) continue
    const spec = asRecord(route.object.spec)
    if (!hostnamesIntersect(hostname ? normalizeHost(hostname) : undefined, strings(spec.hostnames).map(normalizeHost))) continue
    const refs = asArray(spec.parentRefs).map(asRecord)
    const matches = refs.some((ref) => {
      if ((asString(ref.group) ?? GROUP) !== GROUP || (asString(ref.kind) ?? 'Gateway') !== 'Gateway') return false
      if (ref.name !== gateway.ref.name || (asString(ref.namespace) ?? routeNamespace) !== gwNamespace) return false
      if (ref.sectionName !== undefined && ref.sectionName !== name) return false
      return ref.port === undefined || ref.port === port
    })
    if (matches) attached.push({resource: route, redirectsAll: redirectsAll(route)})
  }
  return attached
}

function listenersOf(gateway: Resource, routes: readonly Resource[]): GatewayListener[] {
  return asArray(asRecord(gateway.object.spec).listeners).map((value, index) => {
    const raw = asRecord(value)
    const protocol = (asString(raw.protocol) ?? '').toUpperCase()
    const hostname = asString(raw.hostname)
    const port = typeof raw.port === 'number' ? raw.port : undefined
    return {
      index,
      path: ['spec', 'listeners', index],
      name: asString(raw.name) ?? String(index),
      ...(port === undefined ? {} : {port}),
      protocol,
      ...(hostname ? {hostname: normalizeHost(hostname)} : {}),
      ...(SECURE.has(protocol) ? {tlsMode: asString(asRecord(raw.tls).mode) ?? 'Terminate'} : {}),
      routes: protocol === 'HTTP' || protocol === 'HTTPS' ? attachedRoutes(gateway, raw, routes) : [],
    }
  })
}

function secretsOf(gateway: Resource, listeners: readonly GatewayListener[]): SecretRef[] {
  const namespace = gateway.ref.namespace ?? 'default'
  const refs: SecretRef[] = []
  for (const listener of listeners) {
    if (!SECURE.has(listener.protocol) || listener.tlsMode !== 'Terminate') continue
    const certificateRefs = asArray(asRecord(asRecord(asArray(asRecord(gateway.object.spec).listeners)[listener.index]).tls).certificateRefs).map(asRecord)
    const hosts = listener.hostname ? [listener.hostname] : []
    const base: FieldPath = [...listener.path, 'tls', 'certificateRefs']
    certificateRefs.forEach((ref, k) => {
      const group = asString(ref.group) ?? ''
      const kind = asString(ref.kind) ?? 'Secret'
      const target = asString(ref.namespace) ?? namespace
      const invalid = (group === '' || group === 'core') && kind === 'Secret' ? undefined : `it points to a ${kind}${group ? ` of group ${group}` : ''}, not a core Secret`
      refs.push({namespace: target, name: asString(ref.name) ?? '', path: [...base, k], hosts, searched: [target], ...(invalid ? {invalid} : {})})
    })
    if (certificateRefs.length === 0) {
      refs.push({namespace, name: '', path: [...listener.path, 'tls'], hosts, searched: [namespace], invalid: `listener ${listener.name} terminates TLS but has no certificateRefs`})
    }
  }
  return refs
}

function servedHosts(listeners: readonly GatewayListener[]): ServedHost[] {
  const secure = listeners.filter((l) => SECURE.has(l.protocol))
  return listeners
    .filter((l) => l.protocol === 'HTTP')
    .map((listener) => {
      const host = listener.hostname ?? '*'
      const covering = secure.filter((s) => hostCovered(host, s.hostname ?? '*'))
      const tls = covering.length === 0 ? 'none' : covering.some((s) => s.tlsMode === 'Terminate') ? 'terminated' : 'passthrough'
      const redirecting = listener.routes.length > 0 && listener.routes.every((r) => r.redirectsAll)
      const [first] = listener.routes
      return {
        host,
        path: listener.hostname ? [...listener.path, 'hostname'] : [...listener.path, 'protocol'],
        tls,
        http: redirecting ? 'redirect' : 'served',
        ...(redirecting && first
          ? {because: {text: `HTTPRoute ${first.resource.ref.namespace}/${first.resource.ref.name} redirects to https`, at: first.resource, path: ['spec', 'rules'], scope: 'object' as const}}
          : {}),
      }
    })
}

export function buildGatewayApiGateways(resources: readonly Resource[], routes: readonly Resource[]): GatewayApiEntryPoint[] {
  return resources.filter(isGatewayApi).map((resource) => {
    const className = asString(asRecord(resource.object.spec).gatewayClassName)
    const listeners = listenersOf(resource, routes)
    return {
      type: 'gateway-api',
      ref: resource.ref,
      resource,
      name: resource.ref.name,
      namespace: resource.ref.namespace ?? 'default',
      ...(className ? {className} : {}),
      listeners,
      exposure: className && /internal|rilb|ilb|private/i.test(className) ? 'internal' : 'internet',
      hosts: servedHosts(listeners),
      tlsHosts: listeners.filter((l) => SECURE.has(l.protocol) && l.tlsMode === 'Terminate' && l.hostname).map((l) => ({host: l.hostname as string, path: [...l.path, 'hostname']})),
      secrets: secretsOf(resource, listeners),
    }
  })
}
