// Manifests to Resources for the NetworkPolicy tests, with js-yaml and the classify/trim/toResource steps
// every source shares, so these tests do not depend on the manifest loader.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {loadAll} from 'js-yaml'

import type {Resource} from '../../src/model/resource.js'
import {classify, completeListItem, isList, toResource, trim} from '../../src/sources/resource.js'

/** The objects of parsed documents, `List` and `*List` documents expanded into their items. */
export function resourcesOf(docs: readonly unknown[], file: string): Resource[] {
  const resources: Resource[] = []
  docs.forEach((doc, document) => {
    const add = (value: unknown, item?: number): void => {
      // a List has no metadata.name, so it is expanded before classify would reject it
      if (item === undefined && isList(value)) {
        for (const [index, child] of value.items.entries()) {
          completeListItem(value, child)
          add(child, index)
        }
        return
      }
      const classified = classify(value)
      if (classified.type !== 'object') return
      const origin = {type: 'file', file, document, ...(item === undefined ? {} : {item}), line: 1} as const
      resources.push(toResource(trim(classified.object), origin))
    }
    add(doc)
  })
  return resources
}

/** The objects of a YAML stream. */
export const resourcesFromYaml = (text: string, file = 'inline.yaml'): Resource[] => resourcesOf(loadAll(text), file)

/** Every object in the files (relative to `base`): JSON as one document, YAML as a stream. */
export function loadResources(files: readonly string[], base = ''): Resource[] {
  return files.flatMap((file) => {
    const text = readFileSync(path.join(base, file), 'utf8')
    return file.endsWith('.json') ? resourcesOf([JSON.parse(text)], file) : resourcesFromYaml(text, file)
  })
}
