import {expect} from 'chai'
import {execFileSync} from 'node:child_process'
import {createWriteStream, mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {UserError} from '../../src/errors.js'
import {loadManifests} from '../../src/sources/manifests/index.js'
import {FIXTURES, fixtureText, lineOf, named, scratchFolder} from './manifest-helpers.js'

const load = (paths: string[], options = {}) => loadManifests(paths, {cwd: FIXTURES, ...options})

describe('manifest source: reading documents', () => {
  describe('multi-document YAML', () => {
    const text = fixtureText('multi.yaml')

    it('reads every object, whatever the document markers look like', async () => {
      const result = await load(['multi.yaml'])
      expect(result.errors).to.deep.equal([])
      expect(result.resources.map((r) => `${r.ref.kind}/${r.ref.name}`)).to.deep.equal([
        'Namespace/shop',
        'ConfigMap/settings',
        'NetworkPolicy/allow-web',
        'ClusterRole/reader',
      ])
    })

    it('records the file, document index and first line of each object', async () => {
      const {resources} = await load(['multi.yaml'])
      const origins = resources.map((r) => r.origin)
      expect(origins).to.deep.equal([
        {type: 'file', file: 'multi.yaml', document: 0, line: lineOf(text, 'kind: Namespace') - 1},
        // the empty document between them still counts as a document
        {type: 'file', file: 'multi.yaml', document: 2, line: lineOf(text, 'kind: ConfigMap') - 1},
        {type: 'file', file: 'multi.yaml', document: 3, line: lineOf(text, 'kind: NetworkPolicy') - 1},
        // `--- {...}`: the object starts on the marker line
        {type: 'file', file: 'multi.yaml', document: 4, line: lineOf(text, 'kind: ClusterRole')},
      ])
    })

    it('lists documents that are not Kubernetes objects as skipped', async () => {
      const result = await load(['multi.yaml'])
      expect(result.skippedDocuments).to.deep.equal([
        {file: 'multi.yaml', line: lineOf(text, 'replicaCount'), reason: 'no apiVersion and kind'},
      ])
    })

    it('reads namespaced objects without a namespace as in default, and cluster-scoped ones without one', async () => {
      const {resources} = await load(['multi.yaml'])
      expect(named(resources, 'ConfigMap', 'settings').ref.namespace).to.equal('default')
      expect(named(resources, 'NetworkPolicy', 'allow-web').ref.namespace).to.equal('shop')
      expect(named(resources, 'ClusterRole', 'reader').ref).to.not.have.property('namespace')
      expect(named(resources, 'Namespace', 'shop').ref).to.not.have.property('namespace')
    })

    it('drops managedFields and the last-applied annotation, and keeps the other annotations', async () => {
      const {resources} = await load(['multi.yaml'])
      const metadata = named(resources, 'ConfigMap', 'settings').object.metadata
      expect(metadata).to.not.have.property('managedFields')
      expect(metadata.annotations).to.deep.equal({owner: 'team-a'})
    })

    it('reads helm template output, # Source comments and empty templates included', async () => {
      const helm = fixtureText('helm-template.yaml')
      const result = await load(['helm-template.yaml'])
      expect(result.errors).to.deep.equal([])
      expect(result.skippedDocuments).to.deep.equal([])
      expect(result.resources.map((r) => [r.ref.kind, r.origin.type === 'file' && r.origin.line])).to.deep.equal([
        ['ServiceAccount', lineOf(helm, 'kind: ServiceAccount') - 1],
        ['Service', lineOf(helm, 'kind: Service', 2) - 1],
        ['Deployment', lineOf(helm, 'kind: Deployment') - 1],
      ])
    })
  })

  describe('JSON', () => {
    it('reads a single object', async () => {
      const result = await load(['object.json'])
      expect(result.resources).to.have.length(1)
      expect(result.resources[0].ref).to.deep.equal({apiVersion: 'v1', kind: 'Service', name: 'payments', namespace: 'billing'})
      expect(result.resources[0].origin).to.deep.equal({type: 'file', file: 'object.json', document: 0, line: 1})
    })

    it('reads a kind: List item by item, braces inside strings notwithstanding', async () => {
      const text = fixtureText('list.json')
      const result = await load(['list.json'])
      expect(result.errors).to.deep.equal([])
      expect(result.resources.map((r) => r.origin)).to.deep.equal([
        {type: 'file', file: 'list.json', document: 0, item: 0, line: lineOf(text, '"kind": "Namespace"') - 2},
        {type: 'file', file: 'list.json', document: 0, item: 1, line: lineOf(text, '"kind": "NetworkPolicy"') - 2},
      ])
      const policy = named(result.resources, 'NetworkPolicy', 'deny-all')
      expect(policy.object.metadata.annotations).to.deep.equal({note: 'braces } and { inside a string'})
    })

    it('gives items of a typed List without kind and apiVersion those of the List', async () => {
      const result = await load(['podlist.json'])
      expect(result.resources.map((r) => r.ref)).to.deep.equal([
        {apiVersion: 'v1', kind: 'Pod', name: 'worker-0', namespace: 'jobs'},
        {apiVersion: 'v1', kind: 'Pod', name: 'worker-1', namespace: 'jobs'},
      ])
    })

    it('reads a top-level array of objects, even on one line', async () => {
      const result = await load(['array.json'])
      expect(result.resources.map((r) => [r.ref.kind, r.origin])).to.deep.equal([
        ['ConfigMap', {type: 'file', file: 'array.json', document: 0, item: 0, line: 1}],
        ['Secret', {type: 'file', file: 'array.json', document: 0, item: 1, line: 1}],
      ])
    })

    it('reads a minified List the same as an indented one', async () => {
      const scratch = scratchFolder()
      try {
        const list = JSON.parse(fixtureText('list.json')) as unknown
        writeFileSync(path.join(scratch.path, 'min.json'), JSON.stringify(list))
        const result = await loadManifests(['min.json'], {cwd: scratch.path})
        expect(result.errors).to.deep.equal([])
        expect(result.resources.map((r) => `${r.ref.kind}/${r.ref.name}`)).to.deep.equal(['Namespace/billing', 'NetworkPolicy/deny-all'])
        expect(result.resources.map((r) => r.origin.type === 'file' && r.origin.item)).to.deep.equal([0, 1])
      } finally {
        scratch.remove()
      }
    })

    it('reads JSON whatever the file is called, and flow-style YAML that only looks like JSON', async () => {
      const scratch = scratchFolder()
      try {
        writeFileSync(path.join(scratch.path, 'object.yaml'), fixtureText('object.json'))
        writeFileSync(path.join(scratch.path, 'flow.yaml'), '{apiVersion: v1, kind: ConfigMap, metadata: {name: flow}}\n')
        const result = await loadManifests(['object.yaml', 'flow.yaml'], {cwd: scratch.path})
        expect(result.errors).to.deep.equal([])
        expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['payments', 'flow'])
      } finally {
        scratch.remove()
      }
    })
  })

  describe('YAML Lists', () => {
    it('reads the kubectl get -o yaml shape (items at column 0) item by item', async () => {
      const text = fixtureText('list.yaml')
      const result = await load(['list.yaml'])
      expect(result.errors).to.deep.equal([])
      expect(result.resources.map((r) => [`${r.ref.kind}/${r.ref.namespace}/${r.ref.name}`, r.origin])).to.deep.equal([
        ['Service/shop/web', {type: 'file', file: 'list.yaml', document: 0, item: 0, line: lineOf(text, '- apiVersion: v1')}],
        ['Deployment/shop/web', {type: 'file', file: 'list.yaml', document: 0, item: 1, line: lineOf(text, '- apiVersion: apps/v1')}],
      ])
      expect(named(result.resources, 'Deployment', 'web').object.metadata.annotations).to.deep.equal({})
      expect(named(result.resources, 'Service', 'web').object.metadata).to.not.have.property('managedFields')
    })

    it('reads a List whose items are indented under items:, with comments and blank lines between them', async () => {
      const text = fixtureText('list-indented.yaml')
      const result = await load(['list-indented.yaml'])
      expect(result.errors).to.deep.equal([])
      expect(result.resources.map((r) => [r.ref.kind, r.ref.namespace, r.origin.type === 'file' && r.origin.line])).to.deep.equal([
        ['ServiceAccount', 'default', lineOf(text, '- apiVersion: v1')],
        ['RoleBinding', 'ci', lineOf(text, '- apiVersion: rbac')],
      ])
    })

    it('gives items of a typed YAML List their kind and apiVersion', async () => {
      const result = await load(['podlist.yaml'])
      expect(result.resources.map((r) => r.ref)).to.deep.equal([
        {apiVersion: 'v1', kind: 'Pod', name: 'api-0', namespace: 'shop'},
        {apiVersion: 'v1', kind: 'Pod', name: 'api-1', namespace: 'shop'},
      ])
    })

    it('reads a flow-style List, which is not split, whole', async () => {
      const scratch = scratchFolder()
      try {
        writeFileSync(
          path.join(scratch.path, 'flow-list.yaml'),
          'apiVersion: v1\nkind: List\nitems: [{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}, {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}]\n',
        )
        const result = await loadManifests(['flow-list.yaml'], {cwd: scratch.path})
        expect(result.resources.map((r) => [r.ref.name, r.origin.type === 'file' && r.origin.item])).to.deep.equal([
          ['a', 0],
          ['b', 1],
        ])
      } finally {
        scratch.remove()
      }
    })

    it('reads a document with a top-level items: that is not a List as one object', async () => {
      const scratch = scratchFolder()
      try {
        writeFileSync(
          path.join(scratch.path, 'cr.yaml'),
          'apiVersion: example.com/v1\nkind: Basket\nmetadata:\n  name: fruit\nitems:\n- apple\n- pear\n',
        )
        const result = await loadManifests(['cr.yaml'], {cwd: scratch.path})
        expect(result.errors).to.deep.equal([])
        expect(result.resources).to.have.length(1)
        expect(result.resources[0].object.items).to.deep.equal(['apple', 'pear'])
      } finally {
        scratch.remove()
      }
    })
  })

  describe('folders and paths', () => {
    let scratch: ReturnType<typeof scratchFolder>
    const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`

    before(() => {
      scratch = scratchFolder()
      const at = (...parts: string[]) => path.join(scratch.path, ...parts)
      mkdirSync(at('tree', 'b-sub', 'deeper'), {recursive: true})
      mkdirSync(at('tree', '.git'))
      mkdirSync(at('elsewhere'))
      writeFileSync(at('tree', 'c.yaml'), configMap('c'))
      writeFileSync(at('tree', 'a.yml'), configMap('a'))
      writeFileSync(at('tree', 'b-sub', 'deeper', 'x.json'), JSON.stringify({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'x'}}))
      writeFileSync(at('tree', 'b-sub', 'upper.YAML'), configMap('upper'))
      writeFileSync(at('tree', 'notes.txt'), configMap('not-read'))
      writeFileSync(at('tree', 'README.md'), '# not read')
      writeFileSync(at('tree', '.git', 'config.yaml'), configMap('in-dot-folder'))
      writeFileSync(at('tree', 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n')
      writeFileSync(at('tree', 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [c.yaml]\n')
      writeFileSync(at('elsewhere', 'e.yaml'), configMap('e'))
      // a link back up would loop if links to folders were followed
      symlinkSync(at('tree'), at('tree', 'b-sub', 'loop'))
      symlinkSync(at('elsewhere'), at('tree', 'linked-folder.yaml'))
      symlinkSync(at('elsewhere', 'e.yaml'), at('tree', 'linked-file.yaml'))
    })

    after(() => scratch.remove())

    it('walks folders recursively in name order, reading .yaml, .yml and .json files only', async () => {
      const result = await loadManifests(['tree'], {cwd: scratch.path})
      expect(result.errors).to.deep.equal([])
      expect(result.resources.map((r) => r.origin.type === 'file' && `${r.origin.file}:${r.ref.name}`)).to.deep.equal([
        'tree/a.yml:a',
        'tree/b-sub/deeper/x.json:x',
        'tree/b-sub/upper.YAML:upper',
        'tree/c.yaml:c',
        'tree/linked-file.yaml:e',
      ])
    })

    it('counts charts and kustomizations as skipped documents', async () => {
      const result = await loadManifests(['tree'], {cwd: scratch.path})
      expect(result.skippedDocuments).to.deep.equal([
        {file: 'tree/Chart.yaml', line: 1, reason: 'no apiVersion and kind'},
        {file: 'tree/kustomization.yaml', line: 1, reason: 'Kustomization (kustomize.config.k8s.io/v1beta1) is build configuration'},
      ])
    })

    it('names files relative to the working directory, and reads a file named twice once', async () => {
      const absolute = path.join(scratch.path, 'tree', 'c.yaml')
      const result = await loadManifests([absolute, 'c.yaml', '../elsewhere'], {cwd: path.join(scratch.path, 'tree')})
      expect(result.target).to.equal(`${absolute}, c.yaml, ../elsewhere`)
      expect(result.errors).to.deep.equal([])
      expect(result.resources.map((r) => r.origin.type === 'file' && r.origin.file)).to.deep.equal(['c.yaml', '../elsewhere/e.yaml'])
    })

    it('reads a file named on the command line whatever its extension', async () => {
      const result = await loadManifests(['tree/notes.txt'], {cwd: scratch.path})
      expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['not-read'])
    })

    it('reads a named pipe, such as a shell process substitution, once and whole', async function () {
      if (process.platform === 'win32') this.skip()
      const pipe = path.join(scratch.path, 'pipe.yaml')
      execFileSync('mkfifo', [pipe])
      const writer = createWriteStream(pipe)
      writer.end(fixtureText('multi.yaml'))
      const result = await loadManifests(['pipe.yaml'], {cwd: scratch.path})
      expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['shop', 'settings', 'allow-web', 'reader'])
      const line = lineOf(fixtureText('multi.yaml'), 'name: allow-web')
      expect(named(result.resources, 'NetworkPolicy', 'allow-web').locate(['metadata', 'name'])).to.include({line, column: 3})
    })

    it('treats an empty folder as nothing to read, not as an error', async () => {
      mkdirSync(path.join(scratch.path, 'empty'))
      const result = await loadManifests(['empty'], {cwd: scratch.path})
      expect(result).to.deep.equal({source: 'manifests', target: 'empty', coverage: [], resources: [], errors: [], skippedDocuments: []})
    })

    it('stops with a UserError (exit code 2) for a path that does not exist', async () => {
      let error: unknown
      try {
        await loadManifests(['tree', 'missing.yaml'], {cwd: scratch.path})
      } catch (caught) {
        error = caught
      }
      expect(error).to.be.instanceOf(UserError)
      expect((error as UserError).exitCode).to.equal(2)
      expect((error as UserError).message).to.equal(
        'no such file or folder: missing.yaml — pass a manifest file, a folder of .yaml/.yml/.json files, or - for standard input',
      )
    })
  })

  describe('standard input', () => {
    it('reads - from standard input, once, as <stdin>', async () => {
      let reads = 0
      const readStdin = () => {
        reads++
        return Promise.resolve(Buffer.from(fixtureText('multi.yaml')))
      }
      const result = await load(['-', 'object.json', '-'], {readStdin})
      expect(reads).to.equal(1)
      expect(result.target).to.equal('-, object.json, -')
      expect(result.resources.map((r) => r.origin.type === 'file' && r.origin.file)).to.deep.equal([
        '<stdin>',
        '<stdin>',
        '<stdin>',
        '<stdin>',
        'object.json',
      ])
      expect(result.skippedDocuments.map((s) => s.file)).to.deep.equal(['<stdin>'])
    })

    it('reads JSON from standard input', async () => {
      const result = await load(['-'], {readStdin: () => Promise.resolve(Buffer.from(fixtureText('list.json')))})
      expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['billing', 'deny-all'])
    })

    it('reports standard input that cannot be read', async () => {
      const result = await load(['-'], {readStdin: () => Promise.reject(Object.assign(new Error('closed'), {code: 'EPIPE'}))})
      expect(result.errors).to.deep.equal([{file: '<stdin>', message: 'cannot read: EPIPE'}])
    })
  })
})

describe('manifest source: what JSON List items lose before parsing', () => {
  it('never builds managed fields or the last-applied copy, and keeps everything else, quoted look-alikes included', async () => {
    const {mkdtempSync, writeFileSync} = await import('node:fs')
    const {tmpdir} = await import('node:os')
    const dir = mkdtempSync(path.join(tmpdir(), 'zt-json-noise-'))
    const item = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'cm',
        namespace: 'a',
        managedFields: [{manager: 'kubectl', fieldsV1: {'f:data': {}}}],
        annotations: {'kubectl.kubernetes.io/last-applied-configuration': '{"big": true}', keep: '"managedFields": [1]'},
      },
      data: {managedFields: 'a data key named like it, one level down'},
    }
    writeFileSync(path.join(dir, 'list.json'), JSON.stringify({apiVersion: 'v1', kind: 'List', items: [item, item]}, null, 4))
    const {resources, errors} = await loadManifests(['list.json'], {cwd: dir})
    expect(errors).to.deep.equal([])
    expect(resources).to.have.length(2)
    expect(resources[0].object).to.deep.equal({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {name: 'cm', namespace: 'a', annotations: {keep: '"managedFields": [1]'}},
      data: {managedFields: 'a data key named like it, one level down'},
    })
  })
})
