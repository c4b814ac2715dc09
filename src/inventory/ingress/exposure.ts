// How far a controller or gateway proxy reaches, read from the Services in front of it.
import type {ServiceView, WorkloadView} from '../views.js'
import type {Exposure} from './views.js'

/** Annotations that make a LoadBalancer Service internal on the major clouds. */
const INTERNAL_LB: readonly [string, RegExp][] = [
  ['networking.gke.io/load-balancer-type', /^internal$/i],
  ['cloud.google.com/load-balancer-type', /^internal$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(true|0\.0\.0\.0\/0)$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/i],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/i],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', /^true$/i],
]

function internalLoadBalancer(service: ServiceView): boolean {
  const annotations = service.resource.object.metadata?.annotations ?? {}
  return INTERNAL_LB.some(([key, value]) => typeof annotations[key] === 'string' && value.test(annotations[key]))
}

/** Services in the workload's namespace whose selector picks its pods. */
export function servicesOf(workload: WorkloadView, services: readonly ServiceView[]): ServiceView[] {
  return services.filter((s) => {
    if (s.namespace !== workload.namespace || !s.selector || Object.keys(s.selector).length === 0) return false
    return Object.entries(s.selector).every(([key, value]) => workload.labels[key] === value)
  })
}

/** `internet` when a public LoadBalancer or a NodePort Service fronts one of the workloads. */
export function exposureOf(workloads: readonly WorkloadView[], services: readonly ServiceView[]): Exposure {
  const fronting = workloads.flatMap((w) => servicesOf(w, services))
  if (fronting.length === 0) return 'unknown'
  const public_ = fronting.some((s) => s.type === 'NodePort' || (s.type === 'LoadBalancer' && !internalLoadBalancer(s)))
  return public_ ? 'internet' : 'internal'
}
