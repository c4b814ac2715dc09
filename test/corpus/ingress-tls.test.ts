// Regression of the ingress TLS rules against the shared corpus: the peers' stated expectations (and the
// corpus's own observations), mapped to our rules, run through the real scan with the clock fixed.
//
// Each case lists every ingress-tls finding it must produce, as `RULE Kind/[namespace/]name severity`, and
// nothing else. Where our verdict differs from the peer's, the case encodes ours and a comment gives the
// reason. Documentation extracts that are not whole objects are wrapped into one in memory.
import {expect} from 'chai'
import jsyaml from 'js-yaml'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {scan} from '../../src/actions/scan.js'
import {defaultConfig} from '../../src/engine/config.js'
import {loadBuiltinRules} from '../../src/engine/loader.js'
import {runRules} from '../../src/engine/runner.js'
import {Inventory} from '../../src/inventory/index.js'
import type {Finding} from '../../src/model/finding.js'
import type {KubeObject} from '../../src/model/kube.js'
import type {Rule} from '../../src/sdk/types.js'
import {toResource} from '../../src/sources/resource.js'
import {CORPUS, SKIP_CORPUS} from '../support/corpus.js'

const NOW = new Date('2026-01-01T00:00:00Z')

interface Case {
  source: string
  name: string
  files: string[]
  /** every ingress-tls finding, as `RULE Kind/[ns/]name severity` */
  findings: string[]
}

const refOf = (f: Finding): string => [f.resource.kind, f.resource.namespace, f.resource.name].filter(Boolean).join('/')
const keyOf = (f: Finding): string => `${f.ruleId} ${refOf(f)} ${f.severity}`
const tlsFindings = (findings: readonly Finding[]): string[] => findings.filter((f) => f.category === 'ingress-tls').map(keyOf).sort()

async function scanCase(source: string, files: readonly string[]): Promise<Finding[]> {
  // cwd is the source folder: file names stay relative, and no .zt-audit.yaml is picked up
  const {report} = await scan({manifests: [...files], now: NOW}, {version: 'corpus', cwd: path.join(CORPUS!, source)})
  return report.findings
}

const one = (source: string, name: string, files: string[], findings: string[]): Case => ({source, name, files, findings})

// --- peers that check for a `tls:` block -------------------------------------------------------------

const KUBESCAPE = 'kubescape-regolibrary'
const POLARIS = 'fairwindsops-polaris'
const GATEKEEPER = 'gatekeeper-library'
const httpsonly = (sample: string): string => `library/general/httpsonly/samples/${sample}`

const tlsPresenceCases: Case[] = [
  one(KUBESCAPE, 'ingress-no-tls/failed_with_ingress', ['rules/ingress-no-tls/test/failed_with_ingress/input/ingress.yaml'], ['ZT-TLS-001 Ingress/default/my-ingress high']),
  // agreed: TLS covers the host. The Secret is not in the input, which is noted at low severity
  one(KUBESCAPE, 'ingress-no-tls/success_with_ingress', ['rules/ingress-no-tls/test/success_with_ingress/input/ingress.yaml'], ['ZT-TLS-012 Ingress/default/example-ingress-tls low']),
  one(POLARIS, 'tlsSettingsMissing/failure.yaml', ['test/checks/tlsSettingsMissing/failure.yaml'], ['ZT-TLS-001 Ingress/default/minimal-ingress high']),
  // disagreement: Polaris passes any Ingress with a tls block. Its rule has no host, so it answers every
  // host, and the TLS entry covers example.com only (a TLS entry without hosts would cover it): every other
  // host is served in clear
  one(POLARIS, 'tlsSettingsMissing/success.yaml', ['test/checks/tlsSettingsMissing/success.yaml'], ['ZT-TLS-001 Ingress/default/minimal-ingress high', 'ZT-TLS-012 Ingress/default/minimal-ingress low']),
  // GKE's kubernetes.io/ingress.allow-http: "false" removes the plain HTTP frontend
  one(GATEKEEPER, 'httpsonly:tls-required:example-allowed', [httpsonly('ingress-https-only/example_allowed.yaml')], []),
  one(GATEKEEPER, 'httpsonly:tls-required:example-disallowed', [httpsonly('ingress-https-only/example_disallowed.yaml')], ['ZT-TLS-001 Ingress/default/ingress-demo-disallowed high']),
  one(GATEKEEPER, 'httpsonly:tls-optional:example-allowed-tls-optional', [httpsonly('ingress-https-only-tls-optional/example_allowed.yaml')], []),
  one(GATEKEEPER, 'httpsonly:tls-optional:example-disallowed-tls-optional', [httpsonly('ingress-https-only-tls-optional/example_disallowed.yaml')], [
    'ZT-TLS-001 Ingress/default/ingress-demo-disallowed-tls-optional high',
  ]),
]

