import type {CoverageRow} from '../../model/input.js'
import type {ServedKind} from './discovery.js'
import type {ListPlan} from './lister.js'
import {keepTlsCertificate, TLS_FIELD_SELECTOR, TLS_SECRET_TYPE} from './secrets.js'

export interface PlanOptions {
  namespaces?: readonly string[]
  secrets: boolean
}

/**
 * Not read at all when secrets are off. `forbidden`, not `absent`: rules that read Secrets must skip
 * rather than pass as if the cluster had none.
 */
export const SECRETS_OFF: CoverageRow = {apiVersion: 'v1', kind: 'Secret', status: 'forbidden', message: 'not read: secrets are excluded by option (--no-secrets)'}

const isCore = (served: ServedKind, kind: string): boolean => served.entry.group === '' && served.entry.kind === kind

/**
 * How a served kind is listed, or the row it gets without a LIST. ConfigMaps are planned later, once the
 * control-plane namespaces are known (see configNamespaces).
 */
export function planFor(served: ServedKind, options: PlanOptions): ListPlan | CoverageRow {
  // limited to some namespaces, the scan still reads the whole cluster when it may, as a manifest scan of
  // a full dump would: policies elsewhere (a mesh-wide one in istio-system) decide about these namespaces too
  const namespaces = served.namespaced && options.namespaces ? {fallbackNamespaces: options.namespaces} : {}
  if (isCore(served, 'Secret')) {
    if (!options.secrets) return SECRETS_OFF
    return {served, ...namespaces, fieldSelector: TLS_FIELD_SELECTOR, project: keepTlsCertificate, scrub: true, note: `${TLS_SECRET_TYPE} only; tls.crt kept, every other value dropped`}
  }
  return {served, ...namespaces}
}

export function configMapPlan(served: ServedKind, namespaces: readonly string[]): ListPlan {
  const where = namespaces.length > 0 ? namespaces.join(', ') : 'no namespace (no mesh or ingress-nginx control plane found)'
  return {served, namespaces, note: `read in ${where} only: the mesh and ingress controller configuration`}
}

export const isConfigMap = (served: ServedKind): boolean => isCore(served, 'ConfigMap')
