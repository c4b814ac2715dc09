import {asArray, asRecord, asString} from '../../util/guards.js'
import type {ApiClient} from './api.js'

export interface PageOptions {
  pageSize: number
  fieldSelector?: string
  /** overwrite each answer's bytes once decoded (secrets) */
  scrub?: boolean
}

export type WalkOutcome<T> = {type: 'ok'; items: T[]} | {type: 'failed'; status: number; message: string}

/** How often a list whose continue token expired (410 Gone) is started again before it counts as failed. */
const MAX_RESTARTS = 3

/**
 * Reads one list to the end, `limit` items a page, following `continue` until the server stops sending
 * one. Each page is handed to `accept` as it arrives, so only the kept form of its items outlives it. An
 * expired token (410 Gone) starts the list again from the top: continuing would mix two versions of it.
 */
export async function walkList<T>(client: ApiClient, path: string, options: PageOptions, accept: (items: unknown[]) => T[]): Promise<WalkOutcome<T>> {
  for (let restarts = 0; ; restarts++) {
    const kept: T[] = []
    const seen = new Set<string>()
    let token: string | undefined
    for (;;) {
      const query = new URLSearchParams({limit: String(options.pageSize)})
      if (options.fieldSelector) query.set('fieldSelector', options.fieldSelector)
      if (token !== undefined) query.set('continue', token)
      const answer = await client.get(`${path}?${query.toString()}`, {scrub: options.scrub})
      if (answer.type === 'failed') {
        if (answer.status !== 410 || token === undefined) return answer
        if (restarts < MAX_RESTARTS) break
        return {type: 'failed', status: 410, message: `the list expired ${restarts + 1} times before it was read to the end: ${answer.message}`}
      }
      const {items} = answer.body
      if (items !== null && items !== undefined && !Array.isArray(items)) return {type: 'failed', status: 200, message: `GET ${path} did not answer with a list`}
      // a loop, not push(...): a page can hold more items than a call takes arguments
      for (const item of accept(asArray(items))) kept.push(item)
      const next = asString(asRecord(answer.body.metadata).continue)
      if (!next) return {type: 'ok', items: kept}
      if (seen.has(next)) return {type: 'failed', status: 200, message: `GET ${path} sent the same continue token twice`}
      seen.add(next)
      token = next
    }
  }
}
