import type {CoverageRow} from '../../model/input.js'
import type {Resource} from '../../model/resource.js'
import type {ServiceView, Subject, WorkloadView} from '../views.js'
import {buildGatewayApiGateways} from './gateway-api.js'
import {toIngressEntryPoint} from './ingresses.js'
import {buildIstioGateways} from './istio.js'
import {meshTlsDefaults} from './mesh-tls.js'
import {buildNginxConfigs} from './nginx.js'
import {certificateViews, resolveRef, type SecretLookup} from './secrets.js'
import type {GatewayApiEntryPoint, IngressEntryPoint, IstioGatewayEntryPoint, NginxConfigView, TlsCertificateView, TlsEntryPoint} from './views.js'

export type * from './views.js'
export {type CertificateInfo, type CertificateSummary, type ParsedChain, summarizeCertificate} from './certificates.js'
export {certificateCovers, hostCovered, isWildcard, normalizeHost} from './hosts.js'
export {NGINX_DEFAULTS} from './nginx.js'
export {NGINX_PREFIX} from './ingresses.js'
export {istioServerMode, TERMINATING_MODES} from './istio.js'
export {weakSignatureHash} from './signature.js'
export {secretType} from './secrets.js'
export {isWeakIstioVersion, nginxTls13Only, type WeakCipher, weakCiphers, weakNginxProtocols} from './tls-params.js'

/** Subject targets the ingress view answers. */
export const INGRESS_TARGETS = {
  entryPoint: 'TLSEntryPoint',
  nginxConfig: 'IngressNginxConfig',
  istioGateway: 'Gateway.networking.istio.io',
  certificate: 'TLSCertificate',
  certManagerCertificate: 'Certificate.cert-manager.io',
} as const

export interface IngressSources {
  ofKind(kind: string): readonly Resource[]
  workloads: readonly WorkloadView[]
  services: readonly ServiceView[]
}

export interface IngressOptions {
  /** the source's coverage: a live scan says which kinds it read */
  coverage?: readonly CoverageRow[]
}

/**
 * Every entry point of the cluster and the TLS behind it: Ingresses with the controller serving them,
 * ingress-nginx controller configurations, Istio Gateways with their mesh TLS defaults, Gateway API
 * Gateways with their routes, and the certificates of the Secrets they reference.
 */
export class IngressView {
  readonly ingresses: readonly IngressEntryPoint[]
  readonly nginxConfigs: readonly NginxConfigView[]
  readonly istioGateways: readonly IstioGatewayEntryPoint[]
  readonly gateways: readonly GatewayApiEntryPoint[]
  readonly certificates: readonly TlsCertificateView[]
  /** the scan read Secrets (a live scan's coverage says so): a referenced Secret missing from the input does not exist */
  readonly secretsRead: boolean
  private readonly index = new Map<string, Resource>()

  constructor(
    private readonly sources: IngressSources,
    options: IngressOptions = {},
  ) {
    for (const kind of ['Secret', 'FrontendConfig']) for (const r of sources.ofKind(kind)) this.index.set(`${kind}/${r.ref.namespace ?? ''}/${r.ref.name}`, r)
    const read = (kind: string): boolean => options.coverage?.some((row) => row.kind === kind && row.status === 'ok') ?? false
    this.secretsRead = read('Secret')
    const find = (kind: string, namespace: string, name: string): Resource | undefined => this.index.get(`${kind}/${namespace}/${name}`)
    const lookup: SecretLookup = {find, grants: sources.ofKind('ReferenceGrant')}

    this.nginxConfigs = buildNginxConfigs(sources.workloads, sources.ofKind('ConfigMap'), sources.services)
    const ingressLookup = {ingressClasses: sources.ofKind('IngressClass'), nginx: this.nginxConfigs, find}
    this.ingresses = sources.ofKind('Ingress').map((r) => toIngressEntryPoint(r, ingressLookup))
    this.istioGateways = buildIstioGateways(sources.ofKind('Gateway'), {
      workloads: sources.workloads,
      services: sources.services,
      meshDefaults: meshTlsDefaults(sources.ofKind('ConfigMap'), sources.ofKind('IstioOperator')),
    })
    this.gateways = buildGatewayApiGateways(sources.ofKind('Gateway'), sources.ofKind('HTTPRoute'))
    for (const list of [this.ingresses, this.istioGateways, this.gateways] as const) {
      for (const entryPoint of list) Object.assign(entryPoint, {secrets: entryPoint.secrets.map((ref) => resolveRef(entryPoint, ref, lookup))})
    }
    this.certificates = certificateViews([...this.ingresses, ...this.istioGateways, ...this.gateways])
  }

  /** Ingresses, controller configurations, Istio and Gateway API Gateways, in that order. */
  get entryPoints(): readonly TlsEntryPoint[] {
    return [...this.ingresses, ...this.nginxConfigs, ...this.istioGateways, ...this.gateways]
  }

  /** The subjects of an ingress target; undefined for targets it does not answer. */
  subjects(target: string): readonly Subject[] | undefined {
    switch (target) {
      case INGRESS_TARGETS.entryPoint:
        return this.entryPoints
      case INGRESS_TARGETS.nginxConfig:
        return this.nginxConfigs
      case INGRESS_TARGETS.istioGateway:
        return this.istioGateways
      case INGRESS_TARGETS.certificate:
        return this.certificates
      case INGRESS_TARGETS.certManagerCertificate:
        return this.sources
          .ofKind('Certificate')
          .filter((r) => r.ref.apiVersion.startsWith('cert-manager.io/'))
          .map((resource) => ({ref: resource.ref, resource}))
      default:
        return undefined
    }
  }
}
