import {expect} from 'chai'
import {chmodSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {loadManifests} from '../../src/sources/manifests/index.js'
import {MAX_EXPANDED_NODES} from '../../src/sources/manifests/parse.js'
import {fixtureText, lineOf, scratchFolder} from './manifest-helpers.js'

const GOOD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n'

describe('manifest source: bad input', () => {
  let scratch: ReturnType<typeof scratchFolder>
  const write = (name: string, content: string | Buffer) => writeFileSync(path.join(scratch.path, name), content)
  const load = (paths: string[], options = {}) => loadManifests(paths, {cwd: scratch.path, ...options})

  beforeEach(() => {
    scratch = scratchFolder()
  })

  afterEach(() => scratch.remove())

  it('reports invalid YAML at its line in the file and reads the other documents', async () => {
    const text = `${GOOD}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n  labels: [unclosed\n---\n${GOOD.replace('good', 'after')}`
    write('invalid.yaml', text)
    write('other.yaml', GOOD.replace('good', 'other'))
    const result = await load(['invalid.yaml', 'other.yaml'])
    expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['good', 'after', 'other'])
    expect(result.errors).to.have.length(1)
    const [error] = result.errors
    expect(error.file).to.equal('invalid.yaml')
    // js-yaml notices the unclosed flow sequence where the next line starts
    expect(error.line).to.be.oneOf([lineOf(text, '[unclosed'), lineOf(text, '[unclosed') + 1])
    expect(error.message).to.match(/^invalid YAML: /)
  })

  it('reports a duplicate key, as kubectl does', async () => {
    const text = `${GOOD}data:\n  a: "1"\n  a: "2"\n`
    write('duplicate.yaml', text)
    const result = await load(['duplicate.yaml'])
    expect(result.resources).to.deep.equal([])
    expect(result.errors).to.deep.equal([{file: 'duplicate.yaml', line: lineOf(text, 'a: "2"'), message: 'invalid YAML: duplicated mapping key'}])
  })

  it('reports a YAML file cut in the middle of a document', async () => {
    const whole = `${GOOD}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cut\ndata:\n  script: "echo one\n    two three\n`
    write('truncated.yaml', whole.slice(0, whole.indexOf('two')))
    const result = await load(['truncated.yaml'])
    expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['good'])
    expect(result.errors).to.have.length(1)
    expect(result.errors[0]).to.include({file: 'truncated.yaml'})
    expect(result.errors[0].line).to.be.at.least(lineOf(whole, 'script:'))
    expect(result.errors[0].message).to.match(/^invalid YAML: /)
  })

  it('reports a JSON List cut in the middle, at the line where it ends', async () => {
    const whole = fixtureText('list.json')
    const cut = whole.slice(0, whole.indexOf('"policyTypes"'))
    write('truncated.json', cut)
    write('good.yaml', GOOD)
    const result = await load(['truncated.json', 'good.yaml'])
    expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['good'])
    expect(result.errors).to.deep.equal([{file: 'truncated.json', line: cut.split('\n').length, message: 'invalid JSON: unexpected end of file'}])
  })

  it('reports invalid JSON in one item at its line and reads the other items', async () => {
    const text = fixtureText('list.json').replace('"name": "billing"', '"name": "billing",')
    write('bad-item.json', text)
    const result = await load(['bad-item.json'])
    expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['deny-all'])
    expect(result.errors).to.have.length(1)
    expect(result.errors[0]).to.include({file: 'bad-item.json', line: lineOf(text, '"name": "billing"') + 1})
    expect(result.errors[0].message).to.match(/^invalid JSON: /)
  })

  it('reports a binary file and reads the others', async () => {
    write('image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))
    write('latin1.yaml', Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n', 'latin1'))
    write('good.yaml', GOOD)
    const result = await load(['.'])
    expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['good'])
    expect(result.errors).to.deep.equal([
      {file: 'image.yaml', line: 1, message: 'binary file; skipped'},
      {file: 'latin1.yaml', line: 1, message: 'binary file; skipped'},
    ])
  })

  it('reports a file that cannot be read and reads the others', async () => {
    write('good.yaml', GOOD)
    symlinkSync(path.join(scratch.path, 'gone.yaml'), path.join(scratch.path, 'dangling.yaml'))
    const expected = [{file: 'dangling.yaml', message: 'cannot read: ENOENT'}]
    if (process.getuid?.() !== 0) {
      write('locked.yaml', GOOD)
      chmodSync(path.join(scratch.path, 'locked.yaml'), 0o000)
      expected.push({file: 'locked.yaml', message: 'cannot read: EACCES'})
    }
    const result = await load(['.'])
    expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['good'])
    expect(result.errors).to.deep.equal(expected)
  })

  it('refuses an alias bomb without expanding it', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level)
      const name = String.fromCharCode(97 + level)
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`)
    }
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n${levels.map((l) => `  ${l}`).join('\n')}\n`
    write('bomb.yaml', `${GOOD}---\n${bomb}`)
    const result = await load(['bomb.yaml'])
    expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['good'])
    expect(result.errors).to.deep.equal([
      {
        file: 'bomb.yaml',
        line: 6,
        message: `document expands to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes through YAML aliases (alias bomb); skipped`,
      },
    ])
  })

  it('keeps documents that use anchors and aliases in moderation', async () => {
    write('anchors.yaml', `${GOOD}data: &shared {a: "1"}\nbinaryData: *shared\n`)
    const result = await load(['anchors.yaml'])
    expect(result.errors).to.deep.equal([])
    expect(result.resources[0].object.binaryData).to.deep.equal({a: '1'})
  })

  it('refuses a 50 MB object without parsing it, and reads the documents around it', async () => {
    const huge = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  blob: ${'x'.repeat(50 * 1024 * 1024)}\n`
    write('huge.yaml', `${GOOD}---\n${huge}---\n${GOOD.replace('good', 'after')}`)
    const result = await load(['huge.yaml'])
    expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['good', 'after'])
    expect(result.errors).to.deep.equal([
      {file: 'huge.yaml', line: 6, message: 'object is 50.0 MiB, more than the 8 MiB a Kubernetes object can be; skipped'},
    ])
  })

  it('limits the items of a List, not the List as a whole', async () => {
    const item = (name: string, size: number) =>
      `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: ${name}\n  data:\n    blob: ${'x'.repeat(size)}\n`
    const items = Array.from({length: 40}, (_, i) => item(`small-${i}`, 200)).join('')
    const text = `apiVersion: v1\nitems:\n${items}${item('large', 5000)}kind: List\n`
    write('list.yaml', text)
    const result = await load(['list.yaml'], {maxObjectBytes: 4096})
    expect(result.resources).to.have.length(40)
    expect(result.errors).to.deep.equal([
      {file: 'list.yaml', line: lineOf(text, 'name: large') - 3, message: 'object is 5.0 KiB, more than the 4 KiB a Kubernetes object can be; skipped'},
    ])
    const plain = await load(['list.yaml'], {maxObjectBytes: 1024 * 1024})
    expect(plain.resources).to.have.length(41)
  })

  it('limits JSON objects and the items of JSON Lists alike', async () => {
    const items = Array.from({length: 30}, (_, i) => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: `c${i}`}, data: {blob: 'x'.repeat(200)}}))
    write('list.json', JSON.stringify({apiVersion: 'v1', kind: 'List', items}, null, 4))
    write('object.json', JSON.stringify({...items[0], data: {blob: 'x'.repeat(5000)}}, null, 2))
    const result = await load(['list.json', 'object.json'], {maxObjectBytes: 4096})
    expect(result.resources).to.have.length(30)
    expect(result.errors.map((e) => [e.file, e.line])).to.deep.equal([['object.json', 1]])
  })

  it('reports an object without metadata.name at its line', async () => {
    const text = `${GOOD}---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels: {app: web}\n`
    write('nameless.yaml', text)
    const result = await load(['nameless.yaml'])
    expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['good'])
    expect(result.errors).to.deep.equal([
      {file: 'nameless.yaml', line: lineOf(text, 'kind: Deployment') - 1, message: 'Deployment has no metadata.name; object skipped'},
    ])
  })

  it('reports an item without metadata.name inside a List at the item line', async () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {}\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: ok}\n'
    write('list.yaml', text)
    const result = await load(['list.yaml'])
    expect(result.resources.map((r) => r.ref.name)).to.deep.equal(['ok'])
    expect(result.errors).to.deep.equal([{file: 'list.yaml', line: 4, message: 'Pod has no metadata.name; object skipped'}])
  })
})
