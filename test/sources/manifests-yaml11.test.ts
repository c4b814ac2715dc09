import {expect} from 'chai'
import {load} from 'js-yaml'
import {loadManifests} from '../../src/sources/manifests/index.js'
import {KUBERNETES_YAML_SCHEMA} from '../../src/sources/manifests/yaml-schema.js'
import {FIXTURES} from './manifest-helpers.js'

function scalar(text: string): unknown {
  return (load(`value: ${text}`, {schema: KUBERNETES_YAML_SCHEMA}) as {value: unknown}).value
}

describe('manifest source: values read as Kubernetes reads them (go-yaml v2)', () => {
  it('reads the YAML 1.1 values of a manifest as the API server would', async () => {
    const {resources, errors} = await loadManifests(['yaml11.yaml'], {cwd: FIXTURES})
    expect(errors).to.deep.equal([])
    const object = resources[0].object as unknown as {metadata: {annotations: object}; spec: {template: {spec: Record<string, unknown[]>}}}
    expect(object.metadata.annotations).to.deep.equal({
      'sidecar.istio.io/inject': false,
      quoted: 'no',
      'single-quoted': 'yes',
      enabled: true,
      shout: true,
      letter: true,
      upper: true,
      mixed: 'tRUE',
      tilde: null,
      word: null,
      blank: null,
    })
    const pod = object.spec.template.spec
    expect(pod.volumes).to.deep.equal([{name: 'config', configMap: {name: 'cfg', defaultMode: 0o755}}])
    const container = pod.containers[0] as {ports: unknown[]; env: {name: string; value: unknown}[]}
    expect(container.ports).to.deep.equal([{containerPort: 8080}])
    expect(Object.fromEntries(container.env.map(({name, value}) => [name, value]))).to.deep.equal({
      UNDERSCORES: 1000,
      DOT: 0.5,
      DATE: '2024-01-02',
      // YAML 1.1 reads them as floats; JSON, and so the API server, has no such values: they read as null
      'NEGATIVE-INFINITY': null,
      'NOT-A-NUMBER': null,
      'OCTAL-1.2': 15,
      BINARY: 5,
      'NOT-OCTAL': 89,
      EXPONENT: 1000,
      'PORT-PAIR': '8080:80',
      VERSION: 1.1,
      TEXT: 'nginx',
    })
  })

  it('takes exactly the boolean spellings of resolve.go', () => {
    for (const text of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) expect(scalar(text), text).to.equal(true)
    for (const text of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) expect(scalar(text), text).to.equal(false)
    for (const text of ['yES', 'oN', 'nO', 'oFF', 'tRUE', 'fALSE', 'yess', '"yes"', "'off'"]) expect(scalar(text), text).to.be.a('string')
  })

  it('takes exactly the null spellings of resolve.go', () => {
    for (const text of ['', '~', 'null', 'Null', 'NULL']) expect(scalar(text), text).to.equal(null)
    for (const text of ['nULL', 'nil', 'None', '"~"']) expect(scalar(text), text).to.be.a('string')
  })

  it('reads integers as strconv.ParseInt with base 0 does, after dropping underscores', () => {
    const cases: [string, number][] = [
      ['0755', 493],
      ['-0755', -493],
      ['0o755', 493],
      ['0O17', 15],
      ['0x1F', 31],
      ['0X1f', 31],
      ['-0x10', -16],
      ['0b101', 5],
      ['-0b11', -3],
      ['+12', 12],
      ['1_000_000', 1000000],
      ['0_8', 8],
      ['1_', 1],
      ['0', 0],
      ['9007199254740991', 9007199254740991],
    ]
    for (const [text, value] of cases) expect(scalar(text), text).to.equal(value)
  })

  it('reads floats as yamlStyleFloat and strconv.ParseFloat do', () => {
    const cases: [string, number][] = [
      ['1.5', 1.5],
      ['1.', 1],
      ['.5', 0.5],
      ['+.5', 0.5],
      ['-.5e1', -5],
      ['1e3', 1000],
      ['1E-2', 0.01],
      ['08', 8],
      ['1_000.5', 1000.5],
      ['.inf', Infinity],
      ['+.Inf', Infinity],
      ['-.INF', -Infinity],
    ]
    for (const [text, value] of cases) expect(scalar(text), text).to.equal(value)
    for (const text of ['.nan', '.NaN', '.NAN']) expect(scalar(text), text).to.be.NaN
  })

  it('leaves as strings what go-yaml v2 leaves as strings', () => {
    const strings = ['0x', '1e400', '_1', '.5_0', '1:30', '1.2.3', '.Nan', '.iNf', '2024-01-02', '2001-12-14t21:59:43.10-05:00', 'v1']
    for (const text of strings) expect(scalar(text), text).to.equal(text)
  })

  it('keeps keys as strings, resolved like any scalar, as sigs.k8s.io/yaml turns them into JSON keys', () => {
    expect(load('on: a\n0755: b\n1.5: c\nname: d\n', {schema: KUBERNETES_YAML_SCHEMA})).to.deep.equal({
      true: 'a',
      493: 'b',
      '1.5': 'c',
      name: 'd',
    })
  })

  it('keeps merge keys, decodes !!binary to text and keeps an explicit !!timestamp as its text', () => {
    expect(load('base: &b {x: 1}\nderived:\n  <<: *b\n  z: 2\n', {schema: KUBERNETES_YAML_SCHEMA})).to.deep.equal({
      base: {x: 1},
      derived: {x: 1, z: 2},
    })
    expect(scalar('!!binary aGVsbG8=')).to.equal('hello')
    expect(scalar('!!timestamp 2024-01-02')).to.equal('2024-01-02')
    expect(scalar('!!float 1')).to.equal(1)
    expect(scalar('!!str yes')).to.equal('yes')
  })
})
