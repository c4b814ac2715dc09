import jsyaml from 'js-yaml'

import type {FieldPath, Resource} from '../../model/resource.js'
import {asRecord, asString, asStringMap, isRecord} from '../../util/guards.js'

/** One place that sets (or could set) Istio's meshConfig for a revision. */
export interface MeshConfigSource {
  revision: string
  kind: 'configmap' | 'istio-operator' | 'helm-values'
  resource: Resource
  /** the field that holds the setting; for a ConfigMap, its `mesh` key (the setting is inside that text) */
  path: FieldPath
  /** outboundTrafficPolicy.mode as written; undefined when the source leaves it to Istio's default */
  outboundMode?: string
  rootNamespace?: string
  /** sidecarInjectorWebhook.enableNamespacesByDefault from Helm values */
  injectsByDefault?: boolean
}

/** The mesh configuration of one Istio control-plane revision, from the source istiod reads first. */
export interface IstioRevisionConfig {
  revision: string
  /** the ConfigMap istiod reads; else the IstioOperator or Helm values that render it */
  source?: MeshConfigSource
  sources: MeshConfigSource[]
  /** ALLOW_ANY unless a source sets REGISTRY_ONLY: Istio's default is ALLOW_ANY */
  outboundMode: string
  outboundFromDefault: boolean
}

const RANK: Record<MeshConfigSource['kind'], number> = {configmap: 0, 'istio-operator': 1, 'helm-values': 2}

function revisionFromName(name: string, prefix: string): string | undefined {
  if (name === prefix) return 'default'
  return name.startsWith(`${prefix}-`) ? name.slice(prefix.length + 1) : undefined
}

function parseYaml(text: string): Record<string, unknown> {
  try {
    return asRecord(jsyaml.load(text))
  } catch {
    return {}
  }
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return asRecord(JSON.parse(text))
  } catch {
    return parseYaml(text)
  }
}

function outbound(meshConfig: Record<string, unknown>): string | undefined {
  return asString(asRecord(meshConfig.outboundTrafficPolicy).mode)
}

/** `istio` / `istio-<rev>` ConfigMaps (key `mesh`), IstioOperator `spec.meshConfig`, and Helm values in `istio-sidecar-injector` ConfigMaps. */
export function meshConfigSources(configMaps: readonly Resource[], operators: readonly Resource[]): MeshConfigSource[] {
  const sources: MeshConfigSource[] = []
  for (const cm of configMaps) {
    const data = asStringMap(cm.object.data)
    const meshRevision = revisionFromName(cm.ref.name, 'istio')
    if (meshRevision !== undefined && typeof data.mesh === 'string') {
      const mesh = parseYaml(data.mesh)
      const revision = asStringMap(cm.object.metadata?.labels)['istio.io/rev'] ?? meshRevision
      sources.push({revision, kind: 'configmap', resource: cm, path: ['data', 'mesh'], outboundMode: outbound(mesh), rootNamespace: asString(mesh.rootNamespace)})
    }
    const injectorRevision = revisionFromName(cm.ref.name, 'istio-sidecar-injector')
    if (injectorRevision !== undefined && typeof data.values === 'string') {
      const values = parseJson(data.values)
      const global = asRecord(values.global)
      const meshConfig = asRecord(values.meshConfig)
      // Istio ≤1.5 Helm values kept the setting under global; later ones under meshConfig
      const mode = outbound(meshConfig) ?? outbound(global)
      const injector = asRecord(values.sidecarInjectorWebhook)
      sources.push({
        revision: asString(values.revision) || injectorRevision,
        kind: 'helm-values',
        resource: cm,
        path: ['data', 'values'],
        outboundMode: mode,
        ...(typeof injector.enableNamespacesByDefault === 'boolean' ? {injectsByDefault: injector.enableNamespacesByDefault} : {}),
      })
    }
  }
  for (const op of operators) {
    const spec = asRecord(op.object.spec)
    const meshConfig = asRecord(spec.meshConfig)
    const values = asRecord(spec.values)
    const mode = outbound(meshConfig) ?? outbound(asRecord(values.global))
    const path: FieldPath = outbound(meshConfig) !== undefined ? ['spec', 'meshConfig', 'outboundTrafficPolicy', 'mode'] : isRecord(spec.meshConfig) ? ['spec', 'meshConfig'] : ['spec']
    sources.push({revision: asString(spec.revision) || 'default', kind: 'istio-operator', resource: op, path, outboundMode: mode, rootNamespace: asString(meshConfig.rootNamespace)})
  }
  return sources
}

export function revisionConfigs(sources: readonly MeshConfigSource[], revisions: Iterable<string>): Map<string, IstioRevisionConfig> {
  const byRevision = new Map<string, MeshConfigSource[]>()
  for (const rev of revisions) byRevision.set(rev, [])
  for (const s of sources) {
    const list = byRevision.get(s.revision)
    if (list) list.push(s)
    else byRevision.set(s.revision, [s])
  }
  const configs = new Map<string, IstioRevisionConfig>()
  for (const [revision, list] of byRevision) {
    list.sort((a, b) => RANK[a.kind] - RANK[b.kind])
    // the ConfigMap is what istiod reads, set or not; without one, the first source that says something
    const deciding = list.find((s) => s.kind === 'configmap') ?? list.find((s) => s.outboundMode !== undefined) ?? list[0]
    const mode = deciding?.outboundMode?.toUpperCase()
    configs.set(revision, {revision, ...(deciding ? {source: deciding} : {}), sources: list, outboundMode: mode ?? 'ALLOW_ANY', outboundFromDefault: mode === undefined})
  }
  return configs
}
