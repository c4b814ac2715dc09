import {expect} from 'chai'
import {unlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {Resource} from '../../src/model/resource.js'
import {loadManifests} from '../../src/sources/manifests/index.js'
import {sourceMapReadCount} from '../../src/sources/manifests/source-maps.js'
import {columnOf, FIXTURES, fixtureText, lineOf, named, scratchFolder} from './manifest-helpers.js'

const load = (paths: string[], options = {}) => loadManifests(paths, {cwd: FIXTURES, ...options})

// Where `needle` is written: its line (the nth line holding it) and column.
function at(text: string, file: string, needle: string, nth = 1): {file: string; line: number; column: number} {
  const line = lineOf(text, needle, nth)
  return {file, line, column: columnOf(text, line, needle)}
}

describe('manifest source: locating fields', () => {
  describe('in a multi-document YAML file', () => {
    const text = fixtureText('multi.yaml')
    let policy: Resource

    before(async () => {
      policy = named((await load(['multi.yaml'])).resources, 'NetworkPolicy', 'allow-web')
    })

    it('finds a nested key of the third document at its line and column', () => {
      expect(policy.locate(['metadata', 'labels', 'app'])).to.deep.equal(at(text, 'multi.yaml', 'app: web'))
      expect(policy.locate(['spec', 'egress', 0, 'to', 0, 'podSelector', 'matchLabels', 'app'])).to.deep.equal(
        at(text, 'multi.yaml', 'app: db'),
      )
    })

    it('finds a sequence item, and a key inside one', () => {
      const firstTo = lineOf(text, '- to:')
      expect(policy.locate(['spec', 'egress', 0, 'to'])).to.deep.equal({
        file: 'multi.yaml',
        line: firstTo,
        column: columnOf(text, firstTo, 'to:'),
        endLine: lineOf(text, 'app: db'),
      })
      const secondItem = lineOf(text, '- to:', 2)
      expect(policy.locate(['spec', 'egress', 1])).to.deep.equal({
        file: 'multi.yaml',
        line: secondItem,
        column: columnOf(text, secondItem, 'to:'),
        endLine: lineOf(text, 'cidr:'),
      })
      expect(policy.locate(['spec', 'egress', 0, 'ports', 0, 'port'])).to.deep.equal(at(text, 'multi.yaml', 'port: 5432'))
    })

    it('falls back to the nearest existing parent of a missing field', () => {
      expect(policy.locate(['spec', 'egress', 0, 'ports', 0, 'protocol'])).to.deep.equal(at(text, 'multi.yaml', 'port: 5432'))
      expect(policy.locate(['spec', 'egress', 7, 'to'])).to.include({line: lineOf(text, 'egress:'), column: 3})
      expect(policy.locate(['metadata', 'annotations'])).to.include({line: lineOf(text, 'name: allow-web') - 1, column: 1})
    })

    it("falls back to the object's first line for a path it does not have at all", () => {
      expect(policy.locate(['status', 'conditions', 0])).to.deep.equal({file: 'multi.yaml', line: lineOf(text, 'kind: NetworkPolicy') - 1})
      expect(policy.locate([])).to.deep.equal({file: 'multi.yaml', line: lineOf(text, 'kind: NetworkPolicy') - 1})
    })

    it('finds fields of an object written on its --- line', async () => {
      const role = named((await load(['multi.yaml'])).resources, 'ClusterRole', 'reader')
      expect(role.locate(['metadata', 'name'])).to.deep.equal(at(text, 'multi.yaml', 'name: reader'))
    })
  })

  describe('inside Lists', () => {
    it('finds a field deep inside an item of a YAML List', async () => {
      const text = fixtureText('list.yaml')
      const deployment = named((await load(['list.yaml'])).resources, 'Deployment', 'web')
      const path = ['spec', 'template', 'spec', 'containers', 1, 'ports', 0, 'containerPort']
      expect(deployment.locate(path)).to.deep.equal(at(text, 'list.yaml', 'containerPort: 15001'))
      expect(deployment.locate(['spec', 'template', 'spec', 'containers', 1, 'securityContext'])).to.deep.equal({
        ...at(text, 'list.yaml', 'image: envoy'),
        endLine: lineOf(text, 'name: outbound'),
      })
      expect(deployment.locate(['status'])).to.deep.equal({file: 'list.yaml', line: lineOf(text, '- apiVersion: apps/v1')})
    })

    it('finds a field inside an item of an indented YAML List', async () => {
      const text = fixtureText('list-indented.yaml')
      const binding = named((await load(['list-indented.yaml'])).resources, 'RoleBinding', 'builder')
      expect(binding.locate(['subjects', 0, 'namespace'])).to.deep.equal(at(text, 'list-indented.yaml', 'namespace: ci', 2))
      expect(binding.locate(['roleRef', 'name'])).to.deep.equal(at(text, 'list-indented.yaml', 'name: edit'))
    })

    it('finds a field deep inside an item of a JSON List', async () => {
      const text = fixtureText('list.json')
      const policy = named((await load(['list.json'])).resources, 'NetworkPolicy', 'deny-all')
      expect(policy.locate(['spec', 'policyTypes', 1])).to.deep.equal(at(text, 'list.json', '"Egress"'))
      expect(policy.locate(['metadata', 'namespace'])).to.deep.equal(at(text, 'list.json', '"namespace": "billing"'))
      expect(policy.locate(['spec', 'podSelector', 'matchLabels'])).to.deep.equal(at(text, 'list.json', '"podSelector"'))
      expect(policy.locate(['spec', 'ingress'])).to.include({line: lineOf(text, '"spec"'), column: columnOf(text, lineOf(text, '"spec"'), '"spec"')})
      expect(policy.locate(['status'])).to.deep.equal({file: 'list.json', line: lineOf(text, '"kind": "NetworkPolicy"') - 2})
    })

    it('finds a field of an item that shares its line with others, by column', async () => {
      const text = fixtureText('array.json')
      const secret = named((await load(['array.json'])).resources, 'Secret', 'b')
      expect(secret.locate(['data', 'k'])).to.deep.equal({file: 'array.json', line: 1, column: text.indexOf('"k"') + 1})
      const podList = fixtureText('podlist.json')
      const worker = named((await load(['podlist.json'])).resources, 'Pod', 'worker-1')
      expect(worker.locate(['spec', 'containers', 0, 'ports', 0, 'containerPort'])).to.deep.equal(at(podList, 'podlist.json', '"containerPort"'))
    })

    it('finds a field of an item of a List read whole', async () => {
      const scratch = scratchFolder()
      try {
        const text = 'kind: List\nitems: [\n  {apiVersion: v1, kind: ConfigMap, metadata: {name: a}},\n  {apiVersion: v1, kind: ConfigMap, metadata: {name: b}, data: {x: "1"}}\n]\n'
        writeFileSync(path.join(scratch.path, 'flow.yaml'), text)
        const b = named((await loadManifests(['flow.yaml'], {cwd: scratch.path})).resources, 'ConfigMap', 'b')
        expect(b.locate(['data', 'x'])).to.deep.equal({file: 'flow.yaml', line: 4, column: text.split('\n')[3].indexOf('x:') + 1})
      } finally {
        scratch.remove()
      }
    })
  })

  describe('laziness and robustness', () => {
    it('reads nothing back for source maps while loading, and each located object once', async () => {
      const scratch = scratchFolder()
      try {
        const count = 20_000
        const documents: string[] = []
        for (let i = 0; i < count; i++) {
          documents.push(
            `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\n  namespace: ns-${i % 50}\n  labels:\n    app: web-${i}\n` +
              `spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: web:${i}\n        ports:\n        - containerPort: 8080\n`,
          )
        }
        writeFileSync(path.join(scratch.path, 'many.yaml'), documents.map((d) => `---\n${d}`).join(''))
        const before = sourceMapReadCount()
        const {resources, errors} = await loadManifests(['many.yaml'], {cwd: scratch.path})
        expect(errors).to.deep.equal([])
        expect(resources).to.have.length(count)
        expect(sourceMapReadCount() - before, 'reads while loading').to.equal(0)

        const target = resources[12_345]
        const first = (target.origin as {line: number}).line
        expect(target.locate(['metadata', 'name'])).to.deep.equal({file: 'many.yaml', line: first + 3, column: 3})
        expect(target.locate(['metadata', 'labels', 'app'])).to.deep.equal({file: 'many.yaml', line: first + 6, column: 5})
        expect(target.locate(['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'])).to.deep.equal({
          file: 'many.yaml',
          line: first + 14,
          column: 11,
        })
        expect(sourceMapReadCount() - before, 'one read for three fields of one object').to.equal(1)
        resources[7].locate(['metadata', 'name'])
        expect(sourceMapReadCount() - before, 'one more for another object').to.equal(2)
      } finally {
        scratch.remove()
      }
    })

    it("never throws: a file gone since loading gives the object's first line", async () => {
      const scratch = scratchFolder()
      try {
        writeFileSync(path.join(scratch.path, 'gone.yaml'), fixtureText('multi.yaml'))
        const {resources} = await loadManifests(['gone.yaml'], {cwd: scratch.path})
        unlinkSync(path.join(scratch.path, 'gone.yaml'))
        const policy = named(resources, 'NetworkPolicy', 'allow-web')
        expect(policy.locate(['spec', 'egress', 0])).to.deep.equal({file: 'gone.yaml', line: (policy.origin as {line: number}).line})
      } finally {
        scratch.remove()
      }
    })

    it('locates objects read from standard input in the input kept in memory', async () => {
      const text = fixtureText('multi.yaml')
      const {resources} = await load(['-'], {readStdin: () => Promise.resolve(Buffer.from(text))})
      const policy = named(resources, 'NetworkPolicy', 'allow-web')
      expect(policy.locate(['metadata', 'labels', 'app'])).to.deep.equal(at(text, '<stdin>', 'app: web'))
    })

    it('matches keys the way they were read (YAML 1.1)', async () => {
      const text = fixtureText('yaml11.yaml')
      const deployment = named((await load(['yaml11.yaml'])).resources, 'Deployment', 'legacy')
      expect(deployment.locate(['metadata', 'annotations', 'sidecar.istio.io/inject'])).to.deep.equal(
        at(text, 'yaml11.yaml', 'sidecar.istio.io/inject'),
      )
    })
  })
})
