import jsyaml from 'js-yaml'

import type {FieldPath, Resource} from '../../model/resource.js'
import {asRecord, isRecord} from '../../util/guards.js'

/** An object that lives as text inside another object (a ConfigMap), not as an object of its own. */
export interface EmbeddedObject {
  object: Record<string, unknown>
  kind: string
  name: string
  namespace: string
  /** the object that holds the text, and the field it is in: where findings point */
  holder: Resource
  path: FieldPath
}

/**
 * Istio 1.0–1.4 installs shipped their mesh-wide policy and DestinationRules as YAML text in ConfigMaps named
 * `*-custom-resources`, applied by a post-install Job in the ConfigMap's namespace. Reading them keeps a
 * mesh-wide PERMISSIVE or STRICT of such an install from going unseen.
 */
export function embeddedIstioObjects(configMaps: readonly Resource[]): EmbeddedObject[] {
  const found: EmbeddedObject[] = []
  for (const cm of configMaps) {
    if (!cm.ref.name.endsWith('-custom-resources')) continue
    for (const [key, text] of Object.entries(asRecord(cm.object.data))) {
      if (typeof text !== 'string') continue
      let docs: unknown[]
      try {
        docs = jsyaml.loadAll(text)
      } catch {
        continue
      }
      for (const doc of docs) {
        if (!isRecord(doc) || typeof doc.kind !== 'string') continue
        const metadata = asRecord(doc.metadata)
        found.push({
          object: doc,
          kind: doc.kind,
          name: typeof metadata.name === 'string' ? metadata.name : '',
          namespace: typeof metadata.namespace === 'string' ? metadata.namespace : (cm.ref.namespace ?? 'default'),
          holder: cm,
          path: ['data', key],
        })
      }
    }
  }
  return found
}
