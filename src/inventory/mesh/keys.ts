// Label and annotation keys the meshes read, in one place so every module spells them the same way.

export const ISTIO = {
  injection: 'istio-injection',
  rev: 'istio.io/rev',
  inject: 'sidecar.istio.io/inject',
  status: 'sidecar.istio.io/status',
  proxyImage: 'sidecar.istio.io/proxyImage',
  dataplaneMode: 'istio.io/dataplane-mode',
  excludeInboundPorts: 'traffic.sidecar.istio.io/excludeInboundPorts',
  includeInboundPorts: 'traffic.sidecar.istio.io/includeInboundPorts',
  excludeOutboundPorts: 'traffic.sidecar.istio.io/excludeOutboundPorts',
  excludeOutboundIPRanges: 'traffic.sidecar.istio.io/excludeOutboundIPRanges',
  includeOutboundIPRanges: 'traffic.sidecar.istio.io/includeOutboundIPRanges',
} as const

export const LINKERD = {
  inject: 'linkerd.io/inject',
  proxyVersion: 'linkerd.io/proxy-version',
  proxyVersionOverride: 'config.linkerd.io/proxy-version',
  createdBy: 'linkerd.io/created-by',
  defaultInboundPolicy: 'config.linkerd.io/default-inbound-policy',
  skipInboundPorts: 'config.linkerd.io/skip-inbound-ports',
  skipOutboundPorts: 'config.linkerd.io/skip-outbound-ports',
  skipSubnets: 'config.linkerd.io/skip-subnets',
  opaquePorts: 'config.linkerd.io/opaque-ports',
} as const

export const CONSUL = {
  inject: 'consul.hashicorp.com/connect-inject',
  status: 'consul.hashicorp.com/connect-inject-status',
  excludeInboundPorts: 'consul.hashicorp.com/transparent-proxy-exclude-inbound-ports',
  excludeOutboundPorts: 'consul.hashicorp.com/transparent-proxy-exclude-outbound-ports',
  excludeOutboundCidrs: 'consul.hashicorp.com/transparent-proxy-exclude-outbound-cidrs',
  excludeUids: 'consul.hashicorp.com/transparent-proxy-exclude-uids',
} as const

export const KUMA = {
  injection: 'kuma.io/sidecar-injection',
} as const

/** Istio's sidecar container, and the proxies of the other meshes, as their injectors name them. */
export const PROXY_CONTAINERS: Readonly<Record<string, 'istio' | 'linkerd' | 'consul' | 'kuma'>> = {
  'istio-proxy': 'istio',
  'linkerd-proxy': 'linkerd',
  'consul-dataplane': 'consul',
  'envoy-sidecar': 'consul',
  'kuma-sidecar': 'kuma',
}
