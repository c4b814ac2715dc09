import type {FieldPath, Resource, ResourceRef} from '../../model/resource.js'
import type {Labels} from '../selector.js'
import type {Subject, WorkloadView} from '../views.js'
import type {ParsedChain} from './certificates.js'

/**
 * How far an entry point reaches: `internet` (a public load balancer or node port, or an Ingress or
 * Gateway with nothing saying otherwise), `internal` (cluster IPs or an internal load balancer), `egress`
 * (an Istio egress gateway: mesh clients on their way out), `unknown` (its workloads are not in the input).
 */
export type Exposure = 'internet' | 'internal' | 'egress' | 'unknown'

/** A setting that decides something about an entry point, and where it is written. */
export interface Setting {
  /** e.g. `nginx.ingress.kubernetes.io/ssl-redirect: "false"` */
  text: string
  /** the object it is written in, when it is not the subject's own */
  at?: Resource
  path: FieldPath
  /** `controller`: the controller's ConfigMap decides it for every Ingress it serves */
  scope: 'object' | 'controller'
}

/**
 * What plain HTTP does for a host: `served` (requests are answered over HTTP), `redirect` (HTTP answers
 * with a redirect to HTTPS), `none` (nothing listens for plain HTTP), `unknown` (the controller decides,
 * and the input does not say how).
 */
export type PlainHttp = 'served' | 'redirect' | 'none' | 'unknown'

/** One host an entry point serves, with how it is reached. */
export interface ServedHost {
  /** normalized; `*` for every host (a rule or listener without a host) */
  host: string
  /** where the host is declared in the subject */
  path: FieldPath
  /** `terminated` at the entry point, `passthrough` to the workload, or `none` */
  tls: 'terminated' | 'passthrough' | 'none'
  http: PlainHttp
  /** what decides `http`, when a setting does */
  because?: Setting
}

/** A reference from an entry point to the Secret holding its certificate. */
export interface SecretRef {
  namespace: string
  name: string
  /** where the reference is written in the entry point */
  path: FieldPath
  /** hosts the certificate must be valid for (wildcards included; `*` left out) */
  hosts: string[]
  /** the Secret, when the input has it */
  secret?: Resource
  /** namespaces it was looked for in (Istio reads credentials in its gateway workloads' namespaces) */
  searched: string[]
  /** why the reference cannot work whatever the cluster holds (wrong kind or group, no certificate named) */
  invalid?: string
  /** a cross-namespace reference that no ReferenceGrant in the input permits */
  notGranted?: boolean
}

interface EntryPointBase extends Subject {
  readonly resource: Resource
  readonly name: string
  readonly namespace: string
  readonly exposure: Exposure
  /** every host it serves, one entry per declaration */
  readonly hosts: readonly ServedHost[]
  /** hosts it serves over TLS it terminates, as written (for wildcard notes) */
  readonly tlsHosts: readonly {host: string; path: FieldPath}[]
  readonly secrets: readonly SecretRef[]
}

/** The Ingress controllers whose TLS behaviour zt-audit knows. */
export type IngressController = 'ingress-nginx' | 'gce' | 'alb' | 'other'

export interface IngressEntryPoint extends EntryPointBase {
  readonly type: 'ingress'
  readonly className?: string
  readonly controller: IngressController
  readonly annotations: Labels
  /** the ingress-nginx controller configuration serving it, when it is in the input */
  readonly nginx?: NginxConfigView
}

/** An ingress-nginx controller's configuration: its ConfigMap, or the controller alone when the input has no ConfigMap. */
export interface NginxConfigView extends Subject {
  readonly type: 'nginx-config'
  /** the ConfigMap, or the controller's workload when the ConfigMap is not in the input */
  readonly resource: Resource
  readonly name: string
  readonly namespace: string
  readonly configMap?: Resource
  readonly controllers: readonly WorkloadView[]
  /** `--ingress-class` (default `nginx`) */
  readonly ingressClass: string
  /** `--controller-class` (default `k8s.io/ingress-nginx`) */
  readonly controllerClass: string
  readonly exposure: Exposure
  /** a ConfigMap key: its value and where it is written, or the controller's documented default */
  setting(key: string): NginxSetting
}

export interface NginxSetting {
  value: string
  /** false: the key is not in the ConfigMap and the default applies */
  explicit: boolean
  path: FieldPath
}

export interface IstioServerTls {
  mode?: string
  httpsRedirect: boolean
  /** credentialName, then credentialNames, with where each is written */
  credentials: {name: string; path: FieldPath}[]
  /** a certificate file in the proxy, instead of a credential */
  serverCertificate?: string
  minProtocolVersion?: string
  maxProtocolVersion?: string
  cipherSuites?: string[]
  path: FieldPath
}

export interface IstioServer {
  index: number
  path: FieldPath
  port?: number
  /** upper case: HTTP, HTTPS, HTTP2, GRPC, TLS, TCP, … */
  protocol: string
  hosts: {host: string; path: FieldPath}[]
  tls?: IstioServerTls
}

/** `meshConfig.tlsDefaults` (and `meshMTLS`) from the mesh ConfigMap or an IstioOperator. */
export interface MeshTlsDefaults {
  resource: Resource
  /** the field holding the mesh config (`data.mesh`, or `spec.meshConfig`) */
  path: FieldPath
  minProtocolVersion?: string
  cipherSuites?: string[]
  meshMtlsMinProtocolVersion?: string
}

export interface IstioGatewayEntryPoint extends EntryPointBase {
  readonly type: 'istio-gateway'
  readonly selector: Labels
  readonly servers: readonly IstioServer[]
  /** the gateway proxies its selector picks, in any namespace */
  readonly workloads: readonly WorkloadView[]
  /** mesh-wide TLS defaults its servers inherit, when the input has them */
  readonly mesh?: MeshTlsDefaults
}

export interface GatewayRouteRef {
  resource: Resource
  /** every rule redirects to https */
  redirectsAll: boolean
}

export interface GatewayListener {
  index: number
  path: FieldPath
  name: string
  port?: number
  /** upper case: HTTP, HTTPS, TLS, TCP, UDP */
  protocol: string
  /** normalized; undefined: every host */
  hostname?: string
  /** Terminate (the default) or Passthrough, for HTTPS and TLS listeners */
  tlsMode?: string
  /** HTTPRoutes in the input attached to this listener */
  routes: GatewayRouteRef[]
}

export interface GatewayApiEntryPoint extends EntryPointBase {
  readonly type: 'gateway-api'
  readonly className?: string
  readonly listeners: readonly GatewayListener[]
}

/** Everything that accepts traffic from outside, or configures it: the subjects of the entry-point rules. */
export type TlsEntryPoint = IngressEntryPoint | NginxConfigView | IstioGatewayEntryPoint | GatewayApiEntryPoint

/** An entry point that uses a certificate, and for which hosts. */
export interface CertificateUse {
  entryPoint: ResourceRef
  /** the entry point's object, where `path` points */
  resource: Resource
  hosts: string[]
  exposure: Exposure
  /** where the reference is written in the entry point */
  path: FieldPath
}

/** A Secret referenced as a TLS certificate, parsed on first use. */
export interface TlsCertificateView extends Subject {
  readonly type: 'tls-certificate'
  readonly resource: Resource
  readonly name: string
  readonly namespace: string
  readonly usedBy: readonly CertificateUse[]
  /** the certificates of its `tls.crt` (or `cert`), leaf first; never its key */
  readonly chain: ParsedChain
}
