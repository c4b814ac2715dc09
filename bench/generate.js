#!/usr/bin/env node
// Writes synthetic cluster dumps of a given object count in two shapes: multi-document YAML and the List
// that `kubectl get -A -o json` prints. Objects are streamed to per-kind part files and concatenated, so
// memory stays flat at any size and the dump is grouped by kind, as kubectl prints it.
// Usage: node bench/generate.js [--sizes 1k,10k,100k] [--seed 42] [--out DIR] [--force] [--verify]

import {createHash} from 'node:crypto'
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs, isDeepStrictEqual} from 'node:util'
import {Cluster} from './cluster.js'
import {sortKeys, toYaml} from './yaml-writer.js'

const HERE = dirname(fileURLToPath(import.meta.url))
export const DEFAULT_OUT = join(HERE, 'out')
export const DEFAULT_SEED = 42
const SOURCES = ['generate.js', 'cluster.js', 'prng.js', 'yaml-writer.js']

// kubectl prints one kind after another; this is the order the dump uses.
const KIND_ORDER = ['Namespace', 'ConfigMap', 'ServiceAccount', 'Service', 'Pod', 'Deployment', 'StatefulSet',
  'DaemonSet', 'CronJob', 'Ingress', 'NetworkPolicy', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding',
  'PeerAuthentication', 'DestinationRule', 'AuthorizationPolicy', 'ServiceEntry']

const JSON_HEAD = '{\n    "apiVersion": "v1",\n    "items": [\n'
const JSON_TAIL = '\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n'
const ITEM_PAD = '        '

/** '1k' → 1000, '2.5m' → 2500000, '300' → 300. */
export function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(String(text).trim())
  if (!m) throw new Error(`not a size: ${text} (use e.g. 1k, 10k, 100k)`)
  return Math.round(Number(m[1]) * {'': 1, k: 1e3, m: 1e6}[m[2].toLowerCase()])
}

export function sizeLabel(n) {
  if (n >= 1e6 && n % 1e6 === 0) return `${n / 1e6}m`
  if (n >= 1e3 && n % 1e3 === 0) return `${n / 1e3}k`
  return String(n)
}

// Any change to the generator's code invalidates dumps written by an older version.
function generatorHash() {
  const hash = createHash('sha256')
  for (const file of SOURCES) hash.update(readFileSync(join(HERE, file)))
  return hash.digest('hex').slice(0, 16)
}

/** Appends text to a file through a buffer, flushing synchronously: simple, fast and memory-flat. */
class FileWriter {
  constructor(path) {
    this.fd = openSync(path, 'w')
    this.chunks = []
    this.pending = 0
    this.bytes = 0
  }

  write(text) {
    this.chunks.push(text)
    this.pending += text.length
    if (this.pending > 256 * 1024) this.flush()
  }

  writeBuffer(buf) {
    this.flush()
    this.writeAll(buf)
  }

  flush() {
    if (this.chunks.length === 0) return
    this.writeAll(Buffer.from(this.chunks.join('')))
    this.chunks = []
    this.pending = 0
  }

  writeAll(buf) {
    for (let off = 0; off < buf.length;) off += writeSync(this.fd, buf, off, buf.length - off)
    this.bytes += buf.length
  }

  close() {
    this.flush()
    closeSync(this.fd)
  }
}

function* clusterObjects(seed, limit) {
  const cluster = new Cluster(seed)
  let count = 0
  for (let ns = 0; count < limit; ns++) {
    for (const obj of cluster.namespace(ns)) {
      yield obj
      if (++count === limit) return
    }
  }
}

function appendFile(out, path, skip) {
  const fd = openSync(path, 'r')
  const buf = Buffer.allocUnsafe(4 << 20)
  let first = true
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; first = false) {
    out.writeBuffer(buf.subarray(first ? skip : 0, n))
  }
  closeSync(fd)
}

/** Generates `objects` objects into `dir`, both shapes; returns the manifest. */
function writeDump({objects, seed, dir, hash}) {
  const started = performance.now()
  const partsDir = join(dir, '.parts')
  rmSync(partsDir, {recursive: true, force: true})
  mkdirSync(partsDir, {recursive: true})
  const parts = new Map()
  const kinds = {}
  const namespaces = new Set()
  for (const obj of clusterObjects(seed, objects)) {
    const sorted = sortKeys(obj)
    let part = parts.get(obj.kind)
    if (!part) {
      part = {yaml: new FileWriter(join(partsDir, `${obj.kind}.yaml`)), json: new FileWriter(join(partsDir, `${obj.kind}.json`))}
      parts.set(obj.kind, part)
    }
    part.yaml.write('---\n' + toYaml(sorted))
    // Leading separator on every item; the first item of the whole list drops it.
    part.json.write(',\n' + ITEM_PAD + JSON.stringify(sorted, null, 4).replaceAll('\n', '\n' + ITEM_PAD))
    kinds[obj.kind] = (kinds[obj.kind] ?? 0) + 1
    if (obj.kind === 'Namespace') namespaces.add(obj.metadata.name)
  }
  for (const part of parts.values()) {
    part.yaml.close()
    part.json.close()
  }
  const order = [...KIND_ORDER.filter((k) => parts.has(k)), ...[...parts.keys()].filter((k) => !KIND_ORDER.includes(k))]
  const files = {yaml: join(dir, 'cluster.yaml'), json: join(dir, 'cluster.json')}
  const yaml = new FileWriter(files.yaml + '.tmp')
  const json = new FileWriter(files.json + '.tmp')
  json.write(JSON_HEAD)
  order.forEach((kind, i) => {
    appendFile(yaml, join(partsDir, `${kind}.yaml`), 0)
    appendFile(json, join(partsDir, `${kind}.json`), i === 0 ? 2 : 0)
  })
  json.write(JSON_TAIL)
  yaml.close()
  json.close()
  renameSync(files.yaml + '.tmp', files.yaml)
  renameSync(files.json + '.tmp', files.json)
  rmSync(partsDir, {recursive: true, force: true})
  return {
    generator: hash,
    seed,
    objects,
    namespaces: namespaces.size,
    kinds,
    // Names relative to the manifest, so a moved checkout still recognises its dumps.
    files: {
      yaml: {name: 'cluster.yaml', bytes: yaml.bytes},
      json: {name: 'cluster.json', bytes: json.bytes},
    },
    generatedInMs: Math.round(performance.now() - started),
  }
}

