// Resolves entry points' certificate references to Secrets in the input (Gateway API cross-namespace
// references need a ReferenceGrant), and groups the Secrets found into certificate subjects.
import type {Resource} from '../../model/resource.js'
import {asArray, asRecord, asString} from '../../util/guards.js'
import {parseChain, type ParsedChain} from './certificates.js'
import type {CertificateUse, GatewayApiEntryPoint, IngressEntryPoint, IstioGatewayEntryPoint, SecretRef, TlsCertificateView} from './views.js'

type UsingEntryPoint = IngressEntryPoint | IstioGatewayEntryPoint | GatewayApiEntryPoint

const GATEWAY_GROUP = 'gateway.networking.k8s.io'

/** Whether a ReferenceGrant in the Secret's namespace lets Gateways of `from` use it. */
function granted(grants: readonly Resource[], from: string, ref: SecretRef): boolean {
  return grants.some((grant) => {
    if (grant.ref.namespace !== ref.namespace) return false
    const spec = asRecord(grant.object.spec)
    const fromOk = asArray(spec.from).map(asRecord).some((f) => f.group === GATEWAY_GROUP && f.kind === 'Gateway' && f.namespace === from)
    const toOk = asArray(spec.to).map(asRecord).some((t) => (t.group ?? '') === '' && t.kind === 'Secret' && (t.name === undefined || t.name === ref.name))
    return fromOk && toOk
  })
}

export interface SecretLookup {
  find(kind: string, namespace: string, name: string): Resource | undefined
  grants: readonly Resource[]
}

/** The reference with the Secret it names, when the input has it, in the first namespace searched that has one. */
export function resolveRef(entryPoint: UsingEntryPoint, ref: SecretRef, lookup: SecretLookup): SecretRef {
  if (ref.invalid) return ref
  for (const namespace of ref.searched) {
    const secret = lookup.find('Secret', namespace, ref.name)
    if (secret) {
      const crossNamespace = entryPoint.type === 'gateway-api' && namespace !== entryPoint.namespace
      return {...ref, namespace, secret, ...(crossNamespace && !granted(lookup.grants, entryPoint.namespace, ref) ? {notGranted: true} : {})}
    }
  }
  const crossNamespace = entryPoint.type === 'gateway-api' && ref.namespace !== entryPoint.namespace
  return crossNamespace && !granted(lookup.grants, entryPoint.namespace, ref) ? {...ref, notGranted: true} : ref
}

/** One subject per referenced Secret the input has, with every entry point that uses it; parsed lazily. */
export function certificateViews(entryPoints: readonly UsingEntryPoint[]): TlsCertificateView[] {
  const uses = new Map<Resource, CertificateUse[]>()
  for (const entryPoint of entryPoints) {
    for (const ref of entryPoint.secrets) {
      if (!ref.secret || ref.invalid || ref.notGranted) continue
      const use: CertificateUse = {entryPoint: entryPoint.ref, resource: entryPoint.resource, hosts: ref.hosts, exposure: entryPoint.exposure, path: ref.path}
      const list = uses.get(ref.secret)
      if (list) list.push(use)
      else uses.set(ref.secret, [use])
    }
  }
  return [...uses].map(([secret, usedBy]) => {
    let chain: ParsedChain | undefined
    return {
      type: 'tls-certificate',
      ref: secret.ref,
      resource: secret,
      name: secret.ref.name,
      namespace: secret.ref.namespace ?? 'default',
      usedBy,
      get chain(): ParsedChain {
        return (chain ??= parseChain(secret))
      },
    }
  })
}

/** `kubernetes.io/tls`, or Opaque as Istio also accepts; for messages. */
export function secretType(secret: Resource): string {
  return asString(secret.object.type) ?? 'Opaque'
}
