// Ingress objects as entry points: the hosts they serve, which of them TLS covers, and what plain HTTP
// does for each, as the controller serving the Ingress behaves (ingress-nginx, GKE, AWS ALB).
import type {FieldPath, Resource} from '../../model/resource.js'
import {asArray, asRecord, asString, asStringMap, isRecord} from '../../util/guards.js'
import type {Labels} from '../selector.js'
import {hostCovered, normalizeHost} from './hosts.js'
import type {IngressController, IngressEntryPoint, NginxConfigView, PlainHttp, SecretRef, ServedHost, Setting} from './views.js'

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/'
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class'
const DEFAULT_CLASS = 'ingressclass.kubernetes.io/is-default-class'
const GKE_ALLOW_HTTP = 'kubernetes.io/ingress.allow-http'
const GKE_FRONTEND_CONFIG = 'networking.gke.io/v1beta1.FrontendConfig'
/** Annotations through which a cloud load balancer gets a certificate without `spec.tls`. */
const CLOUD_CERTIFICATES = ['ingress.gcp.kubernetes.io/pre-shared-cert', 'networking.gke.io/managed-certificates', 'alb.ingress.kubernetes.io/certificate-arn']
const GKE_HINTS = ['ingress.gcp.kubernetes.io/', 'networking.gke.io/', GKE_ALLOW_HTTP, 'kubernetes.io/ingress.global-static-ip-name']

export interface IngressLookup {
  ingressClasses: readonly Resource[]
  nginx: readonly NginxConfigView[]
  find(kind: string, namespace: string, name: string): Resource | undefined
}

interface TlsEntry {
  index: number
  hosts: string[]
  secretName?: string
}

const annotationPath = (key: string): FieldPath => ['metadata', 'annotations', key]

function controllerFor(object: Resource['object'], annotations: Labels, lookup: IngressLookup): {className?: string; controller: IngressController; nginx?: NginxConfigView} {
  const className = asString(asRecord(object.spec).ingressClassName) ?? annotations[CLASS_ANNOTATION]
  const ingressClass = className
    ? lookup.ingressClasses.find((c) => c.ref.name === className)
    : lookup.ingressClasses.find((c) => c.object.metadata?.annotations?.[DEFAULT_CLASS] === 'true')
  const controllerName = asString(asRecord(ingressClass?.object.spec).controller)
  const byClass = lookup.nginx.filter((n) => (controllerName ? n.controllerClass === controllerName : className ? n.ingressClass === className : true))
  const nginx = byClass.find((n) => !className || n.ingressClass === className) ?? byClass[0]
  const named = {...(className ? {className} : {})}
  if (controllerName) {
    if (controllerName === 'k8s.io/ingress-nginx' || nginx) return {...named, controller: 'ingress-nginx', ...(nginx ? {nginx} : {})}
    if (/ingress-gce$/.test(controllerName)) return {...named, controller: 'gce'}
    if (controllerName === 'ingress.k8s.aws/alb') return {...named, controller: 'alb'}
    return {...named, controller: 'other'}
  }
  if (className) {
    if (nginx || className === 'nginx') return {...named, controller: 'ingress-nginx', ...(nginx ? {nginx} : {})}
    if (className === 'gce' || className === 'gce-internal') return {...named, controller: 'gce'}
    if (className === 'alb') return {...named, controller: 'alb'}
    return {...named, controller: 'other'}
  }
  // no class: the cluster's default controller decides; the annotations say which one the author wrote for
  const keys = Object.keys(annotations)
  if (lookup.nginx.length > 0 || keys.some((k) => k.startsWith(NGINX_PREFIX))) return {controller: 'ingress-nginx', ...(nginx ? {nginx} : {})}
  if (keys.some((k) => GKE_HINTS.some((h) => k.startsWith(h)))) return {controller: 'gce'}
  if (keys.some((k) => k.startsWith('alb.ingress.kubernetes.io/'))) return {controller: 'alb'}
  return {controller: 'other'}
}

function tlsEntries(spec: Record<string, unknown>): TlsEntry[] {
  return asArray(spec.tls).map((raw, index) => {
    const entry = asRecord(raw)
    const secretName = asString(entry.secretName)
    return {index, hosts: asArray(entry.hosts).filter((h): h is string => typeof h === 'string').map(normalizeHost), ...(secretName ? {secretName} : {})}
  })
}

/** Declared hosts, once each: `*` for rules without a host and for the default backend. */
function declaredHosts(spec: Record<string, unknown>): {host: string; path: FieldPath}[] {
  const hosts: {host: string; path: FieldPath}[] = []
  asArray(spec.rules).forEach((raw, index) => {
    const host = asString(asRecord(raw).host)
    hosts.push({host: normalizeHost(host ?? ''), path: host ? ['spec', 'rules', index, 'host'] : ['spec', 'rules', index]})
  })
  for (const field of ['defaultBackend', 'backend']) if (isRecord(spec[field])) hosts.push({host: '*', path: ['spec', field]})
  const seen = new Set<string>()
  return hosts.filter((h) => !seen.has(h.host) && seen.add(h.host))
}

/** AWS ALB `listen-ports`: whether a plain HTTP listener exists. The default is HTTP:80, or HTTPS:443 with a certificate. */
function albServesHttp(annotations: Labels): boolean {
  const raw = annotations['alb.ingress.kubernetes.io/listen-ports']
  if (raw === undefined) return annotations['alb.ingress.kubernetes.io/certificate-arn'] === undefined
  try {
    const ports = JSON.parse(raw) as unknown
    return Array.isArray(ports) && ports.some((p) => isRecord(p) && 'HTTP' in p)
  } catch {
    return true
  }
}

