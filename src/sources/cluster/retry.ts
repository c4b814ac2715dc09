import type {IncomingHttpHeaders} from 'node:http'
import {type RawResponse, TransportError} from './transport.js'

export interface RetryPolicy {
  /** further attempts after the first */
  retries: number
  /** the first back-off; doubled on each retry */
  baseDelayMs: number
  maxDelayMs: number
  sleep: (ms: number) => Promise<void>
}

/** Answers worth asking again: throttling and server-side trouble that usually passes. */
const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504])

/** Network failures that usually pass (a server restarting, a load balancer dropping idle connections); TLS errors do not. */
const RETRIED_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])

/** A longer Retry-After than this is not waited for: the attempt is spent and the next one goes after this. */
const MAX_RETRY_AFTER_MS = 60_000

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Retry-After in seconds or as an HTTP date, as the API server and proxies send it. */
export function retryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const value = headers['retry-after']
  if (typeof value !== 'string' || value.trim() === '') return undefined
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now
  if (Number.isNaN(ms)) return undefined
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS)
}

function backoff(attempt: number, policy: RetryPolicy): number {
  const exponential = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs)
  // jitter, so concurrent lists throttled together do not come back together
  return exponential * (0.75 + Math.random() * 0.25)
}

export function isRetriedFailure(error: unknown): boolean {
  return error instanceof TransportError && RETRIED_CODES.has(error.code)
}

/**
 * Runs `attempt` until it gives an answer that is not worth retrying or the retries are spent. 429 waits
 * for Retry-After; 5xx and resets back off exponentially. The last answer or failure is what the caller sees.
 */
export async function withRetries(attempt: () => Promise<RawResponse>, policy: RetryPolicy): Promise<RawResponse> {
  for (let n = 0; ; n++) {
    const last = n >= policy.retries
    let response: RawResponse
    try {
      response = await attempt()
    } catch (error) {
      if (last || !isRetriedFailure(error)) throw error
      await policy.sleep(backoff(n, policy))
      continue
    }
    if (last || !RETRIED_STATUSES.has(response.status)) return response
    await policy.sleep(retryAfterMs(response.headers) ?? backoff(n, policy))
  }
}
