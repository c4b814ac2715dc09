import type {KubeObject} from './kube.js'

/** Identifies a Kubernetes object independently of where it was read. */
export interface ResourceRef {
  apiVersion: string
  kind: string
  namespace?: string
  name: string
}

/** A path to a field inside an object, e.g. ['spec', 'egress', 0, 'to']. */
export type FieldPath = readonly (string | number)[]

/** A place in an input file. Lines and columns start at 1. */
export interface SourceLocation {
  file: string
  line: number
  column?: number
  endLine?: number
}

export type Origin =
  | {
      type: 'file'
      /** relative to the working directory, with / separators; `<stdin>` for standard input */
      file: string
      /** 0-based index of the YAML document in the file (0 for JSON) */
      document: number
      /** 0-based index inside a `kind: List` document, when the object came from one */
      item?: number
      /** first line of the object in the file */
      line: number
    }
  | {type: 'cluster'; context: string; server?: string}

/**
 * A Kubernetes object, wherever it came from. Manifest and cluster sources produce the same type,
 * so rules cannot tell them apart.
 */
export interface Resource<T extends KubeObject = KubeObject> {
  readonly ref: ResourceRef
  readonly origin: Origin
  readonly object: Readonly<T>
  /**
   * Where a field of this object is written: the field itself when it exists, else its nearest
   * existing parent, else the object's first line. Undefined for objects read from a cluster.
   * Resolved lazily, since only objects with findings need it.
   */
  locate(path: FieldPath): SourceLocation | undefined
}

export function refKey(ref: Pick<ResourceRef, 'kind' | 'namespace' | 'name'>): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`
}
