import {UserError} from '../../errors.js'
import type {CoverageRow, InputError, SourceResult} from '../../model/input.js'
import type {Origin, Resource} from '../../model/resource.js'
import {ApiClient} from './api.js'
import {configNamespaces} from './config-namespaces.js'
import {connect, type Connection, SERVICE_ACCOUNT_DIR} from './credentials.js'
import {discover, type ServedKind} from './discovery.js'
import {SCANNED_KINDS, type ScannedKind} from './kinds.js'
import {limiter} from './limiter.js'
import {type Listed, listKind, type ListContext} from './lister.js'
import {configMapPlan, isConfigMap, planFor} from './plans.js'
import {sleep} from './retry.js'
import {createTransport} from './transport.js'

export {SCANNED_KINDS, type ScannedKind} from './kinds.js'

export interface ClusterOptions {
  /** kubeconfig file; default: in-cluster credentials in a pod, else $KUBECONFIG, else ~/.kube/config */
  kubeconfig?: string
  /** kubeconfig context; default its current-context */
  context?: string
  /**
   * the namespaces the scan is limited to: kinds are still listed across all namespaces, as rules may need
   * objects elsewhere, but a kind whose cluster-wide LIST is forbidden is listed in these namespaces instead
   */
  namespaces?: string[]
  /** read kubernetes.io/tls Secrets (their certificates only); default true */
  secrets?: boolean
  /** LISTs in flight at once; default 4 */
  concurrency?: number
  /** `limit` of each LIST page; default 500 */
  pageSize?: number
  /** a request without a complete answer by then is abandoned (and retried); default 60 s */
  requestTimeoutMs?: number
  /** further attempts after 429, 5xx, resets and timeouts; default 4 */
  retries?: number
  /** the first back-off between attempts, doubled each time; default 500 ms */
  retryDelayMs?: number
  /** environment to read $KUBECONFIG, $HOME and the in-cluster variables from; default process.env */
  env?: NodeJS.ProcessEnv
  /** where a pod's service-account token and CA are mounted */
  serviceAccountDir?: string
  /**
   * the kinds the rules read (their `meta.reads`); any that SCANNED_KINDS lacks, e.g. of a plug-in rule,
   * is looked up by name in every API group and listed too
   */
  reads?: readonly string[]
}

const DEFAULTS = {concurrency: 4, pageSize: 500, requestTimeoutMs: 60_000, retries: 4, retryDelayMs: 500}
const MAX_BACKOFF_MS = 8_000

function positive(name: string, value: number | undefined, fallback: number, minimum = 1): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < minimum) throw new UserError(`${name} must be an integer of at least ${minimum}, not ${value}`)
  return value
}

function nothingRead(connection: Connection, rows: CoverageRow[]): UserError {
  const where = `${connection.server} (context ${connection.context})`
  const failed = rows.filter((row) => row.status === 'forbidden' || row.status === 'error')
  if (failed.length === 0) return new UserError(`the cluster ${where} holds none of the objects zt-audit reads`)
  const first = failed[0]
  return new UserError(
    `nothing could be read from ${where}: ${failed.length} of ${rows.length} lists were refused or failed (first: ${first.kind}: ${first.message ?? first.status}). ` +
      'The credentials need get and list on the kinds in deploy/rbac.yaml.',
  )
}

/**
 * Reads a live cluster into the Resources a manifest scan would produce: discovery, then one paged LIST
 * per kind (at most `concurrency` at a time), with a coverage row for every kind zt-audit reads. Only GET
 * requests are sent. Credentials that are rejected, a server that cannot be reached and a cluster of which
 * nothing could be read stop the scan with a UserError; a kind that is forbidden or fails is a coverage row.
 */
export async function loadCluster(options: ClusterOptions = {}): Promise<SourceResult> {
  const concurrency = positive('concurrency', options.concurrency, DEFAULTS.concurrency)
  const pageSize = positive('pageSize', options.pageSize, DEFAULTS.pageSize)
  const timeoutMs = positive('requestTimeoutMs', options.requestTimeoutMs, DEFAULTS.requestTimeoutMs)
  const retries = positive('retries', options.retries, DEFAULTS.retries, 0)
  const baseDelayMs = positive('retryDelayMs', options.retryDelayMs, DEFAULTS.retryDelayMs, 0)
  const connection = connect({
    ...(options.kubeconfig ? {kubeconfig: options.kubeconfig} : {}),
    ...(options.context ? {context: options.context} : {}),
    env: options.env ?? process.env,
    serviceAccountDir: options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR,
  })
  const transport = createTransport(connection, {timeoutMs, maxSockets: concurrency})
  try {
    const client = new ApiClient(connection, transport, {retries, baseDelayMs, maxDelayMs: MAX_BACKOFF_MS, sleep})
    const origin: Origin = {type: 'cluster', context: connection.context, server: connection.server}
    const context: ListContext = {client, origin, pageSize, run: limiter(concurrency)}
    const namespaces = options.namespaces?.length ? options.namespaces : undefined

    const outcome = new Map<ScannedKind, Listed | CoverageRow>()
    const known = new Set(SCANNED_KINDS.map((k) => k.kind))
    const moreKinds = [...new Set(options.reads ?? [])].filter((kind) => !known.has(kind)).sort()
    const discovered = await discover(client, SCANNED_KINDS, context.run, moreKinds)
    const planOptions = {secrets: options.secrets ?? true, ...(namespaces ? {namespaces} : {})}
    let configMaps: ServedKind | undefined
    await Promise.all(
      discovered.map(async (found) => {
        if ('row' in found) return void outcome.set(found.entry, found.row)
        if (isConfigMap(found.served)) return void (configMaps = found.served)
        const plan = planFor(found.served, planOptions)
        outcome.set(found.entry, 'served' in plan ? await listKind(plan, context) : plan)
      }),
    )
    // last, because where to read ConfigMaps depends on where the control planes run
    if (configMaps) {
      const listed = [...outcome.values()].filter((o): o is Listed => 'resources' in o)
      const namespaceList = listed.find((o) => o.row.kind === 'Namespace' && o.row.apiVersion === 'v1')
      const existing = namespaceList?.row.status === 'ok' ? new Set(namespaceList.resources.map((r) => r.ref.name)) : undefined
      const where = configNamespaces(listed.flatMap((o) => o.resources), existing)
      outcome.set(configMaps.entry, await listKind(configMapPlan(configMaps, where), context))
    }

    const resources: Resource[] = []
    const errors: InputError[] = []
    const coverage: CoverageRow[] = []
    for (const {entry} of discovered) {
      const result = outcome.get(entry)
      if (!result) continue
      if (!('resources' in result)) {
        coverage.push(result)
        continue
      }
      for (const resource of result.resources) resources.push(resource)
      for (const error of result.errors) errors.push(error)
      coverage.push(result.row)
    }
    if (resources.length === 0) throw nothingRead(connection, coverage)
    return {source: 'cluster', target: `${connection.context} (${connection.server})`, resources, errors, skippedDocuments: [], coverage}
  } finally {
    transport.close()
  }
}
