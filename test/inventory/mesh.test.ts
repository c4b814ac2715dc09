// The mesh view's semantics, one concern per block: Istio's peer-authentication precedence, membership,
// version reading and comparison, ServiceEntry host reach, and the version data's loading and age.
import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import jsyaml from 'js-yaml'

import {Inventory} from '../../src/inventory/index.js'
import {hostReach, lineStatus, loadVersionData, matchingAdvisories, parseVersion, splitImage, versionDataAge} from '../../src/inventory/mesh/index.js'
import {loadManifests} from '../../src/sources/manifests/index.js'

const scratch = mkdtempSync(path.join(tmpdir(), 'zt-mesh-'))
let written = 0

async function inventoryOf(yaml: string): Promise<Inventory> {
  const file = path.join(scratch, `input-${written++}.yaml`)
  writeFileSync(file, yaml)
  return new Inventory((await loadManifests([file])).resources)
}

const pa = (name: string, namespace: string, spec: Record<string, unknown>): string => jsyaml.dump({apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: {name, namespace}, spec})
const workload = (namespace: string, app: string): string =>
  jsyaml.dump({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: app, namespace}, spec: {template: {metadata: {labels: {app}}, spec: {containers: [{name: 'app', image: 'app:1', ports: [{containerPort: 8080}, {containerPort: 9090}]}]}}}})
const injected = (namespace: string): string => jsyaml.dump({apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace, labels: {'istio-injection': 'enabled'}}})

