import type {Resource, ResourceRef} from '../model/resource.js'
import type {FieldPath} from '../model/resource.js'
import type {Labels} from './selector.js'

/** Anything a rule can be run on. `resource` is absent for things only implied by the input. */
export interface Subject {
  readonly ref: ResourceRef
  readonly resource?: Resource
  /** where to point when there is no resource of its own (e.g. a namespace only referenced by objects) */
  readonly anchor?: {resource: Resource; path: FieldPath}
}

export interface NamespaceView extends Subject {
  readonly name: string
  /** labels as the API server has them, including the automatic `kubernetes.io/metadata.name` */
  readonly labels: Labels
  readonly annotations: Labels
  /** false when no Namespace object was in the input, only objects that live in it */
  readonly declared: boolean
}

export interface ContainerPort {
  name?: string
  containerPort: number
  protocol: string
}

export interface ContainerView {
  name: string
  image: string
  kind: 'container' | 'initContainer' | 'ephemeralContainer'
  ports: ContainerPort[]
  /** path of this container inside the workload's resource */
  path: FieldPath
}

/** Every pod-bearing kind, normalized to its pod template. */
export interface WorkloadView extends Subject {
  readonly resource: Resource
  readonly kind: string
  readonly name: string
  readonly namespace: string
  /** path of the pod template (its `metadata` and `spec`) inside the resource; [] for a Pod */
  readonly templatePath: FieldPath
  /** labels of the pods it runs (the template's labels) */
  readonly labels: Labels
  readonly annotations: Labels
  readonly podSpec: Readonly<Record<string, unknown>>
  readonly containers: readonly ContainerView[]
  readonly serviceAccountName: string
  /** running pods read alongside it (live clusters, or dumps that include pods) */
  readonly pods: readonly Resource[]
  /** built from pods whose controller was not in the input */
  readonly synthesized: boolean
}

export interface ServicePort {
  name?: string
  port: number
  targetPort?: number | string
  protocol: string
}

export interface ServiceView extends Subject {
  readonly resource: Resource
  readonly name: string
  readonly namespace: string
  readonly type: string
  /** undefined: a Service without selector (endpoints managed elsewhere) */
  readonly selector?: Labels
  readonly ports: readonly ServicePort[]
}