// --- istio analyzers ----------------------------------------------------------------------------------

const ISTIO = 'istio-istio'
const analyzer = (file: string): string => `pkg/config/analysis/analyzers/testdata/${file}`

const istioCases: Case[] = [
  // agreed on the three Istio flags (ReferencedResourceNotFound): the proxies of `istio: custom-gateway`
  // are not in the input (the Pod is labelled myapp, not istio), so the credential is looked for next to
  // the Gateway, in default, where it is not. Beyond Istio: the SIMPLE server without credentialName has
  // no certificate at all, and the one credential found is self-signed with no subjectAltName
  one(ISTIO, 'analyzer:gatewaySecret', [analyzer('gateway-secrets.yaml')], [
    'ZT-TLS-008 Secret/istio-system/httpbin-credential medium',
    'ZT-TLS-010 Secret/istio-system/httpbin-credential medium',
    'ZT-TLS-012 Gateway/default/bogusgateway low',
    'ZT-TLS-012 Gateway/default/customgateway-wrongnamespace low',
    'ZT-TLS-012 Gateway/default/defaultgateway-bogusCredentialName low',
    'ZT-TLS-012 Gateway/default/defaultgateway-nocredential medium',
  ]),
  // agreed on all four InvalidGatewayCredential: wrong keys, missing keys and a non-PEM cert cannot be
  // parsed; the expired certificate is also self-signed and names no host
  one(ISTIO, 'analyzer:gatewaySecretValidations', [analyzer('gateway-secrets-validation.yaml')], [
    'ZT-TLS-006 Secret/istio-system/expired-secret high',
    'ZT-TLS-008 Secret/istio-system/expired-secret medium',
    'ZT-TLS-010 Secret/istio-system/expired-secret medium',
    'ZT-TLS-011 Secret/istio-system/invalid-cert low',
    'ZT-TLS-011 Secret/istio-system/invalid-key low',
    'ZT-TLS-011 Secret/istio-system/missing-key low',
  ]),
  // the port analyzer passes these; zt-audit judges the transport: port 80 only, every host in clear (medium
  // behind the custom gateway's ClusterIP Service)
  one(ISTIO, 'analyzer:gatewayCorrectPort', [analyzer('gateway-correct-port.yaml')], ['ZT-TLS-001 Gateway/default/httpbin-gateway high']),
  one(ISTIO, 'analyzer:gatewayCustomIngressGateway', [analyzer('gateway-custom-ingressgateway.yaml')], ['ZT-TLS-001 Gateway/default/httpbin-gateway medium']),
  // two plain servers, one finding each
  one(ISTIO, 'analyzer:gatewayBadPort', [analyzer('gateway-no-port.yaml')], ['ZT-TLS-001 Gateway/default/httpbin-gateway high', 'ZT-TLS-001 Gateway/default/httpbin-gateway high']),
]

// --- trivy, checkov: ingress-nginx annotation injection, not TLS ---------------------------------------

