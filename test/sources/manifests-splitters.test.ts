import {expect} from 'chai'
import {type JsonDocument, type JsonUnit, JsonSplitter} from '../../src/sources/manifests/json-splitter.js'
import {type TextUnit, type YamlDocument, YamlSplitter} from '../../src/sources/manifests/yaml-splitter.js'
import {fixtureText} from './manifest-helpers.js'

type Unit = ['item', TextUnit] | ['document', YamlDocument]

function splitYaml(text: string, chunkSize: number, maxBytes = 1 << 20): Unit[] {
  const units: Unit[] = []
  const splitter = new YamlSplitter({item: (u) => units.push(['item', u]), document: (d) => units.push(['document', d])}, maxBytes)
  const bytes = Buffer.from(text)
  for (let start = 0; start < bytes.length; start += chunkSize) splitter.push(bytes.subarray(start, start + chunkSize))
  splitter.end()
  return units
}

function splitJson(text: string, chunkSize: number, exact = false): (JsonUnit | JsonDocument)[] {
  const units: (JsonUnit | JsonDocument)[] = []
  const splitter = new JsonSplitter({item: (u) => units.push({...u, guessed: false}), document: (d) => units.push(d)}, 1 << 20, exact)
  const bytes = Buffer.from(text)
  for (let start = 0; start < bytes.length; start += chunkSize) splitter.push(bytes.subarray(start, start + chunkSize))
  splitter.end()
  return units
}

const CHUNK_SIZES = [1, 2, 3, 5, 7, 16, 64]

describe('manifest source: splitting streams into units', () => {
  describe('YAML', () => {
    const inputs = {
      'multi.yaml': fixtureText('multi.yaml'),
      'list.yaml': fixtureText('list.yaml'),
      'list-indented.yaml': fixtureText('list-indented.yaml'),
      'helm-template.yaml': fixtureText('helm-template.yaml'),
      'CRLF line ends': fixtureText('list.yaml').replaceAll('\n', '\r\n') + '---\r\nkind: A\r\n...\r\n',
      'no final line break': 'a: 1\n---\nb: 2',
    }

    for (const [name, text] of Object.entries(inputs)) {
      it(`gives the same units whatever the chunk size: ${name}`, () => {
        const whole = splitYaml(text, text.length + 1)
        for (const size of CHUNK_SIZES) expect(splitYaml(text, size), `chunks of ${size}`).to.deep.equal(whole)
      })
    }

    it('cuts documents at column-0 markers only, and keeps directives and comments with the document they precede', () => {
      const text = 'a: |\n  ---\n  text\n...\n# c\n%YAML 1.1\n---\nb: 1\n...\n\n--- # empty\n----\n'
      const documents = splitYaml(text, 4).map(([, unit]) => unit as YamlDocument)
      expect(documents.map((d) => [d.index, d.line, d.contentLine, d.text])).to.deep.equal([
        [0, 1, 1, 'a: |\n  ---\n  text\n...\n'],
        [1, 5, 8, '# c\n%YAML 1.1\n---\nb: 1\n...\n'],
        // `----` is content, not a marker
        [2, 10, 12, '\n--- # empty\n----\n'],
      ])
      const ranges = documents.map((d) => Buffer.from(text).subarray(d.start, d.end).toString())
      expect(ranges).to.deep.equal(documents.map((d) => d.text))
    })

    it('hands List entries over one by one with their byte ranges and lines, and the envelope without them', () => {
      const text = fixtureText('list.yaml')
      const units = splitYaml(text, 1000)
      expect(units.map(([type]) => type)).to.deep.equal(['item', 'item', 'document'])
      const [first, second] = units.map(([, unit]) => unit)
      expect(first.text).to.equal(Buffer.from(text).subarray(first.start, first.end).toString())
      expect(first.text!.startsWith('- apiVersion: v1\n  kind: Service')).to.equal(true)
      expect(second.line).to.equal(13)
      const envelope = units[2][1] as YamlDocument
      expect(envelope.splitItems).to.equal(2)
      expect(envelope.text).to.equal('apiVersion: v1\nitems:\nkind: List\nmetadata:\n  resourceVersion: ""\n')
    })

    it('drops the text of a unit over the size limit but keeps its range', () => {
      const text = `a: ${'x'.repeat(100)}\n---\nb: 1\n`
      const documents = splitYaml(text, 7, 50).map(([, unit]) => unit as YamlDocument)
      expect(documents.map((d) => [d.text, d.end - d.start])).to.deep.equal([
        [undefined, 104],
        ['---\nb: 1\n', 9],
      ])
    })
  })

  describe('JSON', () => {
    const tricky = '{"kind": "List", "items": [{"a": "q\\"uote\\\\", "b": "\\\\"}, {"c": ["]", "}", "{"]}],\n"x\\"items": 1}'
    const inputs = {
      'list.json': fixtureText('list.json'),
      'podlist.json': fixtureText('podlist.json'),
      'array.json': fixtureText('array.json'),
      'object.json': fixtureText('object.json'),
      'escapes and brackets in strings': tricky,
      'concatenated values': '{"a": 1}\n[{"b": 2}]\n',
    }

    for (const [name, text] of Object.entries(inputs)) {
      it(`gives the same units whatever the chunk size, guessing or scanning: ${name}`, () => {
        const whole = splitJson(text, text.length + 1, true)
        for (const size of CHUNK_SIZES) {
          expect(splitJson(text, size), `chunks of ${size}`).to.deep.equal(whole)
          expect(splitJson(text, size, true), `chunks of ${size}, exact`).to.deep.equal(whole)
        }
      })
    }

    it('finds the elements of items, with their ranges, lines and columns', () => {
      const text = fixtureText('list.json')
      const units = splitJson(text, 100)
      expect(units).to.have.length(3)
      const [first, second, envelope] = units as [JsonUnit, JsonUnit, JsonDocument]
      expect([first.line, first.column, second.line, second.column]).to.deep.equal([4, 9, 11, 9])
      expect(JSON.parse(second.text!)).to.have.nested.property('metadata.name', 'deny-all')
      expect(Buffer.from(text).subarray(second.start, second.end).toString()).to.equal(second.text)
      expect(envelope.split).to.equal('items')
      expect(JSON.parse(envelope.text!)).to.deep.equal({apiVersion: 'v1', items: [], kind: 'List', metadata: {resourceVersion: ''}})
    })

    it('guesses the end of indented elements and scans the others', () => {
      const guesses: boolean[] = []
      const splitter = new JsonSplitter({item: (u) => guesses.push(u.guessed), document: () => undefined}, 1 << 20)
      splitter.push(Buffer.from('[\n  {\n    "a": {\n    }\n  },\n  {"b": 1},\n  {\n  }\n]\n'))
      splitter.end()
      expect(guesses).to.deep.equal([true, false, true])
    })

    it('says where a cut input ends, and rejects shapes it does not follow', () => {
      const cut = new JsonSplitter({item: () => undefined, document: () => undefined}, 1 << 20, true)
      cut.push(Buffer.from('{"items": [\n  {\n    "a": 1\n'))
      expect(() => cut.end()).to.throw('unexpected end of file').with.property('line', 4)
      const scalar = new JsonSplitter({item: () => undefined, document: () => undefined}, 1 << 20)
      expect(() => scalar.push(Buffer.from('"text"'))).to.throw('unexpected JSON shape')
      const strings = new JsonSplitter({item: () => undefined, document: () => undefined}, 1 << 20)
      expect(() => strings.push(Buffer.from('["a", "b"]'))).to.throw('unexpected JSON shape')
    })
  })
})