describe('mesh view', () => {
  describe('Istio peer authentication precedence', () => {
    const cases: {name: string; policies: string[]; base: string; scope: string; ports?: Record<number, string>}[] = [
      {name: 'nothing set: Istio default PERMISSIVE', policies: [], base: 'PERMISSIVE', scope: 'default'},
      {name: 'mesh STRICT', policies: [pa('default', 'istio-system', {mtls: {mode: 'STRICT'}})], base: 'STRICT', scope: 'mesh'},
      {name: 'namespace PERMISSIVE overrides mesh STRICT', policies: [pa('default', 'istio-system', {mtls: {mode: 'STRICT'}}), pa('default', 'foo', {mtls: {mode: 'PERMISSIVE'}})], base: 'PERMISSIVE', scope: 'namespace'},
      {name: 'namespace UNSET inherits mesh', policies: [pa('default', 'istio-system', {mtls: {mode: 'STRICT'}}), pa('default', 'foo', {mtls: {mode: 'UNSET'}})], base: 'STRICT', scope: 'mesh'},
      {
        name: 'workload UNSET with ports inherits namespace, ports override',
        policies: [pa('default', 'foo', {mtls: {mode: 'STRICT'}}), pa('w', 'foo', {selector: {matchLabels: {app: 'a'}}, portLevelMtls: {9090: {mode: 'DISABLE'}, 8080: {mode: 'UNSET'}}})],
        base: 'STRICT',
        scope: 'namespace',
        ports: {9090: 'DISABLE', 8080: 'STRICT'},
      },
      {name: 'selector in the root namespace is ignored', policies: [pa('w', 'istio-system', {selector: {matchLabels: {app: 'a'}}, mtls: {mode: 'DISABLE'}})], base: 'PERMISSIVE', scope: 'default'},
      {name: 'portLevelMtls without selector is ignored', policies: [pa('default', 'foo', {mtls: {mode: 'STRICT'}, portLevelMtls: {9090: {mode: 'DISABLE'}}})], base: 'STRICT', scope: 'namespace', ports: {}},
      {name: 'empty matchLabels reads as namespace-wide', policies: [pa('w', 'foo', {selector: {matchLabels: {}}, mtls: {mode: 'DISABLE'}})], base: 'DISABLE', scope: 'namespace'},
    ]
    for (const c of cases) {
      it(c.name, async () => {
        const inventory = await inventoryOf([injected('foo'), workload('foo', 'a'), ...c.policies].join('---\n'))
        const w = inventory.workloads.find((x) => x.name === 'a')!
        const mtls = inventory.mesh.mtls(w)
        expect(mtls.base.mode).to.equal(c.base)
        expect(mtls.base.scope).to.equal(c.scope)
        if (c.ports) expect(Object.fromEntries([...mtls.ports].map(([p, m]) => [p, m.mode]))).to.deep.equal(c.ports)
      })
    }

    it('the oldest of two policies at one level wins', async () => {
      const older = jsyaml.dump({apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: {name: 'z-old', namespace: 'foo', creationTimestamp: '2020-01-01T00:00:00Z'}, spec: {mtls: {mode: 'STRICT'}}})
      const newer = jsyaml.dump({apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: {name: 'a-new', namespace: 'foo', creationTimestamp: '2024-01-01T00:00:00Z'}, spec: {mtls: {mode: 'DISABLE'}}})
      const inventory = await inventoryOf([injected('foo'), workload('foo', 'a'), newer, older].join('---\n'))
      expect(inventory.mesh.mtls(inventory.workloads[0]).base.mode).to.equal('STRICT')
    })

    it('honours a rule option root namespace', async () => {
      const inventory = await inventoryOf([injected('foo'), workload('foo', 'a'), pa('default', 'mesh-root', {mtls: {mode: 'STRICT'}})].join('---\n'))
      const w = inventory.workloads[0]
      expect(inventory.mesh.mtls(w).base.scope).to.equal('default')
      expect(inventory.mesh.mtls(w, inventory.mesh.rootNamespace('mesh-root')).base.scope).to.equal('mesh')
    })
  })

  describe('membership', () => {
    it('istio-injection wins over istio.io/rev; the pod label wins over the annotation', async () => {
      const ns = jsyaml.dump({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'busted', labels: {'istio-injection': 'disabled', 'istio.io/rev': 'canary'}}})
      const optOut = jsyaml.dump({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'b', namespace: 'foo'}, spec: {template: {metadata: {labels: {'sidecar.istio.io/inject': 'false'}, annotations: {'sidecar.istio.io/inject': 'true'}}, spec: {containers: [{name: 'b', image: 'b:1'}]}}}})
      const inventory = await inventoryOf([ns, injected('foo'), workload('busted', 'a'), optOut].join('---\n'))
      const [a, b] = ['a', 'b'].map((n) => inventory.mesh.membership(inventory.workloads.find((w) => w.name === n)!))
      expect(a).to.include({mode: 'none', decidedBy: 'namespace'})
      expect(b).to.include({mode: 'none', decidedBy: 'workload'})
    })

    it('running pods decide over the template', async () => {
      const pod = jsyaml.dump({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'a-1', namespace: 'bar', ownerReferences: [{kind: 'Deployment', name: 'a', controller: true}]}, spec: {containers: [{name: 'app', image: 'app:1'}, {name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.30.3'}]}})
      const inventory = await inventoryOf([workload('bar', 'a'), pod].join('---\n'))
      expect(inventory.mesh.membership(inventory.workloads[0])).to.include({mode: 'sidecar', mesh: 'istio', evidence: 'pod'})
    })
  })

  describe('versions', () => {
    it('reads tags with registries, digests, prefixes and variants', () => {
      expect(splitImage('registry.example:5000/istio/pilot:1.22.3-distroless@sha256:abc')).to.deep.equal({repository: 'registry.example:5000/istio/pilot', tag: '1.22.3-distroless', digest: 'sha256:abc'})
      expect(parseVersion('1.22.3-distroless')?.semver).to.equal('1.22.3')
      expect(parseVersion('v1.9.4')?.semver).to.equal('1.9.4')
      expect(parseVersion('distroless-v1.31.2')?.semver).to.equal('1.31.2')
      expect(parseVersion('1.3.0-rc.2')?.semver).to.equal('1.3.0-rc.2')
      expect(parseVersion('edge-24.8.2')).to.deep.include({channel: 'edge', semver: '24.8.2'})
      expect(parseVersion('stable-2.14.10')).to.deep.include({channel: 'release', semver: '2.14.10'})
      expect(parseVersion('enterprise-2.16.2')).to.deep.include({channel: 'enterprise'})
      for (const unknown of ['latest', 'install-proxy-version', 'test-inject-proxy-version', '']) expect(parseVersion(unknown), unknown).to.equal(undefined)
    })

    it('places Linkerd edges on their major and judges lines on the scan clock', () => {
      const data = loadVersionData()
      const linkerd = data.products.get('linkerd')!
      expect(lineStatus(linkerd, parseVersion('edge-24.8.2')!, new Date('2026-06-01'))).to.include({name: '2.16', endOfLife: true})
      expect(lineStatus(linkerd, parseVersion('edge-26.6.3')!, new Date('2026-06-01'))).to.include({name: '2.20', endOfLife: false})
      const istio = data.products.get('istio')!
      expect(lineStatus(istio, parseVersion('1.29.0')!, new Date('2026-08-30'))?.endOfLife).to.equal(false)
      expect(lineStatus(istio, parseVersion('1.29.0')!, new Date('2026-08-31'))?.endOfLife).to.equal(true)
      expect(lineStatus(istio, parseVersion('1.0.9')!, new Date('2026-01-01'))).to.include({endOfLife: true, olderThanData: true})
      expect(lineStatus(istio, parseVersion('1.40.0')!, new Date('2026-01-01'))?.endOfLife).to.equal(false)
    })

    it('matches advisories by semver range, edges by their own range', () => {
      const data = loadVersionData()
      const ids = (product: string, version: string): string[] => matchingAdvisories(data.products.get(product)!, parseVersion(version)!).map((a) => a.id)
      expect(ids('ingress-nginx', 'v1.11.4')).to.include('CVE-2025-1974')
      expect(ids('ingress-nginx', 'v1.11.5')).to.not.include('CVE-2025-1974')
      expect(ids('ingress-nginx', 'v1.12.0')).to.include('CVE-2025-1974')
      expect(ids('linkerd', 'edge-25.1.2')).to.include('CVE-2025-43915')
      expect(ids('linkerd', 'edge-25.2.1')).to.not.include('CVE-2025-43915')
      expect(ids('istio', '1.30.4')).to.deep.equal([])
    })
  })

  describe('ServiceEntry host reach', () => {
    it('tells every host and public suffixes from one organisation', () => {
      expect(['*', '*.com', '*.io', '*.co.uk', '*.googleapis.com', 'api.stripe.com'].map(hostReach)).to.deep.equal(['any', 'public-suffix', 'public-suffix', 'public-suffix', 'domain', 'exact'])
    })
  })

  describe('version data', () => {
    it('ships data that is dated and sourced', () => {
      const data = loadVersionData()
      expect(data.asOf).to.match(/^\d{4}-\d{2}-\d{2}$/)
      for (const product of data.products.values()) {
        for (const line of product.lines) expect(line.source, `${product.key} ${line.line}`).to.match(/^https:\/\//)
        for (const advisory of product.advisories) expect(advisory.source, advisory.id).to.match(/^https:\/\//)
      }
    })

    it('loads another file and says when data is stale', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'zt-versions-'))
      const file = path.join(dir, 'v.yaml')
      writeFileSync(file, 'asOf: "2025-01-01"\nproducts:\n  istio:\n    lines:\n      - {line: "1.20", eol: "2024-06-25", source: "https://example.test"}\n')
      const data = loadVersionData(file)
      expect(data.products.get('istio')!.lines).to.have.length(1)
      expect(versionDataAge(data, new Date('2025-03-01')).stale).to.equal(false)
      expect(versionDataAge(data, new Date('2025-08-01'))).to.include({stale: true, asOf: '2025-01-01'})
      const bad = path.join(dir, 'bad.yaml')
      writeFileSync(bad, 'asOf: 2025\n')
      expect(() => loadVersionData(bad)).to.throw(/asOf/)
    })
  })
})
