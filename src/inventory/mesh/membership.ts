import type {FieldPath, Resource} from '../../model/resource.js'
import {asArray, asRecord, asString, asStringMap} from '../../util/guards.js'
import type {Labels} from '../selector.js'
import type {NamespaceView, WorkloadView} from '../views.js'
import {CONSUL, ISTIO, KUMA, LINKERD, PROXY_CONTAINERS} from './keys.js'

export type MeshName = 'istio' | 'linkerd' | 'consul' | 'kuma'

/**
 * How a workload takes part in a mesh. `sidecar` and `ambient` carry traffic over mTLS; `gateway` is a mesh
 * proxy of its own; `control-plane` runs the mesh; `none` is outside every mesh, with the reason.
 */
export interface Membership {
  mode: 'sidecar' | 'ambient' | 'gateway' | 'control-plane' | 'none'
  mesh?: MeshName
  /** Istio revision that injects or serves it */
  revision?: string
  /** how it was decided: from running pods, or predicted from labels and annotations */
  evidence: 'pod' | 'template'
  /** for `none`: why */
  reason?: string
  /** for `none`: who decided it, the workload (an opt-out, a pod without proxy) or its namespace */
  decidedBy?: 'workload' | 'namespace' | 'host-network'
  /** the field that decided it, inside `at` (or the workload's own resource) */
  path?: FieldPath
  at?: Resource
}

/** What the cluster runs: the meshes present and the injectors' defaults. */
export interface MeshPresence {
  meshes: ReadonlySet<MeshName>
  /** Istio's `sidecarInjectorWebhook.enableNamespacesByDefault`: namespaces without a label are injected */
  istioInjectsByDefault: boolean
}

const CONTROL_PLANE_IMAGES = [
  /(^|\/)istio[^/]*\/(pilot|ztunnel|install-cni|operator|citadel|galley|mixer|sidecar_injector)(:|@|$)/,
  /(^|\/)(pilot|ztunnel|install-cni)(:|@)[^/]*$/,
  /linkerd[^/]*\/(controller|policy-controller|destination|identity|proxy-injector|cni-plugin)(:|@|$)/,
  /hashicorp\/(consul|consul-enterprise|consul-k8s-control-plane)(:|@|$)/,
  /kumahq\/kuma-cp(:|@|$)/,
  /cilium\/(cilium|operator[^/:@]*|hubble-relay|clustermesh-apiserver)(:|@|$)/,
]

export function isControlPlaneImage(image: string): boolean {
  return CONTROL_PLANE_IMAGES.some((re) => re.test(image))
}

/** Containers and annotations of a pod (or pod template): which mesh proxy it carries. */
export function proxyOf(podSpec: Record<string, unknown>, annotations: Labels): {mesh: MeshName; revision?: string; container?: string; gateway: boolean} | undefined {
  const containers = [...asArray(podSpec.containers), ...asArray(podSpec.initContainers)].map(asRecord)
  for (const c of containers) {
    const name = asString(c.name) ?? ''
    const mesh = PROXY_CONTAINERS[name]
    // an init container only counts as a sidecar when it keeps running (native sidecar)
    if (!mesh) continue
    const isInit = asArray(podSpec.initContainers).includes(c)
    if (isInit && c.restartPolicy !== 'Always') continue
    const args = asArray(c.args).map(String)
    const gateway = mesh === 'istio' && args[0] === 'proxy' && args[1] === 'router'
    return {mesh, container: name, gateway, ...(mesh === 'istio' ? revisionOf(annotations) : {})}
  }
  if (annotations[ISTIO.status]) return {mesh: 'istio', gateway: false, ...revisionOf(annotations)}
  if (annotations[CONSUL.status] === 'injected') return {mesh: 'consul', gateway: false}
  return undefined
}

function revisionOf(annotations: Labels): {revision?: string} {
  const status = annotations[ISTIO.status]
  if (!status) return {}
  try {
    const revision = asString(asRecord(JSON.parse(status)).revision)
    return revision ? {revision} : {}
  } catch {
    return {}
  }
}

function podsOf(workload: WorkloadView): Resource[] {
  // a bare Pod is its own running pod
  if (workload.kind === 'Pod' && workload.pods.length === 0) return [workload.resource]
  return [...workload.pods]
}

const labelPath = (w: WorkloadView, key: string): FieldPath => [...w.templatePath, 'metadata', 'labels', key]
const annotationPath = (w: WorkloadView, key: string): FieldPath => [...w.templatePath, 'metadata', 'annotations', key]

