import type {FieldPath, Resource} from '../../model/resource.js'
import {asArray, asRecord, asString, asStringMap} from '../../util/guards.js'
import type {WorkloadView} from '../views.js'
import {ISTIO, LINKERD} from './keys.js'
import {parseVersion, type ParsedVersion, splitImage} from './version-parse.js'

/** A mesh, CNI or ingress component found running, with the version it reports. */
export interface Component {
  /** key of the product in the version data */
  product: string
  /** e.g. pilot, proxyv2, controller, proxy */
  component: string
  plane: 'control' | 'data'
  /** undefined: no readable version (a digest only, or a placeholder tag) */
  version?: ParsedVersion
  /** the tag or value as written */
  raw: string
  image?: string
  /** where it is written: the workload's own object, or a running pod (`at`) */
  path: FieldPath
  at?: Resource
  /** Istio: the control-plane revision */
  revision?: string
}

interface ImageRule {
  product: string
  /** matched against the repository (registry and path, without tag) */
  pattern: RegExp
  plane: (component: string) => 'control' | 'data'
}

const ISTIO_COMPONENTS = 'pilot|proxyv2|ztunnel|install-cni|operator|proxy_init|citadel|galley|mixer|sidecar_injector'
const LINKERD_COMPONENTS = 'controller|policy-controller|proxy|destination|identity|proxy-injector|metrics-api|tap|tap-injector|web'

const IMAGE_RULES: readonly ImageRule[] = [
  {product: 'istio', pattern: new RegExp(`istio[^/]*/(?:[^/]+/)*(${ISTIO_COMPONENTS})$`), plane: (c) => (c === 'proxyv2' || c === 'ztunnel' ? 'data' : 'control')},
  {product: 'linkerd', pattern: new RegExp(`(?:linkerd|l5d)[^/]*/(?:[^/]+/)*(${LINKERD_COMPONENTS})$`), plane: (c) => (c === 'proxy' ? 'data' : 'control')},
  {product: 'consul', pattern: /hashicorp\/(consul|consul-enterprise)$/, plane: () => 'control'},
  // consul-dataplane is versioned with consul-k8s (1.2.x ships with consul-k8s 1.2.x)
  {product: 'consul-k8s', pattern: /hashicorp\/(consul-k8s-control-plane|consul-dataplane)$/, plane: (c) => (c === 'consul-dataplane' ? 'data' : 'control')},
  {product: 'cilium', pattern: /cilium\/(cilium|operator|operator-generic|operator-aws|operator-azure|operator-alibabacloud|hubble-relay|clustermesh-apiserver)$/, plane: (c) => (c === 'cilium' ? 'data' : 'control')},
  {product: 'kuma', pattern: /kumahq\/(kuma-cp|kuma-dp|kuma-init)$/, plane: (c) => (c === 'kuma-cp' ? 'control' : 'data')},
  {product: 'envoy', pattern: /envoyproxy\/(envoy|envoy-distroless|envoy-alpine)$/, plane: () => 'data'},
  {product: 'ingress-nginx', pattern: /(?:ingress-nginx\/(controller|controller-chroot)|kubernetes-ingress-controller\/(nginx-ingress-controller))$/, plane: () => 'control'},
]

/** The product and component an image belongs to, if it is one zt-audit tracks. */
export function identifyImage(image: string): {product: string; component: string; plane: 'control' | 'data'; tag?: string} | undefined {
  const {repository, tag} = splitImage(image)
  for (const rule of IMAGE_RULES) {
    const match = rule.pattern.exec(repository)
    if (!match) continue
    const component = match[1] ?? match[2]
    return {product: rule.product, component, plane: rule.plane(component), ...(tag ? {tag} : {})}
  }
  return undefined
}

interface ContainerLike {
  name: string
  image: string
  path: FieldPath
}

function containersOf(spec: Record<string, unknown>, base: FieldPath): ContainerLike[] {
  const list: ContainerLike[] = []
  for (const field of ['containers', 'initContainers'] as const) {
    asArray(spec[field]).forEach((raw, index) => {
      const c = asRecord(raw)
      const image = asString(c.image)
      if (image) list.push({name: asString(c.name) ?? '', image, path: [...base, 'spec', field, index, 'image']})
    })
  }
  return list
}

