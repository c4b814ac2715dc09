import type {FieldPath, Resource} from '../../model/resource.js'
import {asArray, asRecord, asString, isRecord} from '../../util/guards.js'
import type {Labels} from '../selector.js'
import type {EmbeddedObject} from './embedded.js'

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE'
/** Where an effective mode comes from: a policy at one of Istio's three levels, a port of one, or Istio's default. */
export type MtlsScope = 'mesh' | 'namespace' | 'workload' | 'port' | 'default'

export interface PortMtls {
  port: number
  /** undefined: UNSET, inherits the policy's (or its parents') mode */
  mode?: MtlsMode
  path: FieldPath
}

/** A PeerAuthentication (or a legacy v1alpha1 MeshPolicy/Policy) with its level decided. */
export interface PeerAuthView {
  name: string
  namespace: string
  /** the object findings point into: the policy itself, or the ConfigMap that embeds it */
  resource: Resource
  /** the policy's own path inside `resource`: [] for a top-level object */
  basePath: FieldPath
  /** mesh: root namespace without selector; namespace: no selector; workload: with matchLabels */
  level: 'mesh' | 'namespace' | 'workload' | 'ignored'
  /** why Istio ignores it (level `ignored`) */
  ignoredBecause?: string
  matchLabels?: Labels
  /** undefined: UNSET (or no `mtls`), inherits */
  mode?: MtlsMode
  modePath: FieldPath
  ports: PortMtls[]
  /** creationTimestamp, for Istio's "the oldest policy wins" */
  created: string
  order: number
}

export interface EffectiveMtls {
  mode: MtlsMode
  scope: MtlsScope
  /** the policy that decided it; none for Istio's default */
  policy?: PeerAuthView
  /** the field that decided it, inside `policy.resource` */
  path?: FieldPath
}

export interface WorkloadMtls {
  /** the mode of every port without a port-level setting */
  base: EffectiveMtls
  /** port-level settings of the workload's policy, each resolved (UNSET ports inherit `base`) */
  ports: ReadonlyMap<number, EffectiveMtls>
  /** the policies at each level that apply to the workload, whether or not they decided */
  applying: {mesh?: PeerAuthView; namespace?: PeerAuthView; workload?: PeerAuthView}
}

const MODES = new Set(['STRICT', 'PERMISSIVE', 'DISABLE'])

function modeOf(raw: unknown): MtlsMode | undefined {
  const mode = asString(asRecord(raw).mode)?.toUpperCase()
  return mode !== undefined && MODES.has(mode) ? (mode as MtlsMode) : undefined
}

function created(object: Record<string, unknown>): string {
  return asString(asRecord(object.metadata).creationTimestamp) ?? ''
}

export function compilePeerAuthentication(resource: Resource, rootNamespace: string, order: number): PeerAuthView {
  const spec = asRecord(resource.object.spec)
  const namespace = resource.ref.namespace ?? 'default'
  const selector = asRecord(spec.selector)
  const matchLabels = isRecord(selector.matchLabels) && Object.keys(selector.matchLabels).length > 0 ? (Object.fromEntries(Object.entries(selector.matchLabels).map(([k, v]) => [k, String(v)])) as Labels) : undefined
  let level: PeerAuthView['level'] = matchLabels ? 'workload' : namespace === rootNamespace ? 'mesh' : 'namespace'
  let ignoredBecause: string | undefined
  if (matchLabels && namespace === rootNamespace) {
    level = 'ignored'
    ignoredBecause = 'Istio ignores PeerAuthentication policies with a workload selector in the root namespace'
  }
  const ports: PortMtls[] = []
  for (const [key, value] of Object.entries(asRecord(spec.portLevelMtls))) {
    if (!/^\d+$/.test(key)) continue
    ports.push({port: Number(key), mode: modeOf(value), path: ['spec', 'portLevelMtls', key, 'mode']})
  }
  return {
    name: resource.ref.name,
    namespace,
    resource,
    basePath: [],
    level,
    ...(ignoredBecause ? {ignoredBecause} : {}),
    ...(matchLabels ? {matchLabels} : {}),
    mode: modeOf(spec.mtls),
    modePath: isRecord(spec.mtls) ? ['spec', 'mtls', 'mode'] : ['spec'],
    // port-level settings take effect only on policies with a workload selector
    ports: level === 'workload' ? ports : [],
    created: created(resource.object),
    order,
  }
}

/**
 * Istio 1.0–1.4 `authentication.istio.io/v1alpha1`: MeshPolicy is mesh-wide; a Policy without `targets` is
 * namespace-wide. `peers: [{mtls: {}}]` requires mTLS, `mode: PERMISSIVE` accepts plaintext, and no `mtls`
 * peer at all means no peer authentication (plaintext). Policies with `targets` select services by name and
 * are not evaluated.
 */
