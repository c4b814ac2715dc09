import type {KubeObject} from '../model/kube.js'
import {isClusterScoped} from '../model/kinds.js'
import type {FieldPath, Origin, Resource, SourceLocation} from '../model/resource.js'
import {isRecord} from '../util/guards.js'

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

export type Classified =
  | {type: 'object'; object: KubeObject}
  | {type: 'empty'}
  | {type: 'not-kubernetes'; reason: string}
  | {type: 'invalid'; reason: string}

/**
 * Decides whether a parsed document is a Kubernetes object. Both sources use this, so a file and a
 * cluster agree on what counts as an object.
 */
export function classify(value: unknown): Classified {
  if (value === null || value === undefined) return {type: 'empty'}
  if (!isRecord(value)) return {type: 'not-kubernetes', reason: `a ${Array.isArray(value) ? 'sequence' : typeof value}, not an object`}
  const {apiVersion, kind} = value
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) {
    return {type: 'not-kubernetes', reason: 'no apiVersion and kind'}
  }
  // kustomization.yaml and its kin carry apiVersion/kind but configure a build tool, not the cluster
  if (apiVersion.startsWith('kustomize.config.k8s.io/') || apiVersion.startsWith('config.kubernetes.io/')) {
    return {type: 'not-kubernetes', reason: `${kind} (${apiVersion}) is build configuration`}
  }
  const metadata = value.metadata
  if (metadata !== undefined && !isRecord(metadata)) return {type: 'invalid', reason: `${kind} has a metadata that is not a mapping`}
  const name = metadata?.name ?? metadata?.generateName
  if (name === undefined || name === null || name === '') return {type: 'invalid', reason: `${kind} has no metadata.name`}
  // e.g. `name: yes`, which YAML 1.1 reads as a boolean
  if (typeof name !== 'string') return {type: 'invalid', reason: `${kind} has a metadata.name that is not a string (${JSON.stringify(name)})`}
  return {type: 'object', object: value as KubeObject}
}

export type ListObject = KubeObject & {items: unknown[]}

/** A `kind: List` or typed `*List` (PodList, …) as `kubectl get -o yaml|json` and the API write them. */
export function isList(value: unknown): value is ListObject {
  return isRecord(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)
}

/**
 * Items of a typed List leave their kind and apiVersion to the List, as the API server sends them;
 * fills them in, in place (the item is freshly parsed and held by nothing else).
 */
export function completeListItem(list: Pick<KubeObject, 'kind' | 'apiVersion'>, item: unknown): void {
  if (!isRecord(item) || list.kind === 'List') return
  if (item.kind === undefined) item.kind = list.kind.slice(0, -'List'.length)
  if (item.apiVersion === undefined && typeof list.apiVersion === 'string') item.apiVersion = list.apiVersion
}

/**
 * Drops what is large and never audited: the observed `status` (rules judge the configuration, and a running
 * pod's spec already names its real images), server-side apply bookkeeping, and the last-applied copy of the
 * whole object. Mutates the freshly parsed object in place (nothing else holds it yet).
 */
export function trim(object: KubeObject): KubeObject {
  delete object.status
  const metadata: unknown = object.metadata
  if (isRecord(metadata)) {
    delete metadata.managedFields
    const annotations = metadata.annotations
    if (isRecord(annotations) && LAST_APPLIED in annotations) delete annotations[LAST_APPLIED]
  }
  return object
}

const noLocation = (): undefined => undefined

/**
 * Wraps a classified object as a Resource. A namespaced object written without a namespace is read as
 * living in `default`, as `kubectl apply` would place it.
 */
export function toResource(
  object: KubeObject,
  origin: Origin,
  locate: (path: FieldPath) => SourceLocation | undefined = noLocation,
): Resource {
  const metadata = object.metadata ?? {}
  const name = (metadata.name ?? metadata.generateName) as string
  const declared = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined
  const namespace = isClusterScoped(object.kind) ? undefined : (declared ?? 'default')
  return {
    ref: {apiVersion: object.apiVersion, kind: object.kind, name, ...(namespace === undefined ? {} : {namespace})},
    origin,
    object,
    locate,
  }
}