/** Whether a workload is in a mesh, from its running pods when the input has them, else from its labels. */
export function membershipOf(workload: WorkloadView, namespace: NamespaceView | undefined, presence: MeshPresence): Membership {
  if (workload.podSpec.hostNetwork === true) {
    return {mode: 'none', evidence: 'template', reason: 'it runs in the host network namespace, where no sidecar can intercept its traffic', decidedBy: 'host-network', path: [...workload.templatePath, 'spec', 'hostNetwork']}
  }
  if (workload.containers.some((c) => c.kind !== 'ephemeralContainer' && isControlPlaneImage(c.image))) return {mode: 'control-plane', evidence: 'template'}
  const own = proxyOf(workload.podSpec, workload.annotations)
  if (own?.gateway) return {mode: 'gateway', mesh: own.mesh, evidence: 'template', ...(own.revision ? {revision: own.revision} : {})}
  const pods = podsOf(workload)
  const running = pods.map((pod) => ({pod, proxy: proxyOf(asRecord(pod.object.spec), asStringMap(pod.object.metadata?.annotations))}))
  const meshed = running.find((r) => r.proxy)
  if (meshed?.proxy) {
    const revision = meshed.proxy.revision ?? predictIstio(workload, namespace, presence).revision
    return {mode: 'sidecar', mesh: meshed.proxy.mesh, evidence: 'pod', ...(revision ? {revision} : {})}
  }
  if (own) return {mode: 'sidecar', mesh: own.mesh, evidence: 'template', ...(own.revision ? {revision: own.revision} : {})}
  const predicted = predict(workload, namespace, presence)
  if (pods.length > 0 && predicted.mode !== 'none' && predicted.mode !== 'ambient') {
    // the labels ask for a sidecar, but the running pods have none: created before the label, or refused
    const pod = pods[0]
    return {mode: 'none', evidence: 'pod', reason: `its running pod ${pod.ref.name} has no ${predicted.mesh ?? 'mesh'} proxy although its labels enroll it`, decidedBy: 'workload', at: pod, path: ['spec', 'containers']}
  }
  return predicted
}

function predict(workload: WorkloadView, namespace: NamespaceView | undefined, presence: MeshPresence): Membership {
  const outcomes: Membership[] = []
  if (presence.meshes.has('istio') || hasIstioLabels(workload, namespace)) outcomes.push(predictIstio(workload, namespace, presence))
  if (presence.meshes.has('linkerd') || workload.annotations[LINKERD.inject] || namespace?.annotations[LINKERD.inject]) outcomes.push(predictLinkerd(workload, namespace))
  if (presence.meshes.has('consul') || workload.annotations[CONSUL.inject]) outcomes.push(predictConsul(workload))
  if (presence.meshes.has('kuma')) outcomes.push(predictKuma(workload, namespace))
  const enrolled = outcomes.find((o) => o.mode !== 'none')
  if (enrolled) return enrolled
  // an explicit opt-out of the workload explains more than its namespace's silence
  return outcomes.find((o) => o.decidedBy === 'workload') ?? outcomes[0] ?? {mode: 'none', evidence: 'template', reason: 'no mesh is present', decidedBy: 'namespace'}
}

function hasIstioLabels(workload: WorkloadView, namespace: NamespaceView | undefined): boolean {
  const ns = namespace?.labels ?? {}
  return Boolean(ns[ISTIO.injection] || ns[ISTIO.rev] || ns[ISTIO.dataplaneMode] || workload.labels[ISTIO.rev] || workload.labels[ISTIO.inject] === 'true')
}

/** Istio's injection decision (its webhooks' selectors), then ambient enrollment. */
function predictIstio(workload: WorkloadView, namespace: NamespaceView | undefined, presence: MeshPresence): Membership {
  const ns = namespace?.labels ?? {}
  const injectLabel = workload.labels[ISTIO.inject]
  const injectAnnotation = workload.annotations[ISTIO.inject]
  const none = (reason: string, decidedBy: 'workload' | 'namespace', path?: FieldPath, at?: Resource): Membership => ({mode: 'none', mesh: 'istio', evidence: 'template', reason, decidedBy, ...(path ? {path} : {}), ...(at ? {at} : {})})
  const nsPath = (key: string): {path?: FieldPath; at?: Resource} => (namespace?.resource ? {path: ['metadata', 'labels', key], at: namespace.resource} : {})
  const sidecar = (revision: string): Membership => ({mode: 'sidecar', mesh: 'istio', evidence: 'template', revision})

  // the label wins over the legacy annotation
  const optOut = injectLabel ?? injectAnnotation
  const ambientOff = workload.labels[ISTIO.dataplaneMode] === 'none'
  if (optOut === 'false') {
    const viaLabel = injectLabel !== undefined
    return none(`its pods opt out of sidecar injection (${ISTIO.inject}: "false" ${viaLabel ? 'label' : 'annotation'})`, 'workload', viaLabel ? labelPath(workload, ISTIO.inject) : annotationPath(workload, ISTIO.inject))
  }
  const injection = ns[ISTIO.injection]
  if (injection === 'disabled') {
    const {path, at} = nsPath(ISTIO.injection)
    return none(`its namespace disables sidecar injection (${ISTIO.injection}=disabled)`, 'namespace', path, at)
  }
  if (injection === 'enabled') return sidecar('default')
  if (ns[ISTIO.rev]) return sidecar(ns[ISTIO.rev])
  if (workload.labels[ISTIO.rev]) return sidecar(workload.labels[ISTIO.rev])
  if (optOut === 'true') return sidecar('default')
  const ambient = workload.labels[ISTIO.dataplaneMode] === 'ambient' || ns[ISTIO.dataplaneMode] === 'ambient'
  if (ambient && !ambientOff) return {mode: 'ambient', mesh: 'istio', evidence: 'template'}
  if (ambientOff) return none(`its pods leave the ambient mesh (${ISTIO.dataplaneMode}: none)`, 'workload', labelPath(workload, ISTIO.dataplaneMode))
  if (presence.istioInjectsByDefault) return sidecar('default')
  const {path, at} = nsPath(ISTIO.injection)
  return none(`its namespace has no ${ISTIO.injection}, ${ISTIO.rev} or ${ISTIO.dataplaneMode}=ambient label`, 'namespace', path, at)
}