export function compileLegacyPolicy(embedded: EmbeddedObject, rootNamespace: string, order: number): PeerAuthView | undefined {
  const spec = asRecord(embedded.object.spec)
  if (embedded.kind === 'Policy' && asArray(spec.targets).length > 0) return undefined
  const mtls = asArray(spec.peers).map(asRecord).find((p) => 'mtls' in p)
  let mode: MtlsMode = 'DISABLE'
  if (mtls) mode = modeOf(mtls.mtls) ?? 'STRICT'
  const namespace = embedded.kind === 'MeshPolicy' ? rootNamespace : embedded.namespace
  return {
    name: embedded.name,
    namespace,
    resource: embedded.holder,
    basePath: embedded.path,
    level: embedded.kind === 'MeshPolicy' || namespace === rootNamespace ? 'mesh' : 'namespace',
    mode,
    modePath: embedded.path,
    ports: [],
    created: created(embedded.object),
    order,
  }
}

/** Istio's tie-break when several policies sit at one level: the oldest wins, then the first by name. */
function older(a: PeerAuthView, b: PeerAuthView): PeerAuthView {
  if (a.created && b.created && a.created !== b.created) return a.created < b.created ? a : b
  if (a.name !== b.name) return a.name < b.name ? a : b
  return a.order <= b.order ? a : b
}

function matches(selector: Labels, labels: Labels): boolean {
  return Object.entries(selector).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v)
}

/**
 * Istio's effective peer authentication, computed once per namespace: the mesh policy (root namespace, no
 * selector), then the namespace policy, then the workload policy, each overriding the previous unless its
 * mode is UNSET; port-level settings of the workload policy override per port, an UNSET port inheriting. With
 * nothing set, Istio accepts mTLS and plaintext (PERMISSIVE).
 */
export class PeerAuthIndex {
  readonly mesh?: PeerAuthView
  private readonly namespaceLevel = new Map<string, PeerAuthView>()
  private readonly workloadLevel = new Map<string, PeerAuthView[]>()

  private readonly byResource = new Map<Resource, PeerAuthView>()

  constructor(readonly policies: readonly PeerAuthView[]) {
    let mesh: PeerAuthView | undefined
    for (const p of policies) {
      // policies of their own object, not those embedded in a ConfigMap (which carry a base path)
      if (p.basePath.length === 0 && !this.byResource.has(p.resource)) this.byResource.set(p.resource, p)
      if (p.level === 'mesh') mesh = mesh ? older(mesh, p) : p
      else if (p.level === 'namespace') {
        const current = this.namespaceLevel.get(p.namespace)
        this.namespaceLevel.set(p.namespace, current ? older(current, p) : p)
      } else if (p.level === 'workload') {
        const list = this.workloadLevel.get(p.namespace)
        if (list) list.push(p)
        else this.workloadLevel.set(p.namespace, [p])
      }
    }
    this.mesh = mesh
  }

  namespacePolicy(namespace: string): PeerAuthView | undefined {
    return this.namespaceLevel.get(namespace)
  }

  workloadPolicy(namespace: string, labels: Labels): PeerAuthView | undefined {
    let chosen: PeerAuthView | undefined
    for (const p of this.workloadLevel.get(namespace) ?? []) if (p.matchLabels && matches(p.matchLabels, labels)) chosen = chosen ? older(chosen, p) : p
    return chosen
  }

  /** The policy compiled from this PeerAuthentication object, if any. */
  policyOf(resource: Resource | undefined): PeerAuthView | undefined {
    return resource ? this.byResource.get(resource) : undefined
  }

  effective(namespace: string, labels: Labels): WorkloadMtls {
    const mesh = this.mesh
    const ns = this.namespaceLevel.get(namespace)
    const workload = this.workloadPolicy(namespace, labels)
    let base: EffectiveMtls = {mode: 'PERMISSIVE', scope: 'default'}
    if (mesh?.mode) base = {mode: mesh.mode, scope: 'mesh', policy: mesh, path: mesh.modePath}
    if (ns?.mode) base = {mode: ns.mode, scope: 'namespace', policy: ns, path: ns.modePath}
    if (workload?.mode) base = {mode: workload.mode, scope: 'workload', policy: workload, path: workload.modePath}
    const ports = new Map<number, EffectiveMtls>()
    for (const p of workload?.ports ?? []) ports.set(p.port, p.mode ? {mode: p.mode, scope: 'port', policy: workload, path: p.path} : base)
    return {base, ports, applying: {...(mesh ? {mesh} : {}), ...(ns ? {namespace: ns} : {}), ...(workload ? {workload} : {})}}
  }
}
