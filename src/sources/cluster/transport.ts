import http, {type IncomingHttpHeaders} from 'node:http'
import https from 'node:https'
import {promisify} from 'node:util'
import {gunzip} from 'node:zlib'
import type {Connection} from './credentials.js'

const gunzipAsync = promisify(gunzip)

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/** A request that got no HTTP answer: refused, reset, timed out, or TLS that did not verify. */
export class TransportError extends Error {
  readonly code: string

  constructor(code: string, message: string) {
    super(message)
    this.name = 'TransportError'
    this.code = code
  }
}

/** The kubeconfig user's credentials could not be had: an exec plugin failed, a token file is missing. */
export class CredentialsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CredentialsError'
  }
}

/** Issues GET requests and nothing else: the only method this source has. */
export interface Transport {
  get(path: string): Promise<RawResponse>
  close(): void
}

export interface TransportOptions {
  timeoutMs: number
  maxSockets: number
}

type Agent = http.Agent | https.Agent

/**
 * client-node gives the TLS material and headers of the context (token, client certificate, exec plugin
 * output, impersonation). Its own agent does not keep connections alive, so unless a proxy is configured
 * this transport makes one that does: a scan sends hundreds of requests to one server.
 */
function makeAgent(connection: Connection, tls: https.RequestOptions, maxSockets: number): Agent {
  const cluster = connection.kubeConfig.getCurrentCluster()
  if (cluster?.proxyUrl && tls.agent instanceof http.Agent) return tls.agent
  const options = {keepAlive: true, maxSockets, ca: tls.ca, cert: tls.cert, key: tls.key, pfx: tls.pfx, passphrase: tls.passphrase, servername: tls.servername, ...(tls.rejectUnauthorized === undefined ? {} : {rejectUnauthorized: tls.rejectUnauthorized})}
  return connection.server.startsWith('http:') ? new http.Agent(options) : new https.Agent(options)
}

function failure(error: unknown): TransportError {
  if (error instanceof TransportError) return error
  const {code, message} = error as NodeJS.ErrnoException
  return new TransportError(code ?? 'ERROR', message || String(error))
}

async function decode(headers: IncomingHttpHeaders, body: Buffer): Promise<Buffer> {
  return headers['content-encoding'] === 'gzip' ? gunzipAsync(body) : body
}

export function createTransport(connection: Connection, options: TransportOptions): Transport {
  const base = new URL(connection.server)
  const prefix = base.pathname.replace(/\/+$/, '')
  const request = base.protocol === 'http:' ? http.request : https.request
  let agent: Agent | undefined
  let closed = false

  const get = async (path: string): Promise<RawResponse> => {
    // a scan that stopped (rejected credentials, say) must not leave lists running behind it
    if (closed) throw new TransportError('ECANCELED', 'the scan has stopped')
    // asked per request: exec plugin and token-file credentials are refreshed by client-node as they expire
    const tls: https.RequestOptions = {}
    try {
      await connection.kubeConfig.applyToHTTPSOptions(tls)
    } catch (error) {
      const message = String((error as Error).message ?? error).trim()
      // client-node refuses to build an agent for http:// without insecure-skip-tls-verify, after filling in
      // the headers; kubectl talks to such servers (`kubectl proxy`), and this transport has its own agent
      if (!(base.protocol === 'http:' && /HTTP protocol is not allowed/.test(message))) throw new CredentialsError(message)
    }
    agent ??= makeAgent(connection, tls, options.maxSockets)
    const headers = {...(tls.headers as Record<string, string> | undefined), accept: 'application/json', 'accept-encoding': 'gzip', 'user-agent': 'zt-audit'}
    return new Promise<RawResponse>((resolve, reject) => {
      const req = request({
        method: 'GET',
        protocol: base.protocol,
        hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: base.port,
        path: prefix + path,
        headers,
        agent,
        ...(tls.auth ? {auth: tls.auth} : {}),
      })
      const timer = setTimeout(() => {
        req.destroy(new TransportError('ETIMEDOUT', `no complete answer within ${options.timeoutMs / 1000} s`))
      }, options.timeoutMs)
      req.on('error', (error) => {
        clearTimeout(timer)
        reject(failure(error))
      })
      req.on('response', (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', (error) => {
          clearTimeout(timer)
          reject(failure(error))
        })
        res.on('end', () => {
          clearTimeout(timer)
          if (!res.complete) {
            reject(new TransportError('ECONNRESET', 'the connection closed before the answer was complete'))
            return
          }
          decode(res.headers, Buffer.concat(chunks)).then(
            (body) => resolve({status: res.statusCode ?? 0, headers: res.headers, body}),
            (error: unknown) => reject(failure(error)),
          )
        })
      })
      req.end()
    })
  }

  return {
    get,
    close: () => {
      closed = true
      agent?.destroy()
    },
  }
}
