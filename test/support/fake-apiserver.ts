// A small kube-apiserver for the cluster source's tests: HTTPS with its own CA, bearer-token and client
// certificate users, discovery, paged lists as a real server pages them, field selectors, RBAC refusals on
// demand, injectable faults and a log of every request. It serves the objects of fixture manifests.
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import https from 'node:https'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {TLSSocket} from 'node:tls'
import {gzipSync} from 'node:zlib'

import {isClusterScoped} from '../../src/model/kinds.js'
import type {KubeObject} from '../../src/model/kube.js'
import {loadManifests} from '../../src/sources/manifests/index.js'
import {makePki, type KeyPair, type Pki} from './fake-pki.js'

export interface ApiType {
  group: string
  kind: string
  plural: string
  namespaced: boolean
  /** versions served, in the order discovery lists them */
  versions: string[]
  preferred: string
  /** built-in types send list items without kind and apiVersion, as a real server does */
  builtIn: boolean
}

export interface LoggedRequest {
  method: string
  path: string
  query: Record<string, string>
  user?: string
  status: number
}

export type Fault = {
  /** matched against `path?query` (a string matches when contained); default: every list request */
  match?: string | RegExp
  /** how many matching requests it hits; default 1 */
  times?: number
} & (
  | {type: 'status'; status: number; retryAfter?: string}
  | {type: 'slow'; delayMs: number}
  | {type: 'drop'}
  /** 410 Gone, as for a continue token past its lifetime; only hits requests that carry one */
  | {type: 'expire'}
)

export interface FakeApiServerOptions {
  objects: readonly KubeObject[]
  /** bearer token → user name; default {'test-token': 'tester'} */
  tokens?: Record<string, string>
  /** most items a page holds whatever `limit` says, and without one; a client that ignores `continue` misses the rest */
  pageCap?: number
  /** more served versions of a group: {'security.istio.io': {versions: ['v1', 'v1beta1'], preferred: 'v1'}} */
  versions?: Record<string, {versions: string[]; preferred: string}>
  /** types served though no fixture holds one */
  extraTypes?: Omit<ApiType, 'builtIn'>[]
  /** groups not served at all */
  hideGroups?: string[]
  /**
   * resources the user may not list: 'secrets', 'networking.k8s.io/networkpolicies' everywhere;
   * 'configmaps@istio-system' in a namespace (and so across all namespaces); 'pods@cluster' across all
   * namespaces only, as for a user whose Roles grant it namespace by namespace
   */
  forbidden?: string[]
  /** continue tokens expire after this long (410 Gone); default never */
  continueTtlMs?: number
  /** add managedFields and the last-applied annotation to every object, as `kubectl apply` leaves them; default true */
  decorate?: boolean
  /** every answer waits this long, so that requests overlap as they do against a remote server */
  latencyMs?: number
  /** answer as a server that does not know field selectors would: ignore them */
  ignoreFieldSelectors?: boolean
  /** plain HTTP, as `kubectl proxy` serves the API on localhost */
  plainHttp?: boolean
}

export interface KubeconfigOptions {
  token?: string
  /** the CA the kubeconfig trusts; default the server's */
  caPem?: string
  /** reference the CA as a file instead of inline data */
  caAsFile?: boolean
  clientCertificate?: KeyPair
  exec?: {command: string; args?: string[]}
  server?: string
  currentContext?: string
}

