import type {Resource} from '../../model/resource.js'
import {asStringMap} from '../../util/guards.js'
import type {Labels} from '../selector.js'
import type {NamespaceView, ServiceView, Subject, WorkloadView} from '../views.js'
import {bypassesOf, type ProxyBypass} from './bypass.js'
import {embeddedIstioObjects} from './embedded.js'
import {allowAnyRules, type AuthorizationPolicyView, compileAuthorizationPolicy} from './istio-authz.js'
import {type IstioRevisionConfig, meshConfigSources, revisionConfigs} from './istio-config.js'
import {compileDestinationRule, type DestinationRuleView, fqdn, hostMatcher} from './istio-destination.js'
import {compileLegacyPolicy, compilePeerAuthentication, PeerAuthIndex, type PeerAuthView, type WorkloadMtls} from './istio-peer-auth.js'
import {ISTIO, LINKERD} from './keys.js'
import {authorizedServers, clusterInboundPolicy, compileServer, type InboundPolicy, inboundPolicyOf, type ServerView} from './linkerd.js'
import {type MeshName, type MeshPresence, type Membership, membershipOf, namespaceEnrollment} from './membership.js'
import {loadVersionData, type VersionData} from './version-data.js'
import {type Component, componentsOf, identifyImage} from './versions.js'

export * from './bypass.js'
export * from './istio-authz.js'
export * from './istio-config.js'
export * from './istio-destination.js'
export * from './istio-egress.js'
export * from './istio-peer-auth.js'
export * from './keys.js'
export * from './linkerd.js'
export * from './membership.js'
export * from './port-list.js'
export * from './version-assess.js'
export * from './version-data.js'
export * from './version-parse.js'
export * from './versions.js'

export const DEFAULT_ROOT_NAMESPACE = 'istio-system'

/** The Istio mesh as a rule subject: its root namespace, where mesh-wide policy lives. */
export interface IstioMeshSubject extends Subject {
  readonly rootNamespace: string
}

/** One Istio control-plane revision as a rule subject: its istiod, or the config that describes it. */
export interface IstioRevisionSubject extends Subject {
  readonly revision: string
  readonly config: IstioRevisionConfig
  readonly istiod?: WorkloadView
}

interface Sources {
  resources: readonly Resource[]
  ofKind: (kind: string) => readonly Resource[]
  namespaces: ReadonlyMap<string, NamespaceView>
  workloads: readonly WorkloadView[]
  workloadsIn: (namespace: string) => readonly WorkloadView[]
  services: readonly ServiceView[]
}

const isIstio = (r: Resource): boolean => r.ref.apiVersion.includes('istio.io/')
const isLinkerdPolicy = (r: Resource): boolean => r.ref.apiVersion.startsWith('policy.linkerd.io/')

/**
 * The service meshes of the input, read once: which workloads are in a mesh, Istio's effective mTLS per
 * workload and port, DestinationRules per Service, mesh config per revision, authorization, Linkerd's
 * inbound policy and Servers, proxy bypasses, and the versions of what runs.
 */
export class MeshView {
  readonly presence: MeshPresence
  readonly revisions: ReadonlyMap<string, IstioRevisionConfig>
  readonly destinationRules: readonly DestinationRuleView[]
  readonly authorizationPolicies: readonly AuthorizationPolicyView[]
  readonly servers: readonly ServerView[]
  private readonly peerAuthByRoot = new Map<string, PeerAuthIndex>()
  private readonly membershipCache = new Map<WorkloadView, Membership>()
  private readonly componentCache = new Map<WorkloadView, Component[]>()
  private readonly serviceWorkloads = new Map<ServiceView, WorkloadView[]>()
  private readonly authorizedServerSet: ReadonlySet<ServerView>
  private readonly authzByNamespace = new Map<string, AuthorizationPolicyView[]>()
  private readonly clusterInbound?: InboundPolicy
  private readonly istiods: WorkloadView[]
  private readonly defaultRoot: string
  private data?: VersionData

