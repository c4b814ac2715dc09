// Regression of the mesh rules against the shared corpus (skipped when ZT_AUDIT_CORPUS is unset):
// - istio-istio: the PeerAuthentication → ztunnel conversion goldens are an oracle for per-port mTLS;
// - linkerd-linkerd2: inject goldens (meshed, skip and opaque ports, default inbound policy);
// - istio-1.0-release-fork: an Istio 1.0.9 release install with its MeshPolicy inside a ConfigMap;
// - kubernetes-ingress-nginx: rendered installs at 18 release tags, digest-pinned.
import {expect} from 'chai'
import {readFileSync, writeFileSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import jsyaml from 'js-yaml'

import {scan} from '../../src/actions/scan.js'
import {Inventory} from '../../src/inventory/index.js'
import type {AuditReport} from '../../src/model/report.js'
import {loadManifests} from '../../src/sources/manifests/index.js'
import {CORPUS} from '../support/corpus.js'

const NOW = new Date('2026-01-01T00:00:00Z')
const PORTS = [8080, 9090, 7070]

async function report(source: string, files: string[]): Promise<AuditReport> {
  return (await scan({manifests: files, now: NOW}, {version: 'corpus', cwd: path.join(CORPUS!, source)})).report
}

const keys = (r: AuditReport, prefix: RegExp): string[] => r.findings.filter((f) => prefix.test(f.ruleId)).map((f) => `${f.ruleId} ${[f.resource.kind, f.resource.namespace, f.resource.name].filter(Boolean).join('/')} ${f.severity}`).sort()

/** The ports a ztunnel DENY golden rejects plaintext on: rules ANDed, matches ORed, fields of a match ANDed. */
function strictPortsOf(golden: string): Set<number> | undefined {
  if (golden.trim() === '') return undefined
  const policy = jsyaml.load(golden) as {groups?: {rules?: {matches?: Record<string, unknown>[]}[]}[]}
  const deniedPlaintext = (port: number): boolean =>
    (policy.groups ?? []).some((g) =>
      (g.rules ?? []).every((r) =>
        (r.matches ?? []).some((m) => {
          const ports = m.destinationPorts as number[] | undefined
          const notPorts = m.notDestinationPorts as number[] | undefined
          if (ports && !ports.includes(port)) return false
          if (notPorts?.includes(port)) return false
          // a plaintext request has no principal: `notPrincipals: presence` matches it, `principals` do not
          return !m.principals
        }),
      ),
    )
  return new Set(PORTS.filter(deniedPlaintext))
}

describe('mesh rules against the corpus', function () {
  before(function () {
    if (!CORPUS) this.skip()
  })

  describe('istio-istio PeerAuthentication goldens (ztunnel conversion)', () => {
    const cases = CORPUS
      ? (JSON.parse(readFileSync(path.join(CORPUS, 'istio-istio', 'expected.json'), 'utf8')) as {case: string; files: string[]; peer_golden?: string}[]).filter((c) => c.case.startsWith('ambient-convert:peer-authn'))
      : []
    for (const c of cases) {
      it(c.case, async () => {
        const input = path.join(CORPUS!, 'istio-istio', c.files[0])
        const text = readFileSync(input, 'utf8')
        const namespace = /namespace: foo/.test(text) ? 'foo' : 'default'
        // the goldens are for a workload app=a; add one, with three ports, in an injected namespace
        const dir = mkdtempSync(path.join(tmpdir(), 'zt-pa-'))
        const extra = path.join(dir, 'workload.yaml')
        writeFileSync(extra, jsyaml.dump({apiVersion: 'v1', kind: 'Namespace', metadata: {name: namespace, labels: {'istio-injection': 'enabled'}}}) + '---\n' + jsyaml.dump({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'a', namespace}, spec: {template: {metadata: {labels: {app: 'a'}}, spec: {containers: [{name: 'a', image: 'a:1', ports: PORTS.map((p) => ({containerPort: p}))}]}}}}))
        const inventory = new Inventory((await loadManifests([input, extra])).resources)
        const w = inventory.workloads.find((x) => x.name === 'a')!
        const mtls = inventory.mesh.mtls(w)
        const ours = new Set(PORTS.filter((p) => (mtls.ports.get(p) ?? mtls.base).mode === 'STRICT'))
        const golden = strictPortsOf(c.peer_golden ?? '')
        if (golden) {
          // a workload policy is emitted: it states every port's verdict
          expect([...ours].sort(), 'ports requiring mTLS').to.deep.equal([...golden].sort())
        } else {
          // no workload policy: the mode is uniform across ports (mesh/namespace STRICT is a separate static policy)
          expect(new Set(PORTS.map((p) => (mtls.ports.get(p) ?? mtls.base).mode)).size, 'uniform mode').to.equal(1)
        }
      })
    }
  })

  describe('linkerd-linkerd2 inject goldens', () => {
    const T = 'cli/cmd/testdata'
    // each golden holds the same Deployment emojivoto/web, so each is scanned on its own
    const goldens: [string, string[]][] = [
      ['inject_emojivoto_deployment.golden.yml', ['ZT-MESH-010 Deployment/emojivoto/web medium']],
      ['inject_emojivoto_deployment_proxyignores.golden.yml', ['ZT-MESH-006 Deployment/emojivoto/web medium', 'ZT-MESH-006 Deployment/emojivoto/web medium', 'ZT-MESH-010 Deployment/emojivoto/web medium']],
      // opaque ports stay mTLS: low, and no plaintext bypass
      ['inject_emojivoto_deployment_opaque_ports.golden.yml', ['ZT-MESH-006 Deployment/emojivoto/web low', 'ZT-MESH-010 Deployment/emojivoto/web medium']],
      // injected with config.linkerd.io/default-inbound-policy: all-authenticated
      ['inject_emojivoto_deployment_default_inbound_policy.golden.yml', []],
    ]
    for (const [file, expected] of goldens) {
      it(`${file}: in the mesh, with its proxy settings`, async () => {
        const r = await report('linkerd-linkerd2', [`${T}/${file}`])
        expect(keys(r, /^ZT-MESH-(005|006|010)$/)).to.deep.equal(expected)
      })
    }

    it('reports the opt-out of the injectDisabled input', async () => {
      const r = await report('linkerd-linkerd2', [`${T}/inject_emojivoto_deployment_injectDisabled.input.yml`])
      // the input has no namespace annotation and no Linkerd control plane: with no mesh in the input, nothing to judge
      expect(keys(r, /^ZT-MESH-005$/)).to.deep.equal([])
    })
  })

  describe('istio-1.0-release-fork', () => {
    it('istio-demo.yaml: Istio 1.0.9 is end of life, and its embedded MeshPolicy is PERMISSIVE', async () => {
      const r = await report('istio-1.0-release-fork', ['install/kubernetes/istio-demo.yaml'])
      expect(keys(r, /^ZT-MESH-001$/)).to.deep.equal(['ZT-MESH-001 Namespace/istio-system medium'])
      const eol = keys(r, /^ZT-VER-001$/)
      expect(eol.some((k) => k.includes('istio-pilot')), eol.join('; ')).to.equal(true)
    })

    it('istio-demo-auth.yaml: STRICT mesh, only the version fails', async () => {
      const r = await report('istio-1.0-release-fork', ['install/kubernetes/istio-demo-auth.yaml'])
      expect(keys(r, /^ZT-MESH-00[14]$/)).to.deep.equal([])
      expect(keys(r, /^ZT-VER-001$/)).to.not.be.empty
    })
  })

  describe('kubernetes-ingress-nginx installs at 18 tags', () => {
    const cases = CORPUS ? (JSON.parse(readFileSync(path.join(CORPUS, 'kubernetes-ingress-nginx', 'expected.json'), 'utf8')) as {case: string; files: string[]; controller_version: string}[]) : []
    for (const c of cases) {
      it(`${c.case}: IngressNightmare verdict and the retirement notice`, async () => {
        const r = await report('kubernetes-ingress-nginx', c.files)
        const controller = r.findings.filter((f) => f.resource.name === 'ingress-nginx-controller')
        const [major, minor, patch] = c.controller_version.split('.').map(Number)
        const affected = major === 0 || minor < 11 || (minor === 11 && patch < 5) || (minor === 12 && patch < 1)
        expect(controller.some((f) => f.ruleId === 'ZT-VER-003' && f.evidence?.advisory === 'CVE-2025-1974'), 'CVE-2025-1974').to.equal(affected)
        // on 2026-01-01 the retirement (March 2026) is ahead: a notice
        expect(controller.filter((f) => f.ruleId === 'ZT-VER-004').map((f) => f.severity)).to.deep.equal(['medium'])
      })
    }
  })
})
