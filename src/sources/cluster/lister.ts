import type {CoverageRow, InputError} from '../../model/input.js'
import type {Origin, Resource} from '../../model/resource.js'
import type {ApiClient} from './api.js'
import {receive} from './arrival.js'
import type {ServedKind} from './discovery.js'
import type {Limiter} from './limiter.js'
import {type PageOptions, walkList} from './pager.js'

/** How one served kind is listed. */
export interface ListPlan {
  served: ServedKind
  /** list in these namespaces only, one LIST each; otherwise one LIST across all namespaces */
  namespaces?: readonly string[]
  /** when the LIST across all namespaces is refused (403), list in these instead */
  fallbackNamespaces?: readonly string[]
  fieldSelector?: string
  project?: (item: unknown) => unknown
  scrub?: boolean
  /** said on the coverage row, e.g. what was left out on purpose */
  note?: string
}

export interface ListContext {
  client: ApiClient
  origin: Origin
  pageSize: number
  run: Limiter
}

export interface Listed {
  resources: Resource[]
  errors: InputError[]
  row: CoverageRow
}

type Walk = {namespace?: string; status: number; message: string} | {namespace?: string; status: 'ok'; count: number}

type Target = {namespace?: string; path: string}

function targetsOf(served: ServedKind, namespaces: readonly string[] | undefined): Target[] {
  const {basePath, plural} = served
  if (!served.namespaced || namespaces === undefined) return [{path: `${basePath}/${plural}`}]
  return namespaces.map((namespace) => ({namespace, path: `${basePath}/namespaces/${encodeURIComponent(namespace)}/${plural}`}))
}

/** One row for the kind: ok only when every walk was read; 403 anywhere makes it forbidden, 404 absent. */
function rowOf(plan: ListPlan, walks: Walk[], note: string | undefined): CoverageRow {
  const base = {apiVersion: plan.served.apiVersion, kind: plan.served.entry.kind}
  const failed = walks.filter((w): w is Extract<Walk, {message: string}> => w.status !== 'ok')
  if (failed.length === 0) {
    const count = walks.reduce((sum, w) => sum + (w.status === 'ok' ? w.count : 0), 0)
    return {...base, count, status: 'ok', ...(note ? {message: note} : {})}
  }
  const worst = failed.find((w) => w.status === 403) ?? failed.find((w) => w.status !== 404) ?? failed[0]
  const where = worst.namespace === undefined ? '' : ` (namespace ${worst.namespace}${failed.length > 1 ? ` and ${failed.length - 1} more` : ''})`
  const status = worst.status === 403 ? 'forbidden' : worst.status === 404 ? 'absent' : 'error'
  return {...base, status, message: `${worst.message}${where}`}
}

/**
 * Lists one kind: a paged LIST across all namespaces, or one per namespace for the namespaces of the plan.
 * Each walk takes one slot of the limiter for its whole length, so slots bound the requests in flight.
 */
export async function listKind(plan: ListPlan, context: ListContext): Promise<Listed> {
  const options: PageOptions = {pageSize: context.pageSize, ...(plan.fieldSelector ? {fieldSelector: plan.fieldSelector} : {}), ...(plan.scrub ? {scrub: true} : {})}
  const walk = (targets: Target[]) =>
    Promise.all(
      targets.map(async ({namespace, path}) => {
        // one Arrival per page; a list started again after 410 Gone drops the pages of the first try
        const outcome = await context.run(() => walkList(context.client, path, options, (items) => [receive(items, plan.served, context.origin, plan.project)]))
        return {namespace, outcome}
      }),
    )
  let walks = await walk(targetsOf(plan.served, plan.namespaces))
  let note = plan.note
  const refused = walks.length === 1 && walks[0].outcome.type === 'failed' && walks[0].outcome.status === 403
  if (refused && plan.fallbackNamespaces && plan.served.namespaced) {
    // someone whose Roles cover only some namespaces can still read those
    walks = await walk(targetsOf(plan.served, plan.fallbackNamespaces))
    note = [note, `the list across all namespaces is forbidden; read in ${plan.fallbackNamespaces.join(', ')} only`].filter(Boolean).join('; ')
  }
  const resources: Resource[] = []
  const errors: InputError[] = []
  const summary: Walk[] = []
  for (const {namespace, outcome} of walks) {
    if (outcome.type === 'failed') {
      summary.push({namespace, status: outcome.status, message: outcome.message})
      continue
    }
    let count = 0
    for (const page of outcome.items) {
      for (const resource of page.resources) resources.push(resource)
      for (const error of page.errors) errors.push(error)
      count += page.resources.length
    }
    summary.push({namespace, status: 'ok', count})
  }
  return {resources, errors, row: rowOf(plan, summary, note)}
}