const TRIVY = 'aquasecurity-trivy-checks'
const CHECKOV = 'bridgecrewio-checkov'
const trivyCases: Case[] = ['good-0', 'good-1', 'good-2', 'good-3', 'bad-0', 'bad-1', 'bad-2', 'bad-3', 'bad-4', 'bad-5', 'bad-6', 'bad-7'].map((n) =>
  // KCV-0093 is about annotation injection (IngressNightmare); these Ingresses route nothing, so no host is exposed
  one(TRIVY, `KCV-0093:insecure_ingress_nginx:${n}`, [`_split/checks/kubernetes/insecure_ingress_nginx/${n}.yaml`], []),
)
const cve = (file: string): string => `tests/kubernetes/checks/example_NginxIngressCVE202125742/${file}`
const checkovCases: Case[] = [
  // CKV_K8S_152–154 judge snippet annotations; every one of these Ingresses also serves every host in clear
  one(CHECKOV, 'NginxIngressCVE202125742:annotation1-FAILED', [cve('annotation1-FAILED.yaml')], ['ZT-TLS-001 Ingress/default/app-ingress high']),
  one(CHECKOV, 'NginxIngressCVE202125742:annotation2', [cve('annotation2-nollua-PASSESONEFAILSONE.yaml')], ['ZT-TLS-001 Ingress/default/app-ingress high']),
  one(CHECKOV, 'NginxIngressCVE202125742:annotation3-alias', [cve('annotation3-alias.yaml')], ['ZT-TLS-001 Ingress/developer/example-ingress high']),
  one(CHECKOV, 'NginxIngressCVE202125742:noannotations-PASSED', [cve('noannotations-PASSED.yaml')], ['ZT-TLS-001 Ingress/default/app-ingress high']),
]

// --- ingress-nginx: installs at every tag (defaults pass), documentation examples -----------------------

const NGINX = 'kubernetes-ingress-nginx'
const providers = ['aws', 'baremetal', 'cloud', 'do', 'exoscale', 'kind', 'oracle', 'scw']
const nginxInstallCases = (): Case[] => [
  ...providers.map((p) => one(NGINX, `deploy/${p}`, [`deploy/static/provider/${p}`], [])),
  ...readdirSync(path.join(CORPUS!, NGINX, '_versions')).map((tag) => one(NGINX, `_versions/${tag}`, [`_versions/${tag}`], [])),
]
const nginxExampleCases: Case[] = [
  one(NGINX, 'docs/examples', ['docs/examples'], [
    'ZT-TLS-001 Ingress/default/cookie-samesite-none high',
    'ZT-TLS-001 Ingress/default/cookie-samesite-strict high',
    'ZT-TLS-001 Ingress/default/external-auth high',
    'ZT-TLS-001 Ingress/default/nginx-configuration-snippet high',
    'ZT-TLS-001 Ingress/default/nginx-test high',
    'ZT-TLS-001 Ingress/default/nginxhello-ingress high',
    'ZT-TLS-001 Ingress/default/public-demo-echo-service high',
    'ZT-TLS-001 Ingress/default/secure-demo-echo-service high',
    'ZT-TLS-001 Ingress/default/simple high',
    'ZT-TLS-001 Ingress/default/simple high',
    'ZT-TLS-001 Ingress/docker-registry/docker-registry high',
    'ZT-TLS-001 Ingress/privileged/simple high',
    'ZT-TLS-012 Ingress/default/foo-tls low',
    'ZT-TLS-012 Ingress/default/foo-tls low',
    'ZT-TLS-012 Ingress/default/ingress-nginx low',
    'ZT-TLS-012 Ingress/default/nginx-test low',
    'ZT-TLS-012 Ingress/default/nginx-test low',
    'ZT-TLS-012 Ingress/docker-registry/docker-registry low',
  ]),
]

// --- Gateway API examples and conformance inputs -------------------------------------------------------

