import type {InputError} from '../../model/input.js'
import type {Origin, Resource} from '../../model/resource.js'
import {classify, completeListItem, toResource, trim} from '../resource.js'
import type {ServedKind} from './discovery.js'

export interface Arrival {
  resources: Resource[]
  errors: InputError[]
}

/**
 * Turns the items of one list page into Resources: kind and apiVersion from the list (built-in lists leave
 * them out), an optional projection, the same classification as a manifest, and no managedFields or
 * last-applied copy.
 */
export function receive(items: unknown[], served: ServedKind, origin: Origin, project?: (item: unknown) => unknown): Arrival {
  const arrival: Arrival = {resources: [], errors: []}
  const list = {kind: `${served.entry.kind}List`, apiVersion: served.apiVersion}
  for (const raw of items) {
    completeListItem(list, raw)
    const item = project ? project(raw) : raw
    if (item === undefined) continue
    const classified = classify(item)
    if (classified.type === 'object') arrival.resources.push(toResource(trim(classified.object), origin))
    else if (classified.type !== 'empty') arrival.errors.push({message: `${served.apiVersion} ${served.entry.kind}: ${classified.reason}`})
  }
  return arrival
}