/** By Helm's labels: the app's version when its image shows none (a digest only). */
const VERSION_LABEL_PRODUCTS: Readonly<Record<string, string>> = {'ingress-nginx': 'ingress-nginx', istio: 'istio', istiod: 'istio', cilium: 'cilium', linkerd: 'linkerd', kuma: 'kuma'}

/**
 * Every tracked component of a workload: its containers' images, then its running pods' (where injected
 * sidecars show), then the proxy-version annotations and the Helm version label. One entry per product,
 * component and version.
 */
export function componentsOf(workload: WorkloadView, revisionOf: (labels: Record<string, string>) => string | undefined): Component[] {
  const found: Component[] = []
  const seen = new Set<string>()
  const add = (c: Component): void => {
    const key = `${c.product}/${c.component}/${c.version?.semver ?? c.raw}`
    if (seen.has(key)) return
    seen.add(key)
    found.push(c)
  }
  const fromImages = (spec: Record<string, unknown>, base: FieldPath, labels: Record<string, string>, at?: Resource): void => {
    for (const c of containersOf(spec, base)) {
      const id = identifyImage(c.image)
      if (!id) continue
      const version = id.tag ? parseVersion(id.tag) : undefined
      const revision = id.product === 'istio' ? revisionOf(labels) : undefined
      add({product: id.product, component: id.component, plane: id.plane, ...(version ? {version} : {}), raw: id.tag ?? c.image, image: c.image, path: c.path, ...(at ? {at} : {}), ...(revision ? {revision} : {})})
    }
  }
  fromImages(workload.podSpec, workload.templatePath, {...asStringMap(workload.resource.object.metadata?.labels), ...workload.labels})
  for (const pod of workload.pods) fromImages(asRecord(pod.object.spec), [], asStringMap(pod.object.metadata?.labels), pod)

  // Linkerd's injector records the proxy version; the override annotation pins it
  const annotated = [
    {value: workload.annotations[LINKERD.proxyVersionOverride], path: [...workload.templatePath, 'metadata', 'annotations', LINKERD.proxyVersionOverride], at: undefined as Resource | undefined},
    {value: workload.annotations[LINKERD.proxyVersion], path: [...workload.templatePath, 'metadata', 'annotations', LINKERD.proxyVersion], at: undefined as Resource | undefined},
    ...workload.pods.map((pod) => ({value: asStringMap(pod.object.metadata?.annotations)[LINKERD.proxyVersion], path: ['metadata', 'annotations', LINKERD.proxyVersion] as FieldPath, at: pod})),
  ]
  for (const a of annotated) {
    if (!a.value || found.some((c) => c.product === 'linkerd' && c.component === 'proxy')) continue
    const version = parseVersion(a.value)
    add({product: 'linkerd', component: 'proxy', plane: 'data', ...(version ? {version} : {}), raw: a.value, path: a.path, ...(a.at ? {at: a.at} : {})})
  }
  const proxyImage = workload.annotations[ISTIO.proxyImage]
  if (proxyImage) {
    const id = identifyImage(proxyImage)
    const version = id?.tag ? parseVersion(id.tag) : undefined
    if (id && version) add({product: id.product, component: id.component, plane: id.plane, version, raw: id.tag ?? proxyImage, image: proxyImage, path: [...workload.templatePath, 'metadata', 'annotations', ISTIO.proxyImage]})
  }

  const labels = asStringMap(workload.resource.object.metadata?.labels)
  const product = VERSION_LABEL_PRODUCTS[labels['app.kubernetes.io/name'] ?? ''] ?? VERSION_LABEL_PRODUCTS[labels['app.kubernetes.io/part-of'] ?? '']
  const labelled = labels['app.kubernetes.io/version']
  if (product && labelled) {
    const unknown = found.filter((c) => c.product === product)
    if (unknown.length > 0 && unknown.every((c) => !c.version)) {
      const version = parseVersion(labelled)
      if (version) for (const c of unknown) Object.assign(c, {version, raw: labelled, path: ['metadata', 'labels', 'app.kubernetes.io/version'], at: undefined})
    }
  }
  return found
}
