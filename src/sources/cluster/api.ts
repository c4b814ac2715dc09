import {UserError} from '../../errors.js'
import {isRecord} from '../../util/guards.js'
import type {Connection} from './credentials.js'
import {isRetriedFailure, type RetryPolicy, withRetries} from './retry.js'
import {CredentialsError, type RawResponse, type Transport, TransportError} from './transport.js'

export type ApiAnswer =
  | {type: 'ok'; body: Record<string, unknown>}
  | {type: 'failed'; status: number; reason?: string; message: string}

/** Failures of one request that leave the server reachable: the list that hit them is lost, not the scan. */
const REQUEST_LEVEL_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED'])

const MAX_MESSAGE = 300

const TLS_HINT = 'is the certificate-authority of the kubeconfig the CA of this cluster?'

function explain(error: TransportError): string {
  const tls = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET|ERR_TLS|ERR_SSL/.test(error.code)
  if (tls) return `TLS verification failed: ${error.message} (${error.code}); ${TLS_HINT}`
  return error.message.includes(error.code) ? error.message : `${error.message} (${error.code})`
}

export function isRequestLevel(error: unknown): error is TransportError {
  return error instanceof TransportError && REQUEST_LEVEL_CODES.has(error.code)
}

/** The scan stops here: without a reachable server nothing can be read. */
export function unreachable(connection: Connection, error: unknown): UserError {
  const cause = error instanceof TransportError ? explain(error) : typeof error === 'string' ? error : (error as Error).message
  return new UserError(`cannot reach the API server ${connection.server} (context ${connection.context}): ${cause}`)
}

const attempts = (error: unknown, retries: number): string => (isRetriedFailure(error) && retries > 0 ? `, after ${retries + 1} attempts` : '')

/** The Status message the API server sends with a failure; never the body itself, which is not ours to print. */
function failureOf(response: RawResponse): {status: number; reason?: string; message: string} {
  let status: unknown
  try {
    status = JSON.parse(response.body.toString('utf8'))
  } catch {
    status = undefined
  }
  const message = isRecord(status) && typeof status.message === 'string' && status.message ? status.message.slice(0, MAX_MESSAGE) : `HTTP ${response.status}`
  const reason = isRecord(status) && typeof status.reason === 'string' ? status.reason : undefined
  return {status: response.status, message, ...(reason ? {reason} : {})}
}

/**
 * GETs JSON from the API server with retries. A rejected credential ends the scan (UserError); so does a
 * server that cannot be reached. Any other failure is an answer for the caller to record.
 */
export class ApiClient {
  constructor(
    readonly connection: Connection,
    private readonly transport: Transport,
    private readonly retry: RetryPolicy,
  ) {}

  /** `scrub` overwrites the answer's bytes once decoded, so a secret's values do not linger in a buffer. */
  async get(path: string, options: {scrub?: boolean} = {}): Promise<ApiAnswer> {
    let response: RawResponse
    try {
      response = await withRetries(() => this.transport.get(path), this.retry)
    } catch (error) {
      if (isRequestLevel(error)) return {type: 'failed', status: 0, message: explain(error) + attempts(error, this.retry.retries)}
      const {server, context} = this.connection
      if (error instanceof CredentialsError) throw new UserError(`cannot get the credentials of context ${context} for ${server}: ${error.message}`)
      throw unreachable(this.connection, error instanceof TransportError ? explain(error) + attempts(error, this.retry.retries) : error)
    }
    if (response.status === 401) throw new UserError(`credentials rejected by ${this.connection.server} for context ${this.connection.context}`)
    if (response.status < 200 || response.status >= 300) return {type: 'failed', ...failureOf(response)}
    let body: unknown
    try {
      body = JSON.parse(response.body.toString('utf8'))
    } catch {
      return {type: 'failed', status: response.status, message: `the answer to GET ${path} is not JSON`}
    } finally {
      if (options.scrub) response.body.fill(0)
    }
    if (!isRecord(body)) return {type: 'failed', status: response.status, message: `the answer to GET ${path} is not a JSON object`}
    return {type: 'ok', body}
  }
}