  constructor(private readonly src: Sources) {
    const configMaps = src.ofKind('ConfigMap')
    const sources = meshConfigSources(configMaps, src.ofKind('IstioOperator'))
    this.istiods = src.workloads.filter((w) => w.containers.some((c) => identifyImage(c.image)?.component === 'pilot'))
    const revisionNames = new Set(this.istiods.map((w) => this.istiodRevision(w)))
    this.revisions = revisionConfigs(sources, revisionNames)
    this.defaultRoot = this.revisions.get('default')?.source?.rootNamespace ?? sources.find((s) => s.rootNamespace)?.rootNamespace ?? this.istiods[0]?.namespace ?? DEFAULT_ROOT_NAMESPACE
    this.presence = {meshes: detectMeshes(src, this.istiods.length > 0), istioInjectsByDefault: sources.some((s) => s.injectsByDefault === true)}
    this.destinationRules = src.ofKind('DestinationRule').filter(isIstio).map(compileDestinationRule)
    this.authorizationPolicies = src.ofKind('AuthorizationPolicy').filter(isIstio).map(compileAuthorizationPolicy)
    for (const p of this.authorizationPolicies) {
      const list = this.authzByNamespace.get(p.namespace)
      if (list) list.push(p)
      else this.authzByNamespace.set(p.namespace, [p])
    }
    this.servers = src.ofKind('Server').filter(isLinkerdPolicy).map(compileServer)
    this.authorizedServerSet = authorizedServers(this.servers, src.ofKind('AuthorizationPolicy'), src.ofKind('ServerAuthorization').filter(isLinkerdPolicy), [...src.ofKind('HTTPRoute'), ...src.ofKind('GRPCRoute')])
    const cluster = clusterInboundPolicy(configMaps)
    if (cluster) this.clusterInbound = cluster
  }

  /** Istio's root namespace: the rule option, else meshConfig `rootNamespace`, else istiod's namespace. */
  rootNamespace(option?: unknown): string {
    return typeof option === 'string' && option !== '' ? option : this.defaultRoot
  }

  /** Effective peer authentication with a given root namespace; built once per root. */
  peerAuthentication(rootNamespace = this.defaultRoot): PeerAuthIndex {
    let index = this.peerAuthByRoot.get(rootNamespace)
    if (!index) {
      const policies: PeerAuthView[] = this.src.ofKind('PeerAuthentication').filter(isIstio).map((r, i) => compilePeerAuthentication(r, rootNamespace, i))
      const legacy = [...this.src.ofKind('MeshPolicy'), ...this.src.ofKind('Policy').filter((r) => r.ref.apiVersion.startsWith('authentication.istio.io/'))]
      let order = policies.length
      for (const r of legacy) {
        const view = compileLegacyPolicy({object: r.object, kind: r.ref.kind, name: r.ref.name, namespace: r.ref.namespace ?? 'default', holder: r, path: []}, rootNamespace, order++)
        if (view) policies.push({...view, modePath: ['spec', 'peers']})
      }
      for (const e of embeddedIstioObjects(this.src.ofKind('ConfigMap'))) {
        if (e.kind !== 'MeshPolicy' && e.kind !== 'Policy') continue
        const view = compileLegacyPolicy(e, rootNamespace, order++)
        if (view) policies.push(view)
      }
      index = new PeerAuthIndex(policies)
      this.peerAuthByRoot.set(rootNamespace, index)
    }
    return index
  }

  namespace(name: string): NamespaceView | undefined {
    return this.src.namespaces.get(name)
  }

  membership(workload: WorkloadView): Membership {
    let m = this.membershipCache.get(workload)
    if (!m) {
      m = membershipOf(workload, this.src.namespaces.get(workload.namespace), this.presence)
      this.membershipCache.set(workload, m)
    }
    return m
  }

  /** In Istio with mTLS on its inbound side: a sidecar or ambient (gateways terminate their own TLS). */
  inIstioMesh(workload: WorkloadView): boolean {
    const m = this.membership(workload)
    return m.mesh === 'istio' && (m.mode === 'sidecar' || m.mode === 'ambient')
  }

  istioWorkloadsIn(namespace: string): WorkloadView[] {
    let list = this.istioByNamespace.get(namespace)
    if (!list) {
      list = this.src.workloadsIn(namespace).filter((w) => this.inIstioMesh(w))
      this.istioByNamespace.set(namespace, list)
    }
    return list
  }

  get istioWorkloads(): WorkloadView[] {
    this.allIstio ??= this.src.workloads.filter((w) => this.inIstioMesh(w))
    return this.allIstio
  }

