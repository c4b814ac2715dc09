import type {FieldPath, Resource} from '../model/resource.js'
import type {OwnerReference} from '../model/kube.js'
import {asArray, asRecord, asString, asStringMap} from '../util/guards.js'
import type {ContainerPort, ContainerView, WorkloadView} from './views.js'

/** Where each pod-bearing kind keeps its pod template. */
const TEMPLATE_PATHS: Readonly<Record<string, FieldPath>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  DeploymentConfig: ['spec', 'template'],
  Rollout: ['spec', 'template'],
}

/** Every kind the workload view is built from. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS)

export function isWorkloadKind(kind: string): boolean {
  return Object.hasOwn(TEMPLATE_PATHS, kind)
}

function dig(object: unknown, path: FieldPath): unknown {
  let node = object
  for (const key of path) node = asRecord(node)[key]
  return node
}

const keyOf = (kind: string, namespace: string, name: string): string => `${kind}/${namespace}/${name}`

function controllerOf(resource: Resource): OwnerReference | undefined {
  const owners = asArray(resource.object.metadata?.ownerReferences) as OwnerReference[]
  return owners.find((o) => o?.controller === true) ?? (owners.length === 1 ? owners[0] : undefined)
}

function containersOf(spec: Record<string, unknown>, templatePath: FieldPath): ContainerView[] {
  const groups = [
    ['containers', 'container'],
    ['initContainers', 'initContainer'],
    ['ephemeralContainers', 'ephemeralContainer'],
  ] as const
  const views: ContainerView[] = []
  for (const [field, kind] of groups) {
    asArray(spec[field]).forEach((raw, index) => {
      const container = asRecord(raw)
      const ports: ContainerPort[] = []
      for (const p of asArray(container.ports)) {
        const port = asRecord(p)
        if (typeof port.containerPort !== 'number') continue
        ports.push({
          ...(asString(port.name) ? {name: asString(port.name)} : {}),
          containerPort: port.containerPort,
          protocol: asString(port.protocol) ?? 'TCP',
        })
      }
      views.push({
        name: asString(container.name) ?? `${field}[${index}]`,
        image: asString(container.image) ?? '',
        kind,
        ports,
        path: [...templatePath, 'spec', field, index],
      })
    })
  }
  return views
}

function toView(resource: Resource, synthesizedAs?: {kind: string; name: string; apiVersion: string}): WorkloadView {
  const templatePath = synthesizedAs ? [] : TEMPLATE_PATHS[resource.ref.kind]
  const template = asRecord(templatePath.length === 0 ? resource.object : dig(resource.object, templatePath))
  const metadata = asRecord(template.metadata)
  const spec = asRecord(template.spec)
  const namespace = resource.ref.namespace ?? 'default'
  const ref = synthesizedAs ? {apiVersion: synthesizedAs.apiVersion, kind: synthesizedAs.kind, namespace, name: synthesizedAs.name} : resource.ref
  return {
    ref,
    resource,
    kind: ref.kind,
    name: ref.name,
    namespace,
    templatePath,
    labels: asStringMap(metadata.labels),
    annotations: asStringMap(metadata.annotations),
    podSpec: spec,
    containers: containersOf(spec, templatePath),
    serviceAccountName: asString(spec.serviceAccountName) ?? asString(spec.serviceAccount) ?? 'default',
    pods: [],
    synthesized: Boolean(synthesizedAs),
  }
}

/**
 * One view per workload. Objects owned by another workload in the input fold into their owner
 * (ReplicaSet into Deployment, Job into CronJob, Pod into either); a pod whose controller is missing
 * from the input stands for that controller, so a dump of pods alone still yields workloads.
 */
export function buildWorkloads(resources: readonly Resource[]): WorkloadView[] {
  const controllers = new Map<string, Resource>()
  for (const r of resources) if (r.ref.kind !== 'Pod' && isWorkloadKind(r.ref.kind)) controllers.set(keyOf(r.ref.kind, r.ref.namespace ?? 'default', r.ref.name), r)

  const parentKey = (r: Resource): string | undefined => {
    const owner = controllerOf(r)
    if (!owner?.kind || !owner.name) return undefined
    const namespace = r.ref.namespace ?? 'default'
    const direct = keyOf(owner.kind, namespace, owner.name)
    if (controllers.has(direct)) return direct
    return impliedParent(owner, namespace, r, controllers)
  }
  const topKey = (key: string): string => {
    const seen = new Set<string>()
    let current = key
    for (;;) {
      seen.add(current)
      const parent = parentKey(controllers.get(current)!)
      if (!parent || seen.has(parent)) return current
      current = parent
    }
  }

  const views = new Map<string, WorkloadView & {pods: Resource[]}>()
  for (const r of resources) {
    if (!isWorkloadKind(r.ref.kind)) continue
    const namespace = r.ref.namespace ?? 'default'
    if (r.ref.kind !== 'Pod') {
      const key = keyOf(r.ref.kind, namespace, r.ref.name)
      // a pod listed earlier may have created this view already
      if (!parentKey(r) && !views.has(key)) views.set(key, toView(r) as WorkloadView & {pods: Resource[]})
      continue
    }
    const parent = parentKey(r)
    if (parent) {
      const top = topKey(parent)
      let view = views.get(top)
      if (!view) {
        // the top controller comes later in the input; create its view now
        view = toView(controllers.get(top)!) as WorkloadView & {pods: Resource[]}
        views.set(top, view)
      }
      view.pods.push(r)
      continue
    }
    const owner = controllerOf(r)
    // static pods (owned by a Node) and pods of custom controllers are workloads of their own
    if (owner?.kind && owner.name && isWorkloadKind(owner.kind)) {
      const key = keyOf(owner.kind, namespace, owner.name)
      const existing = views.get(key)
      if (existing) existing.pods.push(r)
      else {
        const view = toView(r, {kind: owner.kind, name: owner.name, apiVersion: owner.apiVersion ?? 'v1'}) as WorkloadView & {pods: Resource[]}
        view.pods.push(r)
        views.set(key, view)
      }
      continue
    }
    views.set(keyOf('Pod', namespace, r.ref.name), toView(r) as WorkloadView & {pods: Resource[]})
  }
  return [...views.values()]
}

/**
 * The controller of an owner that is missing from the input, recognised by Kubernetes' naming:
 * a Deployment's ReplicaSet is `<deployment>-<pod-template-hash>`, a CronJob's Job `<cronjob>-<schedule time>`.
 */
function impliedParent(owner: OwnerReference, namespace: string, child: Resource, controllers: Map<string, Resource>): string | undefined {
  const name = owner.name ?? ''
  const cut = name.lastIndexOf('-')
  if (cut <= 0) return undefined
  const base = name.slice(0, cut)
  const suffix = name.slice(cut + 1)
  if (owner.kind === 'ReplicaSet') {
    const hash = asStringMap(child.object.metadata?.labels)['pod-template-hash']
    const key = keyOf('Deployment', namespace, base)
    if (hash === suffix && controllers.has(key)) return key
  }
  if (owner.kind === 'Job' && /^\d+$/.test(suffix)) {
    const key = keyOf('CronJob', namespace, base)
    if (controllers.has(key)) return key
  }
  return undefined
}