function predictLinkerd(workload: WorkloadView, namespace: NamespaceView | undefined): Membership {
  const own = workload.annotations[LINKERD.inject]
  const inherited = namespace?.annotations[LINKERD.inject]
  const value = own ?? inherited
  if (value === 'enabled' || value === 'ingress') return {mode: 'sidecar', mesh: 'linkerd', evidence: 'template'}
  if (own === 'disabled') return {mode: 'none', mesh: 'linkerd', evidence: 'template', reason: `its pods opt out of Linkerd (${LINKERD.inject}: disabled)`, decidedBy: 'workload', path: annotationPath(workload, LINKERD.inject)}
  return {
    mode: 'none',
    mesh: 'linkerd',
    evidence: 'template',
    reason: inherited === 'disabled' ? `its namespace disables Linkerd injection (${LINKERD.inject}: disabled)` : `neither it nor its namespace has the ${LINKERD.inject}: enabled annotation`,
    decidedBy: 'namespace',
    ...(namespace?.resource ? {at: namespace.resource, path: ['metadata', 'annotations', ...(inherited ? [LINKERD.inject] : [])]} : {}),
  }
}

function predictConsul(workload: WorkloadView): Membership {
  const value = workload.annotations[CONSUL.inject]
  if (value === 'true') return {mode: 'sidecar', mesh: 'consul', evidence: 'template'}
  if (value === 'false') return {mode: 'none', mesh: 'consul', evidence: 'template', reason: `its pods opt out of Consul (${CONSUL.inject}: "false")`, decidedBy: 'workload', path: annotationPath(workload, CONSUL.inject)}
  return {mode: 'none', mesh: 'consul', evidence: 'template', reason: `its pods do not opt in to Consul (${CONSUL.inject}: "true")`, decidedBy: 'namespace'}
}

function predictKuma(workload: WorkloadView, namespace: NamespaceView | undefined): Membership {
  const own = workload.labels[KUMA.injection] ?? workload.annotations[KUMA.injection]
  const inherited = namespace?.labels[KUMA.injection] ?? namespace?.annotations[KUMA.injection]
  if (own === 'disabled') return {mode: 'none', mesh: 'kuma', evidence: 'template', reason: `its pods opt out of Kuma (${KUMA.injection}: disabled)`, decidedBy: 'workload', path: labelPath(workload, KUMA.injection)}
  if ((own ?? inherited) === 'enabled') return {mode: 'sidecar', mesh: 'kuma', evidence: 'template'}
  return {mode: 'none', mesh: 'kuma', evidence: 'template', reason: `its namespace has no ${KUMA.injection}: enabled label`, decidedBy: 'namespace'}
}

/** Whether a namespace's own labels enroll its pods in one of the meshes present. */
export function namespaceEnrollment(namespace: NamespaceView, presence: MeshPresence): {enrolled: boolean; disabledBy?: string} {
  const l = namespace.labels
  const a = namespace.annotations
  if (l[ISTIO.injection] === 'disabled') return {enrolled: false, disabledBy: `${ISTIO.injection}=disabled`}
  if (a[LINKERD.inject] === 'disabled') return {enrolled: false, disabledBy: `${LINKERD.inject}: disabled`}
  if (l[ISTIO.injection] === 'enabled' || l[ISTIO.rev] || l[ISTIO.dataplaneMode] === 'ambient') return {enrolled: true}
  if (a[LINKERD.inject] === 'enabled' || a[LINKERD.inject] === 'ingress') return {enrolled: true}
  if ((l[KUMA.injection] ?? a[KUMA.injection]) === 'enabled') return {enrolled: true}
  if (presence.meshes.has('istio') && presence.istioInjectsByDefault) return {enrolled: true}
  return {enrolled: false}
}
