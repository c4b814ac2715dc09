// The ingress view: controllers and their ConfigMaps, the hosts each entry point serves and how, Istio
// credential namespaces and mesh defaults, Gateway API route attachment, certificate references.
import {expect} from 'chai'
import jsyaml from 'js-yaml'

import {Inventory} from '../../src/inventory/index.js'
import type {GatewayApiEntryPoint, IngressEntryPoint, IstioGatewayEntryPoint} from '../../src/inventory/ingress/index.js'
import {certificateCovers, hostCovered} from '../../src/inventory/ingress/index.js'
import type {KubeObject} from '../../src/model/kube.js'
import {toResource} from '../../src/sources/resource.js'

function inventory(yaml: string, coverage: {kind: string; status: 'ok' | 'forbidden'}[] = []): Inventory {
  const origin = {type: 'file' as const, file: '<memory>', document: 0, line: 1}
  return new Inventory(
    jsyaml.loadAll(yaml).filter(Boolean).map((o) => toResource(o as KubeObject, origin)),
    {coverage},
  )
}

const ingress = (inv: Inventory, name: string): IngressEntryPoint => {
  const found = inv.ingress.ingresses.find((i) => i.name === name)
  if (!found) throw new Error(`no Ingress ${name}`)
  return found
}
const hostStates = (entry: {hosts: readonly {host: string; tls: string; http: string}[]}): string[] => entry.hosts.map((h) => `${h.host} ${h.tls} ${h.http}`)

const controller = (args: string[], name = 'ingress-nginx-controller', namespace = 'ingress-nginx', image = 'registry.k8s.io/ingress-nginx/controller:v1.12.1'): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: controller
          image: ${image}
          args: ${JSON.stringify(args)}
          env:
            - name: POD_NAMESPACE
              valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
`

describe('ingress view', () => {
  describe('host matching', () => {
    it('covers hosts exactly, by a one-label wildcard, or by *', () => {
      expect(hostCovered('shop.example.com', 'SHOP.example.com.')).to.equal(true)
      expect(hostCovered('m.example.com', '*.example.com')).to.equal(true)
      expect(hostCovered('a.b.example.com', '*.example.com')).to.equal(false)
      expect(hostCovered('example.com', '*.example.com')).to.equal(false)
      expect(hostCovered('*.example.com', '*.example.com')).to.equal(true)
      expect(hostCovered('*.example.com', 'a.example.com')).to.equal(false)
      expect(hostCovered('*', 'example.com')).to.equal(false)
      expect(hostCovered('anything.test', '*')).to.equal(true)
      expect(certificateCovers('*', 'example.com'), 'a bare * is never valid in a certificate').to.equal(false)
    })
  })

  describe('ingress-nginx controllers', () => {
    it('reads the ConfigMap named by --configmap, with $(POD_NAMESPACE) expanded, in either argument form', () => {
      const inv = inventory(`${controller(['/nginx-ingress-controller', '--configmap', '$(POD_NAMESPACE)/tuned'])}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: tuned, namespace: ingress-nginx}
data: {ssl-protocols: TLSv1.3, hsts: false}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
data: {ssl-protocols: TLSv1}`)
      const [config] = inv.ingress.nginxConfigs
      expect(inv.ingress.nginxConfigs.map((c) => c.name)).to.deep.equal(['tuned', 'ingress-nginx-controller'])
      expect(config.controllers.map((c) => c.name)).to.deep.equal(['ingress-nginx-controller'])
      expect(config.setting('ssl-protocols')).to.deep.equal({value: 'TLSv1.3', explicit: true, path: ['data', 'ssl-protocols']})
      expect(config.setting('hsts').value, 'an unquoted YAML boolean').to.equal('false')
      expect(config.setting('ssl-redirect')).to.include({value: 'true', explicit: false})
    })

    it('falls back to the ConfigMap named like the controller (Helm) and runs on defaults without one', () => {
      const inv = inventory(`${controller(['/nginx-ingress-controller'], 'edge-ingress-nginx-controller', 'edge')}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: edge-ingress-nginx-controller, namespace: edge}
