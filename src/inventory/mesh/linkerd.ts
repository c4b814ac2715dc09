import jsyaml from 'js-yaml'

import type {FieldPath, Resource} from '../../model/resource.js'
import {asArray, asRecord, asString, asStringMap} from '../../util/guards.js'
import {compileSelector, type Selector} from '../selector.js'
import type {ContainerPort, NamespaceView, WorkloadView} from '../views.js'
import {LINKERD} from './keys.js'

/** Linkerd's default inbound policies; the first three admit clients without a mesh identity. */
export const UNAUTHENTICATED_POLICIES = new Set(['all-unauthenticated', 'cluster-unauthenticated', 'audit'])
export const DEFAULT_INBOUND_POLICY = 'all-unauthenticated'

export interface InboundPolicy {
  value: string
  /** where it was set: the workload, its proxy's environment, its namespace, the install, or Linkerd's default */
  scope: 'workload' | 'proxy' | 'namespace' | 'cluster' | 'default'
  at?: Resource
  path?: FieldPath
}

export interface ServerView {
  resource: Resource
  name: string
  namespace: string
  pods: Selector
  /** a number or a container port name */
  port?: number | string
  /** `accessPolicy`: what the Server admits when no authorization matches (deny unless set) */
  accessPolicy: string
  labels: Readonly<Record<string, string>>
}

/** The install-wide default: the `linkerd-config` values (`proxy.defaultInboundPolicy`, 2.11's `policyController.defaultAllowPolicy`). */
export function clusterInboundPolicy(configMaps: readonly Resource[]): InboundPolicy | undefined {
  for (const cm of configMaps) {
    if (cm.ref.name !== 'linkerd-config') continue
    const values = asStringMap(cm.object.data).values
    if (typeof values !== 'string') continue
    let parsed: Record<string, unknown>
    try {
      parsed = asRecord(jsyaml.load(values))
    } catch {
      continue
    }
    const value = asString(asRecord(parsed.proxy).defaultInboundPolicy) ?? asString(asRecord(parsed.policyController).defaultAllowPolicy)
    if (value) return {value, scope: 'cluster', at: cm, path: ['data', 'values']}
  }
  return undefined
}

const PROXY_ENV = 'LINKERD2_PROXY_INBOUND_DEFAULT_POLICY'

function proxyEnv(spec: Record<string, unknown>, basePath: FieldPath, at?: Resource): InboundPolicy | undefined {
  for (const [field, list] of [['containers', spec.containers], ['initContainers', spec.initContainers]] as const) {
    for (const [ci, raw] of asArray(list).entries()) {
      const c = asRecord(raw)
      if (c.name !== 'linkerd-proxy') continue
      for (const [ei, e] of asArray(c.env).entries()) {
        const env = asRecord(e)
        if (env.name === PROXY_ENV && typeof env.value === 'string') return {value: env.value, scope: 'proxy', path: [...basePath, 'spec', field, ci, 'env', ei, 'value'], ...(at ? {at} : {})}
      }
    }
  }
  return undefined
}

/** The workload's annotation, else what its injected proxy was given, else its namespace, else the install, else Linkerd's default. */
export function inboundPolicyOf(workload: WorkloadView, namespace: NamespaceView | undefined, cluster: InboundPolicy | undefined): InboundPolicy {
  const own = workload.annotations[LINKERD.defaultInboundPolicy]
  if (own) return {value: own, scope: 'workload', path: [...workload.templatePath, 'metadata', 'annotations', LINKERD.defaultInboundPolicy]}
  const fromTemplate = proxyEnv(workload.podSpec, workload.templatePath)
  if (fromTemplate) return fromTemplate
  for (const pod of workload.pods) {
    const fromPod = proxyEnv(asRecord(pod.object.spec), [], pod)
    if (fromPod) return fromPod
  }
  const inherited = namespace?.annotations[LINKERD.defaultInboundPolicy]
  if (inherited) return {value: inherited, scope: 'namespace', ...(namespace?.resource ? {at: namespace.resource, path: ['metadata', 'annotations', LINKERD.defaultInboundPolicy]} : {})}
  return cluster ?? {value: DEFAULT_INBOUND_POLICY, scope: 'default'}
}

export function compileServer(resource: Resource): ServerView {
  const spec = asRecord(resource.object.spec)
  const port = typeof spec.port === 'number' || typeof spec.port === 'string' ? (typeof spec.port === 'string' && /^\d+$/.test(spec.port) ? Number(spec.port) : spec.port) : undefined
  return {
    resource,
    name: resource.ref.name,
    namespace: resource.ref.namespace ?? 'default',
    pods: compileSelector(spec.podSelector ?? {}),
    ...(port === undefined ? {} : {port}),
    accessPolicy: asString(spec.accessPolicy) ?? 'deny',
    labels: asStringMap(resource.object.metadata?.labels),
  }
}

export function serverCoversPort(server: ServerView, port: ContainerPort): boolean {
  return server.port === port.containerPort || (typeof server.port === 'string' && server.port === port.name)
}

/**
 * Which Servers some authorization targets: a policy.linkerd.io AuthorizationPolicy naming the Server, the
 * whole namespace, or an HTTPRoute whose parent is the Server; a ServerAuthorization naming the Server or
 * selecting it by labels.
 */
export function authorizedServers(servers: readonly ServerView[], policies: readonly Resource[], serverAuthorizations: readonly Resource[], routes: readonly Resource[]): Set<ServerView> {
  const covered = new Set<ServerView>()
  const byKey = new Map(servers.map((s) => [`${s.namespace}/${s.name}`, s]))
  const routeParents = new Map<string, string[]>()
  for (const route of routes) {
    const parents = asArray(asRecord(route.object.spec).parentRefs)
      .map(asRecord)
      .filter((p) => p.kind === 'Server')
      .map((p) => `${asString(p.namespace) ?? route.ref.namespace ?? 'default'}/${String(p.name)}`)
    routeParents.set(`${route.ref.namespace ?? 'default'}/${route.ref.name}`, parents)
  }
  for (const policy of policies) {
    if (!policy.ref.apiVersion.startsWith('policy.linkerd.io/')) continue
    const namespace = policy.ref.namespace ?? 'default'
    const target = asRecord(asRecord(policy.object.spec).targetRef)
    const name = asString(target.name) ?? ''
    if (target.kind === 'Server') {
      const server = byKey.get(`${namespace}/${name}`)
      if (server) covered.add(server)
    } else if (target.kind === 'Namespace') {
      for (const s of servers) if (s.namespace === namespace) covered.add(s)
    } else if (target.kind === 'HTTPRoute' || target.kind === 'GRPCRoute') {
      for (const key of routeParents.get(`${namespace}/${name}`) ?? []) {
        const server = byKey.get(key)
        if (server) covered.add(server)
      }
    }
  }
  for (const sa of serverAuthorizations) {
    const namespace = sa.ref.namespace ?? 'default'
    const server = asRecord(asRecord(sa.object.spec).server)
    if (typeof server.name === 'string') {
      const s = byKey.get(`${namespace}/${server.name}`)
      if (s) covered.add(s)
    } else if (server.selector !== undefined) {
      const selector = compileSelector(server.selector)
      for (const s of servers) if (s.namespace === namespace && selector.matches(s.labels)) covered.add(s)
    }
  }
  return covered
}