const GATEWAY_API = 'kubernetes-sigs-gateway-api'
const std = (file: string): string => `examples/standard/${file}`
const gatewayApiCases: Case[] = [
  // the HTTP listener's only route redirects to https: no plaintext finding
  one(GATEWAY_API, 'simple-http-https', [std('simple-http-https')], ['ZT-TLS-012 Gateway/default/example-gateway low', 'ZT-TLS-013 Gateway/default/example-gateway info']),
  one(GATEWAY_API, 'http-redirect (http → https, https → backend)', [std('http-redirect-rewrite/gateway-redirect-http-https.yaml'), std('http-redirect-rewrite/httproute-redirect-http.yaml'), std('http-redirect-rewrite/httproute-redirect-https.yaml')], [
    'ZT-TLS-012 Gateway/default/redirect-gateway low',
  ]),
  one(GATEWAY_API, 'basic-http', [std('basic-http.yaml')], ['ZT-TLS-001 Gateway/default/my-gateway high']),
  one(GATEWAY_API, 'tls-basic', [std('tls-basic.yaml')], ['ZT-TLS-012 Gateway/default/tls-basic low', 'ZT-TLS-012 Gateway/default/tls-basic low']),
  one(GATEWAY_API, 'tls-routing (Passthrough)', [std('tls-routing')], ['ZT-TLS-012 Gateway/default/example-gateway low', 'ZT-TLS-014 Gateway/default/example-gateway info']),
  one(GATEWAY_API, 'wildcard-tls-gateway', [std('wildcard-tls-gateway.yaml')], [
    'ZT-TLS-012 Gateway/default/wildcard-tls-gateway low',
    'ZT-TLS-012 Gateway/default/wildcard-tls-gateway low',
    'ZT-TLS-013 Gateway/default/wildcard-tls-gateway info',
  ]),
  // GatewayInvalidTLSConfiguration: nonexistent Secret, unsupported group, unsupported kind, malformed PEM
  one(GATEWAY_API, 'conformance:gateway-invalid-tls-configuration', ['conformance/tests/gateway-invalid-tls-configuration.yaml', 'conformance/base/manifests.yaml'], [
    'ZT-TLS-001 Gateway/gateway-conformance-infra/all-namespaces high',
    'ZT-TLS-001 Gateway/gateway-conformance-infra/backend-namespaces high',
    'ZT-TLS-001 Gateway/gateway-conformance-infra/same-namespace high',
    'ZT-TLS-011 Secret/gateway-conformance-infra/malformed-certificate low',
    'ZT-TLS-012 Gateway/gateway-conformance-infra/gateway-certificate-nonexistent-secret low',
    'ZT-TLS-012 Gateway/gateway-conformance-infra/gateway-certificate-unsupported-group medium',
    'ZT-TLS-012 Gateway/gateway-conformance-infra/gateway-certificate-unsupported-kind medium',
    'ZT-TLS-012 Gateway/gateway-conformance-infra/same-namespace-with-https-listener low',
    'ZT-TLS-012 Gateway/gateway-conformance-infra/same-namespace-with-https-listener low',
    'ZT-TLS-012 Gateway/gateway-conformance-infra/same-namespace-with-https-listener low',
    'ZT-TLS-012 Gateway/gateway-conformance-infra/same-namespace-with-https-listener low',
    'ZT-TLS-013 Gateway/gateway-conformance-infra/same-namespace-with-https-listener info',
  ]),
]

// --- real apps: GCP microservices demo, Bank of Anthos ----------------------------------------------------

const DEMO = 'gcp-microservices-demo'
const BANK = 'gcp-bank-of-anthos'
const appCases: Case[] = [
  one(DEMO, 'observed:istio-manifests', ['istio-manifests'], ['ZT-TLS-001 Gateway/default/frontend-gateway high']),
  one(DEMO, 'observed:kustomize service-mesh-istio (Gateway API)', ['kustomize/components/service-mesh-istio'], ['ZT-TLS-001 Gateway/default/istio-gateway high']),
  one(DEMO, 'observed:release/istio-manifests.yaml', ['release/istio-manifests.yaml'], ['ZT-TLS-001 Gateway/default/istio-gateway high']),
  one(DEMO, 'observed:_rendered/base.yaml', ['_rendered/base.yaml'], []),
  one(BANK, 'observed:extras/istio', ['extras/istio'], ['ZT-TLS-001 Gateway/default/frontend-gateway high']),
  // agreed (pass): TLS for every host and a FrontendConfig redirect; the Secret is created outside the manifests
  one(BANK, 'observed:extras/tls-ip-selfsigned', ['extras/tls-ip-selfsigned'], ['ZT-TLS-012 Ingress/default/frontend-ingress low']),
  // disagreement with the corpus's own observation (ingress_without_tls): GKE serves the ManagedCertificate
  // named by networking.gke.io/managed-certificates and the FrontendConfig redirects HTTP
  one(BANK, 'observed:_rendered', ['_rendered'], []),
  one(BANK, 'observed:extras/postgres-hpa', ['extras/postgres-hpa/kubernetes-manifests'], ['ZT-TLS-001 Ingress/default/frontend high']),
]

