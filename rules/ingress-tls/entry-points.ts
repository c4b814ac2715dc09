// How the ingress TLS rules name entry points, hosts and the places they are served from.
import type {FieldPath, Severity, TlsEntryPoint} from '../../src/sdk/index.js'
import {lowerSeverity} from '../../src/sdk/index.js'

/** e.g. `Ingress shop/frontend`, `Istio Gateway shop/b2b`, `Gateway web/public`, `ingress-nginx ConfigMap ingress-nginx/ingress-nginx-controller`. */
export function describeEntryPoint(entryPoint: TlsEntryPoint): string {
  const name = `${entryPoint.namespace}/${entryPoint.name}`
  switch (entryPoint.type) {
    case 'ingress':
      return `Ingress ${name}`
    case 'istio-gateway':
      return `Istio Gateway ${name}`
    case 'gateway-api':
      return `Gateway ${name}`
    case 'nginx-config':
      return `ingress-nginx ${entryPoint.configMap ? 'ConfigMap' : `controller ${entryPoint.resource.ref.kind}`} ${name}`
  }
}

export const hostLabel = (host: string): string => (host === '*' ? 'every host' : host)

export const quoteList = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`)

/** The server (Istio) or listener (Gateway API) a path points into, described; '' for Ingress paths. */
export function whereOnPath(entryPoint: TlsEntryPoint, path: FieldPath): string {
  if (entryPoint.type === 'istio-gateway' && path[1] === 'servers') {
    const server = entryPoint.servers[Number(path[2])]
    return server ? `server ${server.index} (${server.protocol}${server.port === undefined ? '' : ` port ${server.port}`})` : ''
  }
  if (entryPoint.type === 'gateway-api' && path[1] === 'listeners') {
    const listener = entryPoint.listeners[Number(path[2])]
    return listener ? `listener ${listener.name} (${listener.protocol}${listener.port === undefined ? '' : ` port ${listener.port}`})` : ''
  }
  return ''
}

/** Reachable only from inside the cluster or a private network: one level lower. */
export function byExposure(severity: Severity, entryPoint: TlsEntryPoint): Severity {
  return 'exposure' in entryPoint && entryPoint.exposure === 'internal' ? lowerSeverity(severity, 1) : severity
}
