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
  if (typeof name !== 'string' || name === '') return {type: 'invalid', reason: `${kind} has no metadata.name`}
  return {type: 'object', object: value as KubeObject}
}

export function isList(object: KubeObject): boolean {
  return object.kind.endsWith('List') && Array.isArray(object.items)
}

/**
 * Drops what is large and never audited: server-side apply bookkeeping and the last-applied copy of
 * the whole object. Mutates the freshly parsed object in place (nothing else holds it yet).
 */
export function trim(object: KubeObject): KubeObject {
  const metadata = object.metadata
  if (metadata) {
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
