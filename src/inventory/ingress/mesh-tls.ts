// Istio's mesh-wide TLS defaults for gateways (meshConfig.tlsDefaults, and meshMTLS), from the `istio`
// and `istio-<revision>` ConfigMaps (key `mesh`) or an IstioOperator's spec.meshConfig.
import jsyaml from 'js-yaml'

import type {Resource} from '../../model/resource.js'
import {asArray, asRecord, asString, asStringMap} from '../../util/guards.js'
import type {MeshTlsDefaults} from './views.js'

export interface RevisionTlsDefaults extends MeshTlsDefaults {
  revision: string
}

function parseMesh(text: string): Record<string, unknown> {
  try {
    return asRecord(jsyaml.load(text))
  } catch {
    return {}
  }
}

const strings = (value: unknown): string[] | undefined => {
  const list = asArray(value).filter((v): v is string => typeof v === 'string')
  return list.length > 0 ? list : undefined
}

function defaultsOf(meshConfig: Record<string, unknown>): Omit<MeshTlsDefaults, 'resource' | 'path'> {
  const tls = asRecord(meshConfig.tlsDefaults)
  const minProtocolVersion = asString(tls.minProtocolVersion)
  const cipherSuites = strings(tls.cipherSuites)
  const meshMtls = asString(asRecord(meshConfig.meshMTLS).minProtocolVersion)
  return {
    ...(minProtocolVersion ? {minProtocolVersion} : {}),
    ...(cipherSuites ? {cipherSuites} : {}),
    ...(meshMtls ? {meshMtlsMinProtocolVersion: meshMtls} : {}),
  }
}

/** TLS defaults per control-plane revision (`default` for the unrevisioned `istio` ConfigMap); ConfigMaps win over IstioOperators. */
export function meshTlsDefaults(configMaps: readonly Resource[], operators: readonly Resource[]): RevisionTlsDefaults[] {
  const found: RevisionTlsDefaults[] = []
  for (const cm of configMaps) {
    const name = cm.ref.name
    const mesh = asStringMap(cm.object.data).mesh
    if (typeof mesh !== 'string' || !(name === 'istio' || name.startsWith('istio-'))) continue
    if (name.startsWith('istio-sidecar-injector') || name.startsWith('istio-ca-')) continue
    const revision = asStringMap(cm.object.metadata?.labels)['istio.io/rev'] ?? (name === 'istio' ? 'default' : name.slice('istio-'.length))
    found.push({revision, resource: cm, path: ['data', 'mesh'], ...defaultsOf(parseMesh(mesh))})
  }
  for (const operator of operators) {
    const spec = asRecord(operator.object.spec)
    const revision = asString(spec.revision) || 'default'
    if (found.some((f) => f.revision === revision)) continue
    found.push({revision, resource: operator, path: ['spec', 'meshConfig'], ...defaultsOf(asRecord(spec.meshConfig))})
  }
  return found
}
