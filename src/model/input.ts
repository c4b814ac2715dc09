import type {Resource} from './resource.js'

/** Input that could not be read; the scan went on without it. Mirrors the report's `errors` entries. */
export interface InputError {
  file?: string
  line?: number
  message: string
}

/** What a source hands to the inventory. */
export interface SourceResult {
  resources: Resource[]
  errors: InputError[]
  /** documents that parsed but were not Kubernetes objects (no apiVersion/kind), per file */
  skippedDocuments: {file: string; line: number; reason: string}[]
  /** kinds a cluster source could not read; empty for manifest sources */
  coverage: CoverageRow[]
  /** what was scanned: paths, or the cluster's context and server */
  target: string
  source: 'manifests' | 'cluster'
}

export type CoverageStatus = 'ok' | 'absent' | 'forbidden' | 'error'

export interface CoverageRow {
  apiVersion?: string
  kind: string
  count?: number
  status: CoverageStatus
  message?: string
}