data: {ssl-redirect: "false"}
---
${controller(['/nginx-ingress-controller'], 'bare', 'bare')}`)
      expect(inv.ingress.nginxConfigs.map((c) => [c.ref.kind, c.name, c.setting('ssl-redirect').value])).to.deep.equal([
        ['ConfigMap', 'edge-ingress-nginx-controller', 'false'],
        ['Deployment', 'bare', 'true'],
      ])
    })

    it('does not take NGINX Inc\'s controller or a plain nginx labelled ingress-nginx for the community controller', () => {
      const inv = inventory(`${controller(['-nginx-configmaps=$(POD_NAMESPACE)/nginx-config'], 'nginx-ingress', 'nginx-ingress', 'nginx/nginx-ingress:3.4.0')}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: nginx, namespace: default, labels: {app.kubernetes.io/name: ingress-nginx}}
spec:
  template:
    metadata: {labels: {app.kubernetes.io/name: ingress-nginx}}
    spec:
      containers: [{name: nginx, image: gcr.io/google_containers/nginx}]`)
      expect(inv.ingress.nginxConfigs).to.deep.equal([])
    })

    it('is internet-facing behind a public LoadBalancer, internal behind an internal one', () => {
      const service = (type: string, annotations = '{}'): string => `
apiVersion: v1
kind: Service
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx, annotations: ${annotations}}
spec: {type: ${type}, selector: {app: ingress-nginx-controller}, ports: [{port: 443}]}`
      const base = controller(['/nginx-ingress-controller'])
      expect(inventory(`${base}\n---${service('LoadBalancer')}`).ingress.nginxConfigs[0].exposure).to.equal('internet')
      expect(inventory(`${base}\n---${service('LoadBalancer', '{networking.gke.io/load-balancer-type: Internal}')}`).ingress.nginxConfigs[0].exposure).to.equal('internal')
      expect(inventory(`${base}\n---${service('ClusterIP')}`).ingress.nginxConfigs[0].exposure).to.equal('internal')
      expect(inventory(base).ingress.nginxConfigs[0].exposure).to.equal('unknown')
    })
  })

  describe('Ingress hosts', () => {
    const rule = (host?: string): string => `{${host ? `host: ${host}, ` : ''}http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}`

    it('lists each host once, * for rules without host and the default backend, and what TLS covers', () => {
      const inv = inventory(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: web, port: {number: 80}}}
  tls: [{hosts: ["*.example.com"], secretName: wildcard}]
  rules: [${rule('a.example.com')}, ${rule('a.example.com')}, ${rule('a.b.example.com')}, ${rule()}]`)
      expect(hostStates(ingress(inv, 'web'))).to.deep.equal(['a.example.com terminated redirect', 'a.b.example.com none served', '* none served'])
      expect(ingress(inv, 'web').secrets.map((s) => s.hosts)).to.deep.equal([['*.example.com']])
    })

    it('follows ingress-nginx redirects: annotation over ConfigMap, force-ssl-redirect over both', () => {
      const inv = inventory(`
apiVersion: v1
kind: ConfigMap
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
data: {ssl-redirect: "false"}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: global, namespace: shop}
spec: {ingressClassName: nginx, tls: [{hosts: [a.example.com], secretName: a}], rules: [${rule('a.example.com')}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: annotated, namespace: shop, annotations: {nginx.ingress.kubernetes.io/ssl-redirect: "true"}}
spec: {ingressClassName: nginx, tls: [{hosts: [b.example.com], secretName: b}], rules: [${rule('b.example.com')}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: forced, namespace: shop, annotations: {nginx.ingress.kubernetes.io/force-ssl-redirect: "true"}}
spec: {ingressClassName: nginx, rules: [${rule('c.example.com')}]}`)
      const global = ingress(inv, 'global').hosts[0]
      expect([global.http, global.because?.scope, global.because?.at?.ref.name]).to.deep.equal(['served', 'controller', 'ingress-nginx-controller'])
      expect(hostStates(ingress(inv, 'annotated'))).to.deep.equal(['b.example.com terminated redirect'])
      expect(hostStates(ingress(inv, 'forced'))).to.deep.equal(['c.example.com none redirect'])
    })

    it('knows GKE and ALB: certificates from annotations, plain HTTP switched off, FrontendConfig redirects', () => {
      const inv = inventory(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: managed, namespace: web, annotations: {networking.gke.io/managed-certificates: web-cert}}
spec: {rules: [${rule('web.example.com')}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: https-only, namespace: web, annotations: {kubernetes.io/ingress.allow-http: "false"}}
spec: {rules: [${rule('only.example.com')}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: alb, namespace: web, annotations: {alb.ingress.kubernetes.io/certificate-arn: "arn:aws:acm:eu-west-1:1:certificate/x"}}
spec: {ingressClassName: alb, rules: [${rule('alb.example.com')}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: alb-both, namespace: web, annotations: {alb.ingress.kubernetes.io/certificate-arn: "arn:x", alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'}}
spec: {ingressClassName: alb, rules: [${rule('both.example.com')}]}`)
      expect(ingress(inv, 'managed').controller).to.equal('gce')
      expect(hostStates(ingress(inv, 'managed'))).to.deep.equal(['web.example.com terminated served'])
      expect(hostStates(ingress(inv, 'https-only'))).to.deep.equal(['only.example.com none none'])
      expect(hostStates(ingress(inv, 'alb'))).to.deep.equal(['alb.example.com terminated none'])
      expect(hostStates(ingress(inv, 'alb-both'))).to.deep.equal(['both.example.com terminated served'])
    })

    it('resolves the controller through IngressClass objects and the default class', () => {
      const inv = inventory(`
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: public, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: traefik}
spec: {controller: traefik.io/ingress-controller}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: classless, namespace: web}
spec: {rules: [${rule('a.example.com')}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: traefik, namespace: web}
spec: {ingressClassName: traefik, tls: [{hosts: [b.example.com]}], rules: [${rule('b.example.com')}]}`)
      expect(ingress(inv, 'classless').controller).to.equal('ingress-nginx')
      expect(ingress(inv, 'traefik').controller).to.equal('other')
      expect(hostStates(ingress(inv, 'traefik')), "another controller's redirect default is unknown").to.deep.equal(['b.example.com terminated unknown'])
    })
  })

  describe('Istio Gateways', () => {
    const proxy = (namespace: string, labels: string, rev = 'default'): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: gw-${labels.replace(/\W+/g, '-')}, namespace: ${namespace}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels.replace('}', `, istio.io/rev: ${rev}}`)}}
    spec: {containers: [{name: istio-proxy, image: docker.io/istio/proxyv2:1.27.1}]}`

    it('looks for credentials in the namespaces of the proxies the selector picks, in any namespace', () => {
      const inv = inventory(`${proxy('edge', '{istio: edge}')}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: b2b, namespace: shop}
spec:
  selector: {istio: edge}
  servers:
    - port: {number: 443, name: https, protocol: HTTPS}
      hosts: [shop/b2b.example.com]
      tls: {mode: SIMPLE, credentialName: b2b-tls}
---
apiVersion: v1
kind: Secret
metadata: {name: b2b-tls, namespace: edge}
type: kubernetes.io/tls
data: {tls.crt: cmVkYWN0ZWQ=}`)
      const [gateway] = inv.ingress.istioGateways
      expect(gateway.workloads.map((w) => w.namespace)).to.deep.equal(['edge'])
      expect(gateway.servers[0].hosts.map((h) => h.host), 'the namespace/ prefix is dropped').to.deep.equal(['b2b.example.com'])
      expect(gateway.secrets.map((s) => [s.namespace, s.name, Boolean(s.secret), s.hosts])).to.deep.equal([['edge', 'b2b-tls', true, ['b2b.example.com']]])
      expect(inv.ingress.certificates.map((c) => c.ref.namespace)).to.deep.equal(['edge'])
    })

    it('counts a host as covered by a secure server of another Gateway on the same proxies', () => {
      const inv = inventory(`
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: http, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [a.example.com, b.example.com]}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: https, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*.example.com"], tls: {mode: SIMPLE, credentialName: wildcard}}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: elsewhere, namespace: shop}
spec:
  selector: {istio: other}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: [c.example.com], tls: {mode: SIMPLE, credentialName: c}}]`)
      const http = inv.ingress.istioGateways.find((g) => g.name === 'http') as IstioGatewayEntryPoint
      expect(hostStates(http)).to.deep.equal(['a.example.com terminated served', 'b.example.com terminated served'])
      expect(inv.ingress.istioGateways.find((g) => g.name === 'https')?.secrets.map((s) => s.searched)).to.deep.equal([['istio-system']])
    })

    it('tells egress gateways apart and inherits the mesh TLS defaults of the proxies\' revision', () => {
      const inv = inventory(`${proxy('istio-system', '{istio: egressgateway}')}
---${proxy('istio-system', '{istio: ingressgateway}', 'canary')}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: istio-canary, namespace: istio-system}
data:
  mesh: |
    tlsDefaults:
      minProtocolVersion: TLSV1_1
      cipherSuites: [ECDHE-RSA-AES128-SHA]
    meshMTLS:
      minProtocolVersion: TLSV1_3
---
apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data: {mesh: "rootNamespace: istio-system"}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: out, namespace: istio-system}
spec: {selector: {istio: egressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [api.example.com]}]}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: in, namespace: istio-system}
spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: [a.example.com], tls: {mode: SIMPLE, credentialName: a}}]}`)
      const [out, inbound] = inv.ingress.istioGateways
      expect(out.exposure).to.equal('egress')
      expect(inbound.mesh?.resource.ref.name).to.equal('istio-canary')
      expect(inbound.mesh).to.include({minProtocolVersion: 'TLSV1_1', meshMtlsMinProtocolVersion: 'TLSV1_3'})
      expect(inbound.mesh?.cipherSuites).to.deep.equal(['ECDHE-RSA-AES128-SHA'])
    })
  })

  describe('Gateway API', () => {
    const gateway = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: web}
spec:
  gatewayClassName: example
  listeners:
    - {name: http, port: 80, protocol: HTTP}
    - {name: admin, port: 8080, protocol: HTTP, hostname: admin.example.com, allowedRoutes: {namespaces: {from: All}}}
    - name: https
      port: 443
      protocol: HTTPS
      tls: {certificateRefs: [{name: web-tls}, {group: wrong.group.company.io, kind: Secret, name: x}, {name: other-tls, namespace: certs}]}`
    const route = (name: string, namespace: string, parentRef: string, rule: string, hostnames = '[]'): string => `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: ${namespace}}
spec: {parentRefs: [${parentRef}], hostnames: ${hostnames}, rules: [${rule}]}`
    const redirect = '{filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]}'
    const backend = '{backendRefs: [{name: site, port: 8080}]}'

    it('attaches routes by sectionName, port, allowed namespaces and hostnames, and tells redirect-only routes', () => {
      const inv = inventory(`${gateway}
---${route('redirect', 'web', '{name: public, sectionName: http}', redirect)}
---${route('by-port', 'web', '{name: public, port: 443}', backend)}
---${route('foreign', 'other', '{name: public, namespace: web}', backend)}
---${route('admin', 'other', '{name: public, namespace: web, sectionName: admin}', backend, '[admin.example.com]')}
---${route('mismatch', 'web', '{name: public, sectionName: admin}', backend, '[www.example.com]')}`)
      const [gw] = inv.ingress.gateways as GatewayApiEntryPoint[]
      const attached = gw.listeners.map((l) => `${l.name}: ${l.routes.map((r) => `${r.resource.ref.name}${r.redirectsAll ? ' (redirect)' : ''}`).join(', ')}`)
      // `foreign` names no listener: it attaches wherever its namespace is allowed, i.e. to admin (from: All)
      expect(attached).to.deep.equal(['http: redirect (redirect)', 'admin: foreign, admin', 'https: by-port'])
      expect(hostStates(gw)).to.deep.equal(['* terminated redirect', 'admin.example.com terminated served'])
    })

    it('resolves certificateRefs: core Secrets only, cross-namespace with a ReferenceGrant', () => {
      const grant = `
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: web, namespace: certs}
spec: {from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: web}], to: [{group: "", kind: Secret, name: other-tls}]}`
      const secrets = `
apiVersion: v1
kind: Secret
metadata: {name: other-tls, namespace: certs}
type: kubernetes.io/tls
data: {tls.crt: cmVkYWN0ZWQ=}`
      const refs = (yaml: string): unknown[] => (inventory(yaml).ingress.gateways[0].secrets).map((s) => [s.namespace, s.name, Boolean(s.secret), s.invalid ?? null, s.notGranted ?? false])
      expect(refs(`${gateway}\n---${secrets}`)).to.deep.equal([
        ['web', 'web-tls', false, null, false],
        ['web', 'x', false, 'it points to a Secret of group wrong.group.company.io, not a core Secret', false],
        ['certs', 'other-tls', true, null, true],
      ])
      expect(refs(`${gateway}\n---${secrets}\n---${grant}`)[2]).to.deep.equal(['certs', 'other-tls', true, null, false])
    })
  })

  it('knows when the scan read Secrets from the coverage', () => {
    expect(inventory('').ingress.secretsRead).to.equal(false)
    expect(inventory('', [{kind: 'Secret', status: 'forbidden'}]).ingress.secretsRead).to.equal(false)
    expect(inventory('', [{kind: 'Secret', status: 'ok'}]).ingress.secretsRead).to.equal(true)
  })
})