interface HttpDecision {
  http: PlainHttp
  because?: Setting
}

/** What plain HTTP does for hosts of this Ingress, with or without TLS of their own. */
function plainHttp(resource: Resource, controller: IngressController, annotations: Labels, nginx: NginxConfigView | undefined, lookup: IngressLookup): (covered: boolean) => HttpDecision {
  const object = (key: string): Setting => ({text: `${key}: "${annotations[key]}"`, path: annotationPath(key), scope: 'object'})
  if (annotations[GKE_ALLOW_HTTP] === 'false') return () => ({http: 'none', because: object(GKE_ALLOW_HTTP)})
  if (controller === 'alb' && !albServesHttp(annotations)) return () => ({http: 'none'})
  if (controller === 'ingress-nginx') {
    const fromConfig = (key: string): Setting | undefined => {
      const setting = nginx?.setting(key)
      if (!setting?.explicit || !nginx?.configMap) return undefined
      return {text: `${key}: "${setting.value}" in ConfigMap ${nginx.namespace}/${nginx.name}`, at: nginx.configMap, path: setting.path, scope: 'controller'}
    }
    const value = (key: string): string => annotations[NGINX_PREFIX + key] ?? nginx?.setting(key).value ?? ''
    const because = (key: string): Setting | undefined => (annotations[NGINX_PREFIX + key] !== undefined ? object(NGINX_PREFIX + key) : fromConfig(key))
    const force = value('force-ssl-redirect') === 'true'
    const redirect = value('ssl-redirect') !== 'false'
    return (covered) => {
      if (force) return {http: 'redirect', ...opt(because('force-ssl-redirect'))}
      if (!covered) return {http: 'served'}
      return redirect ? {http: 'redirect'} : {http: 'served', ...opt(because('ssl-redirect'))}
    }
  }
  if (controller === 'gce') {
    const name = annotations[GKE_FRONTEND_CONFIG]
    const frontend = name ? lookup.find('FrontendConfig', resource.ref.namespace ?? 'default', name) : undefined
    const redirects = asRecord(asRecord(frontend?.object.spec).redirectToHttps).enabled === true
    return (covered) => {
      if (!covered) return {http: 'served'}
      if (redirects) return {http: 'redirect', because: object(GKE_FRONTEND_CONFIG)}
      return name && !frontend ? {http: 'unknown'} : {http: 'served'}
    }
  }
  if (controller === 'alb') {
    const key = 'alb.ingress.kubernetes.io/ssl-redirect'
    return () => (annotations[key] !== undefined ? {http: 'redirect', because: object(key)} : {http: 'served'})
  }
  // other controllers redirect by their own defaults, which the input does not show
  return (covered) => ({http: covered ? 'unknown' : 'served'})
}

const opt = (because: Setting | undefined): {because?: Setting} => (because ? {because} : {})

function exposureFor(className: string | undefined, annotations: Labels, nginx: NginxConfigView | undefined): IngressEntryPoint['exposure'] {
  if (className && /internal|private/i.test(className)) return 'internal'
  if (annotations['alb.ingress.kubernetes.io/scheme'] === 'internal') return 'internal'
  if (nginx?.exposure === 'internal') return 'internal'
  return 'internet'
}

export function toIngressEntryPoint(resource: Resource, lookup: IngressLookup): IngressEntryPoint {
  const spec = asRecord(resource.object.spec)
  const annotations = asStringMap(resource.object.metadata?.annotations)
  const namespace = resource.ref.namespace ?? 'default'
  const {className, controller, nginx} = controllerFor(resource.object, annotations, lookup)
  const tls = tlsEntries(spec)
  const cloud = CLOUD_CERTIFICATES.some((k) => annotations[k] !== undefined)
  const passthrough = controller === 'ingress-nginx' && annotations[`${NGINX_PREFIX}ssl-passthrough`] === 'true'
  const decide = plainHttp(resource, controller, annotations, nginx, lookup)
  const hosts: ServedHost[] = declaredHosts(spec).map(({host, path}) => {
    const covered = cloud || tls.some((t) => t.hosts.length === 0 || t.hosts.some((pattern) => hostCovered(host, pattern)))
    if (passthrough) return {host, path, tls: 'passthrough', http: 'unknown'}
    return {host, path, tls: covered ? 'terminated' : 'none', ...decide(covered)}
  })
  const ruleHosts = hosts.map((h) => h.host).filter((h) => h !== '*')
  const secrets: SecretRef[] = tls
    .filter((t) => t.secretName)
    .map((t) => ({
      namespace,
      name: t.secretName as string,
      path: ['spec', 'tls', t.index, 'secretName'],
      hosts: t.hosts.length > 0 ? t.hosts.filter((h) => h !== '*') : ruleHosts,
      searched: [namespace],
    }))
  return {
    type: 'ingress',
    ref: resource.ref,
    resource,
    name: resource.ref.name,
    namespace,
    ...(className ? {className} : {}),
    controller,
    annotations,
    ...(nginx ? {nginx} : {}),
    exposure: exposureFor(className, annotations, nginx),
    hosts,
    tlsHosts: passthrough ? [] : tls.flatMap((t) => t.hosts.map((host, k) => ({host, path: ['spec', 'tls', t.index, 'hosts', k]}))),
    secrets,
  }
}
