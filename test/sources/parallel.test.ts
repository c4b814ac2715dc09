// Parsing on other cores must give exactly what parsing here gives: the same objects in the same order,
// the same errors and skipped documents, the same origins and locations.
import {expect} from 'chai'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {loadManifests} from '../../src/sources/manifests/index.js'

function mixedDump(): string {
  const docs: string[] = []
  for (let i = 0; i < 1500; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ns-${i % 7}
  annotations:
    sidecar.istio.io/inject: ${i % 2 ? 'no' : '"no"'}
    kubectl.kubernetes.io/last-applied-configuration: '{"big": "${'x'.repeat(200)}"}'
spec:
  template:
    metadata:
      labels: {app: app-${i}, tier: ${i % 3 ? 'web' : 'db'}}
    spec:
      containers:
        - name: c
          image: registry.example.com/team/app-${i}:1.${i}.0
          ports: [{containerPort: 0${(i % 7) + 1}0, name: http}]
          env: [{name: RATIO, value: .nan}]
status:
  replicas: 2`)
    if (i === 100) docs.push('kind: [broken')
    if (i === 200) docs.push('replicaCount: 3')
    if (i === 300) docs.push(`apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: in-list, namespace: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: in-list-2, namespace: a}\n`)
    if (i === 400) docs.push('apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: a}\n')
  }
  return docs.map((d) => `---\n${d}\n`).join('')
}

describe('manifest source: parsing on other cores', () => {
  let dir: string
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'zt-parallel-'))
    writeFileSync(path.join(dir, 'dump.yaml'), mixedDump())
  })
  after(() => rmSync(dir, {recursive: true, force: true}))

  it('gives the same objects, order, errors, skipped documents and locations as parsing here', async () => {
    const here = await loadManifests(['dump.yaml'], {cwd: dir, parallel: false})
    const there = await loadManifests(['dump.yaml'], {cwd: dir, parallel: true})
    expect(there.resources.length).to.equal(here.resources.length).and.to.be.greaterThan(1500)
    expect(there.resources.map((r) => [r.ref, r.origin, r.object])).to.deep.equal(here.resources.map((r) => [r.ref, r.origin, r.object]))
    expect(there.errors).to.deep.equal(here.errors)
    expect(there.errors.length).to.equal(2)
    expect(there.skippedDocuments).to.deep.equal(here.skippedDocuments)
    for (const i of [0, 777, there.resources.length - 1]) {
      expect(there.resources[i].locate(['spec', 'template', 'spec', 'containers', 0, 'image'])).to.deep.equal(here.resources[i].locate(['spec', 'template', 'spec', 'containers', 0, 'image']))
    }
  })
})