describe('corpus: ingress TLS rules', function () {
  before(function () {
    if (!CORPUS || !existsSync(CORPUS)) this.skip()
  })

  const groups: [string, () => Case[]][] = [
    ['TLS presence (kubescape, polaris, gatekeeper)', () => tlsPresenceCases],
    ['istio analyzers', () => istioCases],
    ['trivy and checkov ingress-nginx checks', () => [...trivyCases, ...checkovCases]],
    ['ingress-nginx installs and examples', () => [...nginxInstallCases(), ...nginxExampleCases]],
    ['Gateway API', () => gatewayApiCases],
    ['real apps', () => appCases],
  ]
  for (const [title, cases] of groups) {
    it(title, async function () {
      if (!CORPUS) return this.skip()
      for (const c of cases()) {
        const found = tlsFindings(await scanCase(c.source, c.files))
        expect(found, `${c.source}: ${c.name}`).to.deep.equal([...c.findings].sort())
      }
    })
  }

  describe('ingress-nginx documentation extracts', () => {
    let rules: Rule[]
    before(async () => {
      rules = (await loadBuiltinRules()).map((r) => r.rule).filter((r) => r.meta.category === 'ingress-tls')
    })
    const origin = {type: 'file' as const, file: '<extract>', document: 0, line: 1}
    const run = (objects: Record<string, unknown>[]): string[] =>
      tlsFindings(runRules(rules, new Inventory(objects.map((o) => toResource(o as unknown as KubeObject, origin))), {now: NOW, config: defaultConfig()}).findings)
    const extract = (file: string): Record<string, unknown> => {
      // the docs elide fields with `[..]`: drop those lines
      const text = readFileSync(path.join(CORPUS!, NGINX, '_extracted/docs/user-guide', file), 'utf8')
      return jsyaml.load(text.split('\n').filter((l) => !/^\s*\[\.\.\.?\]\s*$/.test(l)).join('\n')) as Record<string, unknown>
    }

    it('configmap.md: `ssl-protocols: SSLv2` in the controller ConfigMap', function () {
      if (!CORPUS) return this.skip()
      const {data} = extract('nginx-configuration/configmap/block-0.yaml')
      expect(run([{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'ingress-nginx-controller', namespace: 'ingress-nginx'}, data}])).to.deep.equal([
        'ZT-TLS-002 ConfigMap/ingress-nginx/ingress-nginx-controller high',
      ])
    })

    it('annotations.md: the ssl-ciphers annotation example (ALL plus RC4)', function () {
      if (!CORPUS) return this.skip()
      const annotations = extract('nginx-configuration/annotations/block-13.yaml')
      const ingress = {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {name: 'ciphers', namespace: 'default', annotations},
        spec: {ingressClassName: 'nginx', tls: [{hosts: ['a.example.com']}], rules: [{host: 'a.example.com'}]},
      }
      expect(run([ingress])).to.deep.equal(['ZT-TLS-004 Ingress/default/ciphers high'])
    })

    it('tls.md: the cert-manager Ingress (its Secret is issued in the cluster)', function () {
      if (!CORPUS) return this.skip()
      expect(run([extract('tls/block-0.yaml')])).to.deep.equal(['ZT-TLS-012 Ingress/default/ingress-demo low'])
    })
  })

  it('has the corpus it needs', function () {
    if (!CORPUS) {
      this.skip()
      return
    }
    expect(existsSync(path.join(CORPUS, NGINX)), SKIP_CORPUS).to.equal(true)
  })
})
