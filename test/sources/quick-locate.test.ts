// The quick readers must agree with the full parser wherever they answer, and must hand anything they do not
// follow back to it. Checked on hand-made edge cases and, when the corpus is available, on every path of every
// document of its manifests.
import {expect} from 'chai'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'

import {parseDocument} from 'yaml'

import {locateInBlockYaml, locateInJson, type QuickResult, UNSUPPORTED} from '../../src/sources/manifests/quick-locate.js'
import {locateWithParser, parseText} from '../../src/sources/manifests/source-maps.js'

type Path = (string | number)[]

function reference(text: string, path: Path, parsed = parseText(text)): QuickResult {
  return locateWithParser(parsed, path)
}

/** Every path to a node of a value, up to `limit` of them. */
function pathsOf(value: unknown, limit: number, prefix: Path = [], out: Path[] = []): Path[] {
  if (out.length >= limit) return out
  if (prefix.length > 0) out.push(prefix)
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, limit, [...prefix, i], out))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, limit, [...prefix, k], out)
  return out
}

function agree(text: string, locate: (t: string, p: Path) => QuickResult, limit = 400): {compared: number; unsupported: number} {
  const parsed = parseText(text)
  const value: unknown = parsed.doc.toJS({maxAliasCount: -1})
  let compared = 0
  let unsupported = 0
  for (const p of [...pathsOf(value, limit), ['no-such-key'], [...pathsOf(value, 1)[0] ?? [], 'missing', 'deeper']]) {
    const quick = locate(text, p)
    if (quick === UNSUPPORTED) {
      unsupported++
      continue
    }
    compared++
    // endLine may differ where the parser counts trailing comments into a value
    const strip = (r: QuickResult): unknown => (r && r !== UNSUPPORTED ? {line: r.line, column: r.column, depth: r.depth} : r)
    expect(strip(quick), `${JSON.stringify(p)} in\n${text.slice(0, 400)}`).to.deep.equal(strip(reference(text, p, parsed)))
  }
  return {compared, unsupported}
}

const BLOCK = `# leading comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # trailing comment
  "quoted.key/x": 'it''s'
  labels:
    app.kubernetes.io/name: web
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
        args:
          - --port=8080
          -
            nested: value
        command: |
          echo "a: b"
          - not a list
        ports:
          - containerPort: 8080

            name: http
      volumes: []
`

describe('quick locators', () => {
  it('read block YAML as the full parser does: compact and indented sequences, quoted keys, block scalars, comments', () => {
    const {compared, unsupported} = agree(BLOCK, locateInBlockYaml)
    expect(compared).to.be.greaterThan(20)
    expect(unsupported).to.be.lessThan(3)
  })

  it('read a List item written as a one-element sequence', () => {
    const item = '- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n  spec:\n    containers:\n    - name: c\n      image: x\n'
    expect(locateInBlockYaml(item, [0, 'spec', 'containers', 0, 'image'])).to.deep.equal(reference(item, [0, 'spec', 'containers', 0, 'image']))
    agree(item, locateInBlockYaml)
  })

  it('hand flow style, anchors, merge keys, tags, tabs and YAML 1.1 keys back to the full parser', () => {
    expect(locateInBlockYaml('a: {b: 1}\n', ['a', 'b'])).to.equal(UNSUPPORTED)
    expect(locateInBlockYaml('a: &x\n  b: 1\nc: *x\n', ['c', 'b'])).to.equal(UNSUPPORTED)
    expect(locateInBlockYaml('a:\n  <<: {b: 1}\n', ['a', 'b'])).to.equal(UNSUPPORTED)
    expect(locateInBlockYaml('a: !!str 5\nb: 1\n', ['a', 'x'])).to.equal(UNSUPPORTED)
    expect(locateInBlockYaml('a:\n\tb: 1\n', ['a', 'b'])).to.equal(UNSUPPORTED)
    expect(locateInBlockYaml('on: 1\n', ['true'])).to.equal(UNSUPPORTED)
    expect(locateInBlockYaml('--- {a: 1}\n', ['a'])).to.equal(UNSUPPORTED)
  })

  it('stop at the nearest existing parent, like the full parser', () => {
    expect(locateInBlockYaml(BLOCK, ['spec', 'template', 'metadata', 'labels'])).to.deep.equal({line: 10, column: 3, endLine: 26, depth: 2})
    expect(locateInBlockYaml(BLOCK, ['status'])).to.equal(undefined)
  })

  it('read JSON as the full parser does, escapes and nesting included', () => {
    const json = JSON.stringify({apiVersion: 'v1', kind: 'List', items: [{metadata: {name: 'a', 'we"ird\\key': [1, {x: 'y}'}]}}, {spec: {}}]}, null, 4)
    agree(json, locateInJson)
    expect(locateInJson(json, ['items', 0, 'metadata', 'we"ird\\key', 1, 'x'])).to.deep.equal(reference(json, ['items', 0, 'metadata', 'we"ird\\key', 1, 'x']))
    expect(locateInJson('{a: 1}', ['a'])).to.equal(UNSUPPORTED)
  })

  describe('on the corpus', function () {
    const corpus = process.env.ZT_AUDIT_CORPUS
    before(function () {
      if (!corpus) this.skip()
    })

    it('agree with the full parser on every path of every manifest document', function () {
      if (!corpus) this.skip()
      const files: string[] = []
      const walk = (dir: string): void => {
        for (const entry of readdirSync(dir).sort()) {
          const full = path.join(dir, entry)
          if (statSync(full).isDirectory()) walk(full)
          else if (/\.(ya?ml|json)$/.test(entry) && statSync(full).size < 512 * 1024) files.push(full)
        }
      }
      walk(corpus)
      // Helm templates are not YAML until rendered; their text only confuses both readers
      const manifests = files.filter((file) => !file.includes('/templates/'))
      let compared = 0
      let unsupported = 0
      for (const file of manifests) {
        const text = readFileSync(file, 'utf8')
        if (text.includes('{{')) continue
        const json = file.endsWith('.json')
        const documents = json ? [text] : text.split(/^---[ \t]*(?:#.*)?\r?$/m)
        for (const doc of documents) {
          if (!json && !/^\s*[a-zA-Z"'-]/m.test(doc)) continue
          if (parseDocument(doc, {version: '1.1', uniqueKeys: false}).errors.length > 0) continue
          const counts = agree(doc, json || /^\s*[{[]/.test(doc) ? locateInJson : locateInBlockYaml, 25)
          compared += counts.compared
          unsupported += counts.unsupported
        }
      }
      expect(compared).to.be.greaterThan(10_000)
      // the quick readers should answer for the great majority of real manifests
      expect(unsupported / (compared + unsupported)).to.be.lessThan(0.1)
    })
  })
})