export interface FakeApiServer {
  url: string
  pki: Pki
  /** a temporary folder for kubeconfigs and the like, removed on close */
  dir: string
  requests: LoggedRequest[]
  /** the most requests that were in progress at once */
  maxInFlight: number
  inject(...faults: Fault[]): void
  forbid(resource: string): void
  writeKubeconfig(options?: KubeconfigOptions): Promise<string>
  close(): Promise<void>
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']

const builtIn = (group: string, version: string, kind: string, plural: string, namespaced = true): ApiType => ({group, kind, plural, namespaced, versions: [version], preferred: version, builtIn: true})

/** What every real cluster serves, whether or not the fixtures hold such objects. */
const BUILT_IN_TYPES: readonly ApiType[] = [
  builtIn('', 'v1', 'Namespace', 'namespaces', false),
  builtIn('', 'v1', 'Node', 'nodes', false),
  builtIn('', 'v1', 'Pod', 'pods'),
  builtIn('', 'v1', 'Service', 'services'),
  builtIn('', 'v1', 'Endpoints', 'endpoints'),
  builtIn('', 'v1', 'ServiceAccount', 'serviceaccounts'),
  builtIn('', 'v1', 'ConfigMap', 'configmaps'),
  builtIn('', 'v1', 'Secret', 'secrets'),
  builtIn('', 'v1', 'ReplicationController', 'replicationcontrollers'),
  builtIn('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims'),
  builtIn('', 'v1', 'Event', 'events'),
  builtIn('apps', 'v1', 'Deployment', 'deployments'),
  builtIn('apps', 'v1', 'StatefulSet', 'statefulsets'),
  builtIn('apps', 'v1', 'DaemonSet', 'daemonsets'),
  builtIn('apps', 'v1', 'ReplicaSet', 'replicasets'),
  builtIn('apps', 'v1', 'ControllerRevision', 'controllerrevisions'),
  builtIn('batch', 'v1', 'Job', 'jobs'),
  builtIn('batch', 'v1', 'CronJob', 'cronjobs'),
  builtIn('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies'),
  builtIn('networking.k8s.io', 'v1', 'Ingress', 'ingresses'),
  builtIn('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
  builtIn('rbac.authorization.k8s.io', 'v1', 'Role', 'roles'),
  builtIn('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings'),
  builtIn('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
  builtIn('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
  builtIn('admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false),
  builtIn('admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false),
  builtIn('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets'),
]

/** Subresources discovery lists next to their parent; a client must not take them for kinds. */
const SUBRESOURCES: Record<string, string[]> = {pods: ['log', 'exec', 'status'], deployments: ['scale', 'status']}

/** The plural a CRD would declare: policies, gateways, ingresses, serviceentries. */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase()
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`
  return `${lower}s`
}

const splitApiVersion = (apiVersion: string): {group: string; version: string} => {
  const slash = apiVersion.lastIndexOf('/')
  return slash < 0 ? {group: '', version: apiVersion} : {group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1)}
}
const groupVersion = (group: string, version: string): string => (group ? `${group}/${version}` : version)
const typeKey = (group: string, kind: string): string => `${group}/${kind}`

/** The objects of fixture manifests as a server holds them: every namespaced object in its namespace. */
export async function fixtureObjects(paths: string[]): Promise<KubeObject[]> {
  const {resources} = await loadManifests(paths)
  return resources.map((r) => {
    const object = structuredClone(r.object) as KubeObject
    object.metadata = {...object.metadata, ...(r.ref.namespace ? {namespace: r.ref.namespace} : {})}
    return object
  })
}

function status(code: number, reason: string, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {kind: 'Status', apiVersion: 'v1', metadata: extra, status: 'Failure', message, reason, code}
}

function decorate(object: KubeObject, rv: number): KubeObject {
  const copy = structuredClone(object)
  const lastApplied = JSON.stringify(object)
  copy.metadata = {
    ...copy.metadata,
    resourceVersion: String(rv),
    annotations: {...copy.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': lastApplied},
    managedFields: [{manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: object.apiVersion, fieldsType: 'FieldsV1', fieldsV1: {'f:metadata': {}}}],
  }
  return copy
}

/** `a=b,c!=d`; the fields a real server supports for every kind, plus a secret's type. */
function fieldMatcher(selector: string | undefined, kind: string): ((object: KubeObject) => boolean) | string {
  if (!selector) return () => true
  const tests: ((object: KubeObject) => boolean)[] = []
  for (const term of selector.split(',')) {
    const match = /^([^!=]+)(==|=|!=)(.*)$/.exec(term)
    if (!match) return `invalid field selector: ${term}`
    const [, field, op, value] = match
    let read: (object: KubeObject) => unknown
    if (field === 'metadata.name') read = (o) => o.metadata.name
    else if (field === 'metadata.namespace') read = (o) => o.metadata.namespace
    else if (field === 'type' && kind === 'Secret') read = (o) => o.type
    else return `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`
    tests.push(op === '!=' ? (o) => read(o) !== value : (o) => read(o) === value)
  }
  return (object) => tests.every((test) => test(object))
}

interface Token {
  key: string
  namespace: string
  selector: string
  offset: number
  rv: number
  issued: number
}

const encodeToken = (token: Token): string => Buffer.from(JSON.stringify(token)).toString('base64url')
function decodeToken(text: string): Token | undefined {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Token
  } catch {
    return undefined
  }
}

function faultMatches(fault: Fault, target: string, query: URLSearchParams): boolean {
  if (fault.type === 'expire' && !query.has('continue')) return false
  if (fault.match === undefined) return query.has('limit') || query.has('continue')
  return typeof fault.match === 'string' ? target.includes(fault.match) : fault.match.test(target)
}

export async function startFakeApiServer(options: FakeApiServerOptions): Promise<FakeApiServer> {
  const pki = await makePki()
  const tokens = options.tokens ?? {'test-token': 'tester'}
  const pageCap = options.pageCap ?? 100
  const hidden = new Set(options.hideGroups ?? [])
  const forbidden = new Set(options.forbidden ?? [])
  const faults: (Fault & {left: number})[] = []
  const requests: LoggedRequest[] = []
  const timers = new Set<NodeJS.Timeout>()
  const resourceVersion = 4242
  let inFlight = 0

  // the types served: built-ins, every kind the fixtures hold, and the extra ones asked for
  const types = new Map<string, ApiType>(BUILT_IN_TYPES.map((t) => [typeKey(t.group, t.kind), {...t, versions: [...t.versions]}]))
  const store = new Map<string, KubeObject[]>()
  for (const object of options.objects) {
    const {group, version} = splitApiVersion(object.apiVersion)
    const key = typeKey(group, object.kind)
    let type = types.get(key)
    if (!type) {
      type = {group, kind: object.kind, plural: pluralOf(object.kind), namespaced: !isClusterScoped(object.kind), versions: [], preferred: version, builtIn: false}
      types.set(key, type)
    }
    if (!type.versions.includes(version)) type.versions.push(version)
    let items = store.get(key)
    if (!items) store.set(key, (items = []))
    items.push(options.decorate === false ? object : decorate(object, resourceVersion - items.length))
  }
  for (const extra of options.extraTypes ?? []) types.set(typeKey(extra.group, extra.kind), {...extra, builtIn: false})
  for (const [group, served] of Object.entries(options.versions ?? {})) {
    for (const type of types.values()) if (type.group === group) Object.assign(type, {versions: [...served.versions], preferred: served.preferred})
  }
  // a real server answers lists sorted by namespace and name
  for (const items of store.values()) items.sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`))

  const served = (): ApiType[] => [...types.values()].filter((t) => !hidden.has(t.group))
  const groups = (): Map<string, {versions: string[]; preferred: string}> => {
    const out = new Map<string, {versions: string[]; preferred: string}>()
    for (const t of served()) {
      if (!t.group) continue
      const g = out.get(t.group) ?? {versions: [], preferred: t.preferred}
      for (const v of t.versions) if (!g.versions.includes(v)) g.versions.push(v)
      out.set(t.group, g)
    }
    return out
  }

  const isForbidden = (type: ApiType, namespace: string | undefined): boolean => {
    const name = type.group ? `${type.group}/${type.plural}` : type.plural
    if (forbidden.has(name)) return true
    // a namespace refused also refuses the list across all namespaces
    return [...forbidden].some((f) => f.startsWith(`${name}@`) && (namespace === undefined || f === `${name}@${namespace}`) && !(namespace !== undefined && f === `${name}@cluster`))
  }

  const discovery = (pathname: string): unknown => {
    if (pathname === '/version') return {major: '1', minor: '31', gitVersion: 'v1.31.2', platform: 'linux/amd64'}
    if (pathname === '/api') return {kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443'}]}
    if (pathname === '/apis') {
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [...groups()].map(([name, g]) => ({
          name,
          versions: g.versions.map((version) => ({groupVersion: `${name}/${version}`, version})),
          preferredVersion: {groupVersion: `${name}/${g.preferred}`, version: g.preferred},
        })),
      }
    }
    const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(pathname)
    if (!match) return undefined
    const group = match[2] ?? ''
    const version = match[1] ?? match[3]
    const inVersion = served().filter((t) => t.group === group && t.versions.includes(version))
    if (inVersion.length === 0) return undefined
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: groupVersion(group, version),
      resources: inVersion.flatMap((t) => [
        {name: t.plural, singularName: t.kind.toLowerCase(), namespaced: t.namespaced, kind: t.kind, verbs: VERBS},
        ...(SUBRESOURCES[t.plural] ?? []).map((sub) => ({name: `${t.plural}/${sub}`, singularName: '', namespaced: t.namespaced, kind: sub === 'scale' ? 'Scale' : t.kind, verbs: ['get']})),
      ]),
    }
  }

  /** /api/v1/[namespaces/NS/]PLURAL[/NAME] and /apis/G/V/[namespaces/NS/]PLURAL[/NAME] */
  const resourcePath = (pathname: string): {type: ApiType; version: string; namespace?: string; name?: string} | undefined => {
    const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.+)$/.exec(pathname)
    if (!match) return undefined
    const group = match[2] ?? ''
    const version = match[1] ?? match[3]
    let parts = match[4].split('/').map(decodeURIComponent)
    let namespace: string | undefined
    if (parts[0] === 'namespaces' && parts.length >= 3) {
      namespace = parts[1]
      parts = parts.slice(2)
    }
    if (parts.length > 2) return undefined
    const type = served().find((t) => t.group === group && t.plural === parts[0] && t.versions.includes(version))
    if (!type || (namespace !== undefined && !type.namespaced)) return undefined
    return {type, version, ...(namespace === undefined ? {} : {namespace}), ...(parts[1] ? {name: parts[1]} : {})}
  }

  const asServed = (object: KubeObject, type: ApiType, version: string, inList: boolean): Record<string, unknown> => {
    if (inList && type.builtIn) {
      const item: Record<string, unknown> = {...object}
      delete item.kind
      delete item.apiVersion
      return item
    }
    // a custom resource is converted to the version asked for (conversion strategy None)
    return {...object, apiVersion: groupVersion(type.group, version)}
  }

  const list = (type: ApiType, version: string, namespace: string | undefined, query: URLSearchParams, user: string): [number, unknown] => {
    const verb = `list resource "${type.plural}" in API group "${type.group}"`
    if (isForbidden(type, namespace)) {
      const scope = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`
      return [403, status(403, 'Forbidden', `${type.plural}${type.group ? `.${type.group}` : ''} is forbidden: User "${user}" cannot ${verb} ${scope}`)]
    }
    const key = typeKey(type.group, type.kind)
    const selector = options.ignoreFieldSelectors ? '' : (query.get('fieldSelector') ?? '')
    const matcher = fieldMatcher(selector, type.kind)
    if (typeof matcher === 'string') return [400, status(400, 'BadRequest', matcher)]
    let offset = 0
    let rv = resourceVersion
    const continueText = query.get('continue')
    if (continueText) {
      const token = decodeToken(continueText)
      if (!token || token.key !== key || token.namespace !== (namespace ?? '') || token.selector !== selector) {
        return [400, status(400, 'BadRequest', 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)')]
      }
      if (options.continueTtlMs !== undefined && Date.now() - token.issued > options.continueTtlMs) {
        return [410, status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.')]
      }
      offset = token.offset
      rv = token.rv
    }
    const all = (store.get(key) ?? []).filter((o) => (namespace === undefined || o.metadata.namespace === namespace) && matcher(o))
    const limit = Number(query.get('limit') ?? 0)
    const size = Math.min(limit > 0 ? limit : Number.POSITIVE_INFINITY, pageCap)
    const items = all.slice(offset, offset + size).map((o) => asServed(o, type, version, true))
    const end = offset + items.length
    const more = end < all.length
    const metadata = {
      resourceVersion: String(rv),
      ...(more ? {continue: encodeToken({key, namespace: namespace ?? '', selector, offset: end, rv, issued: Date.now()}), remainingItemCount: all.length - end} : {}),
    }
    return [200, {kind: `${type.kind}List`, apiVersion: groupVersion(type.group, version), metadata, items}]
  }

  const answer = (req: IncomingMessage, res: ServerResponse, code: number, body: unknown): void => {
    let data = Buffer.from(JSON.stringify(body))
    const headers: Record<string, string> = {'content-type': 'application/json'}
    if (data.length > 1024 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      data = gzipSync(data)
      headers['content-encoding'] = 'gzip'
    }
    res.writeHead(code, headers)
    res.end(data)
  }

  const userOf = (req: IncomingMessage): string | undefined => {
    const auth = req.headers.authorization
    if (auth?.startsWith('Bearer ')) return tokens[auth.slice('Bearer '.length)]
    const socket = req.socket as TLSSocket
    if (!options.plainHttp && socket.authorized) return socket.getPeerCertificate().subject?.CN as string | undefined
    return undefined
  }

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1')
    const target = `${url.pathname}${url.search}`
    const user = userOf(req)
    const entry: LoggedRequest = {method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), ...(user ? {user} : {}), status: 0}
    requests.push(entry)
    const send = (code: number, body: unknown, delayMs = 0): void => {
      entry.status = code
      const write = (): void => {
        inFlight--
        if (!res.destroyed) answer(req, res, code, body)
      }
      if (delayMs === 0) return write()
      const timer = setTimeout(() => {
        timers.delete(timer)
        write()
      }, delayMs)
      timers.add(timer)
    }
    inFlight++
    server.maxInFlight = Math.max(server.maxInFlight, inFlight)

    if (!user) return send(401, status(401, 'Unauthorized', 'Unauthorized'))
    const fault = faults.find((f) => f.left > 0 && faultMatches(f, target, url.searchParams))
    let delayMs = options.latencyMs ?? 0
    if (fault) {
      fault.left--
      if (fault.type === 'drop') {
        entry.status = -1
        inFlight--
        req.socket.destroy()
        return
      }
      if (fault.type === 'status') {
        entry.status = fault.status
        inFlight--
        res.writeHead(fault.status, {'content-type': 'application/json', ...(fault.retryAfter ? {'retry-after': fault.retryAfter} : {})})
        res.end(JSON.stringify(status(fault.status, fault.status === 429 ? 'TooManyRequests' : 'InternalError', fault.status === 429 ? 'Too many requests, please try again later.' : 'an error on the server ("") has prevented the request from succeeding')))
        return
      }
      if (fault.type === 'expire') return send(410, status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.'))
      delayMs += fault.delayMs
    }
    if (req.method !== 'GET') return send(405, status(405, 'MethodNotAllowed', `${req.method} is not allowed here`))
    const info = discovery(url.pathname)
    if (info) return send(200, info, delayMs)
    const resource = resourcePath(url.pathname)
    if (!resource) return send(404, status(404, 'NotFound', 'the server could not find the requested resource'))
    const {type, version, namespace, name} = resource
    if (name === undefined) {
      const [code, body] = list(type, version, namespace, url.searchParams, user)
      return send(code, body, delayMs)
    }
    const object = (store.get(typeKey(type.group, type.kind)) ?? []).find((o) => o.metadata.name === name && (o.metadata.namespace ?? undefined) === namespace)
    if (!object) return send(404, status(404, 'NotFound', `${type.plural} "${name}" not found`))
    send(200, asServed(object, type, version, false), delayMs)
  }

  const httpsServer = options.plainHttp
    ? http.createServer(handle)
    : https.createServer({cert: pki.server.certPem, key: pki.server.keyPem, ca: pki.caPem, requestCert: true, rejectUnauthorized: false}, handle)
  await new Promise<void>((resolve) => httpsServer.listen(0, '127.0.0.1', resolve))
  const url = `${options.plainHttp ? 'http' : 'https'}://127.0.0.1:${(httpsServer.address() as AddressInfo).port}`
  const dir = await mkdtemp(path.join(tmpdir(), 'zt-fake-api-'))
  let kubeconfigs = 0

  const writeKubeconfig = async (o: KubeconfigOptions = {}): Promise<string> => {
    const file = path.join(dir, `kubeconfig-${++kubeconfigs}.yaml`)
    let ca = `certificate-authority-data: ${Buffer.from(o.caPem ?? pki.caPem).toString('base64')}`
    if (o.caAsFile) {
      const caFile = path.join(dir, `ca-${kubeconfigs}.crt`)
      await writeFile(caFile, o.caPem ?? pki.caPem)
      ca = `certificate-authority: ${caFile}`
    }
    const user: string[] = []
    if (o.clientCertificate) {
      user.push(`client-certificate-data: ${Buffer.from(o.clientCertificate.certPem).toString('base64')}`)
      user.push(`client-key-data: ${Buffer.from(o.clientCertificate.keyPem).toString('base64')}`)
    } else if (o.exec) {
      user.push('exec:', '  apiVersion: client.authentication.k8s.io/v1', `  command: ${JSON.stringify(o.exec.command)}`, `  args: ${JSON.stringify(o.exec.args ?? [])}`, '  interactiveMode: Never')
    } else {
      user.push(`token: ${o.token ?? Object.keys(tokens)[0]}`)
    }
    await writeFile(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: fake',
        '  cluster:',
        `    server: ${o.server ?? url}`,
        `    ${ca}`,
        '- name: nowhere',
        '  cluster:',
        '    server: https://127.0.0.1:1',
        'users:',
        '- name: tester',
        '  user:',
        ...user.map((line) => `    ${line}`),
        'contexts:',
        '- name: fake',
        '  context: {cluster: fake, user: tester}',
        '- name: elsewhere',
        '  context: {cluster: nowhere, user: tester}',
        `current-context: ${o.currentContext ?? 'fake'}`,
        '',
      ].join('\n'),
    )
    return file
  }

  const server: FakeApiServer = {
    url,
    pki,
    dir,
    requests,
    maxInFlight: 0,
    inject: (...added) => {
      for (const fault of added) faults.push({...fault, left: fault.times ?? 1})
    },
    forbid: (resource) => {
      forbidden.add(resource)
    },
    writeKubeconfig,
    close: async () => {
      for (const timer of timers) clearTimeout(timer)
      httpsServer.closeAllConnections()
      await new Promise<void>((resolve) => httpsServer.close(() => resolve()))
      await rm(dir, {recursive: true, force: true})
    },
  }
  return server
}