  /** A workload's effective mTLS; computed once per workload and root namespace. */
  mtls(workload: WorkloadView, rootNamespace = this.defaultRoot): WorkloadMtls {
    let byWorkload = this.mtlsCache.get(rootNamespace)
    if (!byWorkload) {
      byWorkload = new Map()
      this.mtlsCache.set(rootNamespace, byWorkload)
    }
    let mtls = byWorkload.get(workload)
    if (!mtls) {
      mtls = this.peerAuthentication(rootNamespace).effective(workload.namespace, workload.labels)
      byWorkload.set(workload, mtls)
    }
    return mtls
  }

  private readonly istioByNamespace = new Map<string, WorkloadView[]>()
  private allIstio?: WorkloadView[]
  private readonly mtlsCache = new Map<string, Map<WorkloadView, WorkloadMtls>>()

  namespaceEnrollment(namespace: NamespaceView): {enrolled: boolean; disabledBy?: string} {
    return namespaceEnrollment(namespace, this.presence)
  }

  /** Workloads a Service selects (its endpoints' pods). */
  workloadsOf(service: ServiceView): WorkloadView[] {
    let list = this.serviceWorkloads.get(service)
    if (!list) {
      const selector = service.selector
      list = selector && Object.keys(selector).length > 0 ? this.src.workloadsIn(service.namespace).filter((w) => Object.entries(selector).every(([k, v]) => w.labels[k] === v)) : []
      this.serviceWorkloads.set(service, list)
    }
    return list
  }

  /**
   * The Services a DestinationRule decides TLS for: those its host names for which no more specific
   * DestinationRule of the same namespace exists (Istio applies the most specific host match).
   */
  servicesGovernedBy(rule: DestinationRuleView): ServiceView[] {
    const matcher = hostMatcher(rule.host, rule.namespace)
    if (!matcher) return []
    const rivals = this.destinationRules
      .filter((r) => r !== rule && r.namespace === rule.namespace && r.hasWorkloadSelector === rule.hasWorkloadSelector)
      .map((r) => hostMatcher(r.host, r.namespace))
      .filter((m) => m !== undefined && m.specificity > matcher.specificity)
    // an exact host names one Service: look it up instead of scanning them all
    const candidates = matcher.fqdn ? (this.servicesByFqdn().get(matcher.fqdn) ?? []) : this.src.services
    return candidates.filter((s) => matcher.matches(s) && !rivals.some((m) => m!.matches(s)))
  }

  private fqdnIndex?: Map<string, ServiceView[]>

  private servicesByFqdn(): Map<string, ServiceView[]> {
    if (!this.fqdnIndex) {
      this.fqdnIndex = new Map()
      for (const s of this.src.services) {
        const key = fqdn(s)
        const list = this.fqdnIndex.get(key)
        if (list) list.push(s)
        else this.fqdnIndex.set(key, [s])
      }
    }
    return this.fqdnIndex
  }

  authorizationIn(namespace: string): readonly AuthorizationPolicyView[] {
    return this.authzByNamespace.get(namespace) ?? []
  }

  allowAnyRules = allowAnyRules

  inboundPolicy(workload: WorkloadView): InboundPolicy {
    return inboundPolicyOf(workload, this.src.namespaces.get(workload.namespace), this.clusterInbound)
  }

  serversIn(namespace: string): ServerView[] {
    return this.servers.filter((s) => s.namespace === namespace)
  }

  serversSelecting(workload: WorkloadView): ServerView[] {
    return this.servers.filter((s) => s.namespace === workload.namespace && s.pods.matches(workload.labels))
  }

  isAuthorized(server: ServerView): boolean {
    return this.authorizedServerSet.has(server)
  }

  bypasses(workload: WorkloadView): ProxyBypass[] {
    const m = this.membership(workload)
    if (m.mode !== 'sidecar' || !m.mesh) return []
    return bypassesOf(workload, this.src.namespaces.get(workload.namespace), m.mesh)
  }

  istiodRevision(workload: WorkloadView): string {
    const labels = {...asStringMap(workload.resource.object.metadata?.labels), ...workload.labels}
    if (labels[ISTIO.rev]) return labels[ISTIO.rev]
    const match = /^istiod-(.+)$/.exec(workload.name)
    return match ? match[1] : 'default'
  }

  get istiodWorkloads(): readonly WorkloadView[] {
    return this.istiods
  }

  components(workload: WorkloadView): Component[] {
    let list = this.componentCache.get(workload)
    if (!list) {
      const membership = this.membership(workload)
      list = componentsOf(workload, (labels: Labels) => (this.istiods.includes(workload) ? this.istiodRevision(workload) : (membership.revision ?? labels[ISTIO.rev])))
      this.componentCache.set(workload, list)
    }
    return list
  }

