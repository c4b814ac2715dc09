import type {Resource} from '../model/resource.js'
import {asStringMap} from '../util/guards.js'
import type {NamespaceView} from './views.js'

const NAME_LABEL = 'kubernetes.io/metadata.name'

/** Namespaces declared by Namespace objects, and those only implied by the objects living in them. */
export function buildNamespaces(resources: readonly Resource[]): Map<string, NamespaceView> {
  const views = new Map<string, NamespaceView>()
  for (const resource of resources) {
    if (resource.ref.kind !== 'Namespace' || resource.ref.apiVersion !== 'v1') continue
    const {name} = resource.ref
    const metadata = resource.object.metadata ?? {}
    views.set(name, {
      ref: resource.ref,
      resource,
      name,
      labels: {...asStringMap(metadata.labels), [NAME_LABEL]: name},
      annotations: asStringMap(metadata.annotations),
      declared: true,
    })
  }
  for (const resource of resources) {
    const name = resource.ref.namespace
    if (name === undefined || views.has(name)) continue
    views.set(name, {
      ref: {apiVersion: 'v1', kind: 'Namespace', name},
      anchor: {resource, path: ['metadata', 'namespace']},
      name,
      labels: {[NAME_LABEL]: name},
      annotations: {},
      declared: false,
    })
  }
  return views
}