function isCurrent(manifest, {objects, seed, hash}) {
  if (!manifest || manifest.generator !== hash || manifest.seed !== seed || manifest.objects !== objects) return false
  return Object.values(manifest.files).every((f) => f.path && existsSync(f.path) && statSync(f.path).size === f.bytes)
}

// Adds each file's absolute path next to its name.
function located(manifest, dir) {
  if (!manifest?.files) return manifest
  const files = {}
  for (const [shape, f] of Object.entries(manifest.files)) files[shape] = {...f, path: join(dir, f.name ?? '')}
  return {...manifest, files}
}

function readManifest(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

/** Returns the dump of `objects` objects, generating it unless an identical one is already on disk. */
export function ensureDump({objects, seed = DEFAULT_SEED, outDir = DEFAULT_OUT, force = false, log = () => {}}) {
  const dir = join(outDir, sizeLabel(objects))
  const manifestPath = join(dir, 'manifest.json')
  const hash = generatorHash()
  const existing = located(readManifest(manifestPath), dir)
  if (!force && isCurrent(existing, {objects, seed, hash})) {
    log(`reusing ${dir} (seed ${seed}, ${objects} objects)`)
    return {...existing, reused: true}
  }
  mkdirSync(dir, {recursive: true})
  log(`generating ${objects} objects (seed ${seed}) into ${dir} ...`)
  const manifest = writeDump({objects, seed, dir, hash})
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n')
  log(`  ${manifest.namespaces} namespaces, YAML ${mb(manifest.files.yaml.bytes)}, JSON ${mb(manifest.files.json.bytes)}, ` +
    `${(manifest.generatedInMs / 1000).toFixed(1)} s`)
  return {...located(manifest, dir), reused: false}
}

function mb(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`
}

// Both shapes must hold the same objects, and the YAML must read the same with both YAML libraries.
async function verify(manifest) {
  const {loadAll} = await import('js-yaml')
  const {parseAllDocuments} = await import('yaml')
  const yamlText = readFileSync(manifest.files.yaml.path, 'utf8')
  const fromJsYaml = loadAll(yamlText)
  const fromJson = JSON.parse(readFileSync(manifest.files.json.path, 'utf8')).items
  const docs = parseAllDocuments(yamlText)
  const errors = docs.flatMap((d) => d.errors)
  const problems = []
  if (fromJsYaml.length !== manifest.objects) problems.push(`YAML has ${fromJsYaml.length} documents`)
  if (fromJson.length !== manifest.objects) problems.push(`JSON has ${fromJson.length} items`)
  if (errors.length > 0) problems.push(`yaml package: ${errors[0].message}`)
  const mismatch = fromJson.findIndex((obj, i) => !isDeepStrictEqual(obj, fromJsYaml[i]) || !isDeepStrictEqual(obj, docs[i]?.toJS()))
  if (mismatch >= 0) problems.push(`object ${mismatch} (${fromJson[mismatch].kind}) differs between the shapes`)
  return problems
}

async function main() {
  const {values} = parseArgs({options: {
    sizes: {type: 'string', default: '1k,10k,100k'},
    seed: {type: 'string', default: String(DEFAULT_SEED)},
    out: {type: 'string', default: DEFAULT_OUT},
    force: {type: 'boolean', default: false},
    verify: {type: 'boolean', default: false},
  }})
  const log = (line) => process.stderr.write(line + '\n')
  let failed = false
  for (const size of values.sizes.split(',')) {
    const manifest = ensureDump({objects: parseSize(size), seed: Number(values.seed), outDir: values.out, force: values.force, log})
    log(`  ${Object.entries(manifest.kinds).map(([k, n]) => `${k} ${n}`).join(', ')}`)
    if (!values.verify) continue
    const problems = await verify(manifest)
    log(problems.length === 0 ? '  verified: both shapes hold the same objects' : `  verify FAILED: ${problems.join('; ')}`)
    failed ||= problems.length > 0
  }
  process.exitCode = failed ? 1 : 0
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