  /** The control-plane versions of a product (per Istio revision), from the workloads that run it. */
  controlPlaneVersions(product: string, revision?: string): Component[] {
    return this.controlPlanes().filter((c) => {
      if (c.product !== product) return false
      if (product === 'istio') return c.component === 'pilot' && (revision === undefined || (c.revision ?? 'default') === revision)
      if (product === 'linkerd') return c.component === 'controller' || c.component === 'destination' || c.component === 'policy-controller'
      return true
    })
  }

  /** Every versioned control-plane component, found once: rules ask per workload. */
  private controlPlanes(): Component[] {
    this.controlPlaneCache ??= this.src.workloads.flatMap((w) => this.components(w)).filter((c) => c.plane === 'control' && Boolean(c.version))
    return this.controlPlaneCache
  }

  /** The lifecycle and advisory data: set by the scan (`--version-data`), else the shipped file. */
  get versionData(): VersionData {
    this.data ??= loadVersionData()
    return this.data
  }

  private controlPlaneCache?: Component[]

  useVersionData(data: VersionData): void {
    this.data = data
  }

  /** The Istio mesh as one subject, when the input has Istio at all. */
  meshSubjects(rootOption?: unknown): IstioMeshSubject[] {
    if (!this.presence.meshes.has('istio')) return []
    const root = this.rootNamespace(rootOption)
    const ns = this.src.namespaces.get(root)
    const anchorResource = ns?.resource ?? this.istiods[0]?.resource ?? this.src.resources.find(isIstio)
    return [{ref: {apiVersion: 'v1', kind: 'Namespace', name: root}, rootNamespace: root, ...(ns?.resource ? {resource: ns.resource} : anchorResource ? {anchor: {resource: anchorResource, path: ['metadata', 'namespace']}} : {})}]
  }

  revisionSubjects(): IstioRevisionSubject[] {
    const subjects: IstioRevisionSubject[] = []
    for (const [revision, config] of [...this.revisions].sort(([a], [b]) => a.localeCompare(b))) {
      const istiod = this.istiods.find((w) => this.istiodRevision(w) === revision)
      const resource = istiod?.resource ?? config.source?.resource
      if (!resource) continue
      subjects.push({ref: istiod?.ref ?? resource.ref, resource, revision, config, ...(istiod ? {istiod} : {})})
    }
    return subjects
  }
}

function detectMeshes(src: Sources, hasIstiod: boolean): Set<MeshName> {
  const meshes = new Set<MeshName>()
  if (hasIstiod) meshes.add('istio')
  for (const r of src.resources) {
    const api = r.ref.apiVersion
    if (api.includes('istio.io/') && r.ref.kind !== 'IstioOperator') meshes.add('istio')
    else if (api.includes('linkerd.io/')) meshes.add('linkerd')
    else if (api.startsWith('consul.hashicorp.com/')) meshes.add('consul')
    else if (api.startsWith('kuma.io/')) meshes.add('kuma')
  }
  for (const ns of src.namespaces.values()) {
    if (ns.labels[ISTIO.injection] === 'enabled' || ns.labels[ISTIO.rev] || ns.labels[ISTIO.dataplaneMode] === 'ambient') meshes.add('istio')
    if (ns.annotations[LINKERD.inject] === 'enabled') meshes.add('linkerd')
  }
  for (const w of src.workloads) {
    for (const c of w.containers) {
      if (/linkerd[^/]*\/(controller|destination|policy-controller)(:|@|$)/.test(c.image)) meshes.add('linkerd')
      if (/hashicorp\/consul-k8s-control-plane(:|@|$)/.test(c.image)) meshes.add('consul')
      if (/kumahq\/kuma-cp(:|@|$)/.test(c.image)) meshes.add('kuma')
      if (c.name === 'istio-proxy' && !meshes.has('istio')) meshes.add('istio')
      if (c.name === 'linkerd-proxy') meshes.add('linkerd')
    }
    for (const pod of w.pods) {
      const containers = (pod.object.spec as {containers?: {name?: string}[]} | undefined)?.containers ?? []
      if (containers.some((c) => c?.name === 'istio-proxy')) meshes.add('istio')
      if (containers.some((c) => c?.name === 'linkerd-proxy')) meshes.add('linkerd')
    }
  }
  return meshes
}
