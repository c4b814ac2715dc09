// Plain shapes of the Kubernetes objects the inventory reads. Only the fields zt-audit uses are typed;
// everything else stays `unknown`, because input comes from hand-edited files and must be checked before use.

export interface ObjectMeta {
  name?: string
  namespace?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  ownerReferences?: OwnerReference[]
  [key: string]: unknown
}

export interface OwnerReference {
  apiVersion?: string
  kind?: string
  name?: string
  uid?: string
  controller?: boolean
}

export interface KubeObject {
  apiVersion: string
  kind: string
  metadata: ObjectMeta
  [key: string]: unknown
}

export interface LabelSelectorRequirement {
  key: string
  /** In, NotIn, Exists or DoesNotExist; anything else is invalid */
  operator: string
  values?: string[]
}

export interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: LabelSelectorRequirement[]
}
