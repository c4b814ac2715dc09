import type {Resource} from '../../model/resource.js'
import {asArray, asRecord, asString} from '../../util/guards.js'

/** Where Istio and ingress-nginx install themselves by default. */
export const DEFAULT_CONFIG_NAMESPACES: readonly string[] = ['istio-system', 'ingress-nginx']

// istiod runs the pilot image (docker.io/istio/pilot:1.20.3, …/pilot:1.22.0-distroless);
// the ingress-nginx controller registry.k8s.io/ingress-nginx/controller:v1.9.4 or the older nginx-ingress-controller
const CONTROL_PLANE_IMAGE = /(?:^|\/)(?:pilot|ingress-nginx\/controller|nginx-ingress-controller)(?:[:@]|$)/

const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Pod: ['spec'],
}

function runsControlPlane(resource: Resource): boolean {
  const path = POD_SPEC_PATHS[resource.ref.kind]
  if (!path) return false
  let spec: unknown = resource.object
  for (const key of path) spec = asRecord(spec)[key]
  return asArray(asRecord(spec).containers).some((c) => CONTROL_PLANE_IMAGE.test(asString(asRecord(c).image) ?? ''))
}

/**
 * The namespaces whose ConfigMaps zt-audit reads. Only two ConfigMaps matter to the rules, the Istio mesh
 * config and the ingress-nginx controller config, and both live next to their control plane: so the
 * default namespaces that exist, plus wherever an istiod or ingress-nginx controller runs, rather than
 * every ConfigMap of the cluster. `existing` is undefined when the Namespaces could not be listed.
 */
export function configNamespaces(resources: readonly Resource[], existing: ReadonlySet<string> | undefined): string[] {
  const found = new Set(DEFAULT_CONFIG_NAMESPACES.filter((ns) => !existing || existing.has(ns)))
  for (const resource of resources) if (resource.ref.namespace && runsControlPlane(resource)) found.add(resource.ref.namespace)
  return [...found].sort()
}
