#!/usr/bin/env node
// Live mode of the bench (`npm run bench -- --live`): a light API server, in a process of its own, serves
// the objects of a generated dump over HTTPS with discovery and paged lists, as a kube-apiserver would
// (list items without kind and apiVersion, `limit` and `continue`). Two clients are measured against it, each
// cold in a fresh process: the whole scan through the cluster source (discovery, paged LISTs, rules,
// JSON report), and the yardstick — every list paged with node:https and JSON.parse, objects kept.
// Roles: imported by run.js (measureLive, liveTable), or run as
//   node bench/live.js serve DUMP.json READY_FILE   the server; writes READY_FILE once it listens
//   node bench/live.js scan READY_FILE              the measured scan, prints {"objects", "findings"}
//   node bench/live.js list READY_FILE              the raw paged LIST yardstick, prints {"objects", "requests"}

import {spawn} from 'node:child_process'
import {closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync} from 'node:fs'
import https from 'node:https'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {StringDecoder} from 'node:string_decoder'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {ROOT, SCAN_NOW, measure} from './measure.js'
import {markdownTable, summarize} from './report.js'

const LIVE = fileURLToPath(import.meta.url)
const TOKEN = 'bench-token'
const PAGE_SIZE = 500
// the server's start: reading and indexing a 600 MB dump takes a while on a slow machine
const READY_TIMEOUT_MS = 10 * 60_000

// Kinds whose objects live outside namespaces, and the group of each built-in kind; anything else is a CRD.
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'IngressClass', 'Node',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'CiliumClusterwideNetworkPolicy', 'ClusterIssuer'])
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'admissionregistration.k8s.io', 'policy'])

function pluralOf(kind) {
  const lower = kind.toLowerCase()
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`
  return `${lower}s`
}

// ---- the server -------------------------------------------------------------------------------------

/** Each item of a `kubectl get -o json` List, one at a time: the dump may be longer than a V8 string. */
function * jsonItems(path) {
  const open = '\n        {'
  const close = '\n        }'
  const fd = openSync(path, 'r')
  const buf = Buffer.allocUnsafe(16 << 20)
  const decoder = new StringDecoder('utf8')
  let text = ''
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) {
    text += decoder.write(buf.subarray(0, n))
    let pos = 0
    for (;;) {
      const start = text.indexOf(open, pos)
      const end = start < 0 ? -1 : text.indexOf(close, start)
      if (end < 0) break
      yield JSON.parse(text.slice(start + 1, end + close.length))
      pos = end + close.length
    }
    text = text.slice(pos)
  }
  closeSync(fd)
}

/** v1 before v1beta1 before v1alpha1, as Kubernetes ranks versions. */
function versionRank(version) {
  const m = /^v(\d+)(?:(beta|alpha)(\d+))?$/.exec(version)
  if (!m) return 0
  return Number(m[1]) * 1000 + (m[2] === undefined ? 900 : m[2] === 'beta' ? 500 : 100) + Number(m[3] ?? 0)
}

/**
 * Types by group and kind, each with its items pre-serialised as a list page carries them. A group serves
 * every version any of its objects was written in, and every kind of it in each, as a CRD does; custom
 * resources are stored at the group's preferred version, the one discovery points clients to.
 */
function index(dump) {
  const types = new Map()
  const versions = new Map()
  for (const item of jsonItems(dump)) {
    const slash = item.apiVersion.lastIndexOf('/')
    const group = slash < 0 ? '' : item.apiVersion.slice(0, slash)
    const version = slash < 0 ? item.apiVersion : item.apiVersion.slice(slash + 1)
    if (!versions.has(group)) versions.set(group, new Set())
    versions.get(group).add(version)
    const key = `${group}/${item.kind}`
    let type = types.get(key)
    if (!type) {
      type = {group, kind: item.kind, plural: pluralOf(item.kind), namespaced: !CLUSTER_SCOPED.has(item.kind), builtIn: BUILT_IN_GROUPS.has(group), items: []}
      types.set(key, type)
    }
    if (type.builtIn) {
      delete item.kind
      delete item.apiVersion
    } else {
      item.apiVersion = group
    }
    type.items.push(JSON.stringify(item))
  }
  for (const type of types.values()) {
    type.versions = [...versions.get(type.group)].sort((a, b) => versionRank(b) - versionRank(a))
    type.version = type.versions[0]
    if (!type.builtIn) type.items = type.items.map((item) => item.replace(`"apiVersion":"${type.group}"`, `"apiVersion":"${type.group}/${type.version}"`))
  }
  return [...types.values()]
}

async function makeCertificate() {
  // loaded here, by the server alone: @peculiar/x509 needs the Reflect polyfill loaded before it
  await import('reflect-metadata')
  const x509 = await import('@peculiar/x509')
  x509.cryptoProvider.set(globalThis.crypto)
  const alg = {name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256'}
  const keys = await crypto.subtle.generateKey(alg, true, ['sign', 'verify'])
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=127.0.0.1', keys, serialNumber: '01', signingAlgorithm: alg,
    notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000),
    extensions: [new x509.SubjectAlternativeNameExtension([{type: 'ip', value: '127.0.0.1'}])],
  })
  const key = x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY')
  return {cert: cert.toString('pem'), key}
}

function discovery(types, pathname) {
  if (pathname === '/api') return {kind: 'APIVersions', versions: ['v1']}
  const groups = new Map(types.filter((t) => t.group).map((t) => [t.group, t.versions]))
  if (pathname === '/apis') {
    return {kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((version) => ({groupVersion: `${name}/${version}`, version})),
      preferredVersion: {groupVersion: `${name}/${versions[0]}`, version: versions[0]},
    }))}
  }
  const gv = pathname === '/api/v1' ? 'v1' : pathname.startsWith('/apis/') ? pathname.slice('/apis/'.length) : undefined
  if (gv === undefined) return undefined
  const inGv = types.filter((t) => t.versions.some((v) => (t.group ? `${t.group}/${v}` : v) === gv))
  if (inGv.length === 0 && gv !== 'v1') return undefined
  const verbs = ['get', 'list', 'watch']
  return {kind: 'APIResourceList', groupVersion: gv, resources: inGv.map((t) => ({name: t.plural, kind: t.kind, namespaced: t.namespaced, verbs}))}
}

function page(type, url) {
  const limit = Number(url.searchParams.get('limit')) || type.items.length
  const offset = Number(url.searchParams.get('continue') ?? 0)
  const end = Math.min(offset + limit, type.items.length)
  const more = end < type.items.length ? `,"continue":"${end}","remainingItemCount":${type.items.length - end}` : ''
  const apiVersion = type.group ? `${type.group}/${type.version}` : type.version
  return `{"kind":"${type.kind}List","apiVersion":"${apiVersion}","metadata":{"resourceVersion":"1"${more}},"items":[${type.items.slice(offset, end).join(',')}]}`
}

async function serve(dump, readyFile) {
  const types = index(dump)
  const lists = new Map(types.flatMap((t) => t.versions.map((v) => [`${t.group ? `/apis/${t.group}` : '/api'}/${v}/${t.plural}`, t])))
  const {cert, key} = await makeCertificate()
  const server = https.createServer({cert, key}, (req, res) => {
    const url = new URL(req.url, 'https://127.0.0.1')
    const send = (code, body) => {
      res.writeHead(code, {'content-type': 'application/json'})
      res.end(typeof body === 'string' ? body : JSON.stringify(body))
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, {kind: 'Status', code: 401, message: 'Unauthorized'})
    const info = discovery(types, url.pathname)
    if (info) return send(200, info)
    const type = lists.get(url.pathname)
    if (type) return send(200, page(type, url))
    // kinds the dump does not hold: listed by the scanner only if discovery said they exist, which it did not
    send(404, {kind: 'Status', code: 404, message: 'the server could not find the requested resource'})
  })
  server.keepAliveTimeout = 60_000
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `https://127.0.0.1:${server.address().port}`
  const kubeconfig = join(dirname(readyFile), 'kubeconfig.yaml')
  writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: bench',
    'clusters:', '- name: bench', '  cluster:', `    server: ${url}`, `    certificate-authority-data: ${Buffer.from(cert).toString('base64')}`,
    'users:', '- name: bench', '  user:', `    token: ${TOKEN}`,
    'contexts:', '- name: bench', '  context: {cluster: bench, user: bench}', '',
  ].join('\n'))
  const objects = types.reduce((sum, t) => sum + t.items.length, 0)
  // the yardstick lists each kind once, at its preferred version, as the scanner does
  const preferred = types.map((t) => `${t.group ? `/apis/${t.group}` : '/api'}/${t.version}/${t.plural}`)
  writeFileSync(readyFile, JSON.stringify({url, kubeconfig, caPem: cert, token: TOKEN, objects, lists: preferred}))
  process.on('SIGTERM', () => {
    server.closeAllConnections()
    server.close(() => process.exit(0))
  })
}

// ---- the measured clients ---------------------------------------------------------------------------

async function scanLive(readyFile) {
  const {kubeconfig} = JSON.parse(readFileSync(readyFile, 'utf8'))
  const dist = (path) => pathToFileURL(join(ROOT, 'dist', 'src', path)).href
  const [{scan}, {loadCluster}, {writeReports}] = await Promise.all([import(dist('actions/scan.js')), import(dist('sources/cluster/index.js')), import(dist('reporters/index.js'))])
  const {report} = await scan({now: new Date(SCAN_NOW)}, {version: 'bench', load: () => loadCluster({kubeconfig, env: {}})})
  // the JSON report is written, as the manifest scan it is compared with writes it
  const out = mkdtempSync(join(tmpdir(), 'zt-audit-bench-live-'))
  await writeReports(report, ['json'], out)
  rmSync(out, {recursive: true, force: true})
  process.stdout.write(JSON.stringify({objects: report.scan.objectsScanned, findings: report.findings.length}))
}

/** The yardstick: every list of the server, 500 a page, one after another over one keep-alive connection. */
async function listRaw(readyFile) {
  const {url, caPem, token, lists} = JSON.parse(readFileSync(readyFile, 'utf8'))
  const agent = new https.Agent({keepAlive: true, ca: caPem})
  const get = (path) => new Promise((resolve, reject) => {
    https.get(`${url}${path}`, {agent, headers: {authorization: `Bearer ${token}`, accept: 'application/json'}}, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
    }).on('error', reject)
  })
  const kept = []
  let requests = 0
  for (const path of lists) {
    let token
    do {
      const list = await get(`${path}?limit=${PAGE_SIZE}${token ? `&continue=${encodeURIComponent(token)}` : ''}`)
      requests++
      for (const item of list.items) kept.push(item)
      token = list.metadata?.continue
    } while (token)
  }
  agent.destroy()
  process.stdout.write(JSON.stringify({objects: kept.length, requests}))
}

// ---- what run.js calls ------------------------------------------------------------------------------

const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/** Starts the server on `dump` and waits, synchronously as run.js measures, until it listens. */
function startServer(dump) {
  const dir = mkdtempSync(join(tmpdir(), 'zt-audit-bench-api-'))
  const readyFile = join(dir, 'ready.json')
  const child = spawn(process.execPath, [LIVE, 'serve', dump, readyFile], {stdio: ['ignore', 'ignore', 'inherit']})
  const started = Date.now()
  while (!existsSync(readyFile)) {
    if (child.exitCode !== null || Date.now() - started > READY_TIMEOUT_MS) {
      child.kill()
      rmSync(dir, {recursive: true, force: true})
      throw new Error(`the bench API server did not start (exit ${child.exitCode})`)
    }
    sleepSync(100)
  }
  return {readyFile, objects: JSON.parse(readFileSync(readyFile, 'utf8')).objects, stop: () => {
    child.kill('SIGTERM')
    rmSync(dir, {recursive: true, force: true})
  }}
}

function parsed(run) {
  if (!run.error && run.status !== 0) run.error = `exit ${run.status}: ${run.stderr}`
  if (!run.error) Object.assign(run, JSON.parse(run.stdout))
  delete run.stdout
  if (!run.error) delete run.stderr
  return run
}

/** Live scan and raw LIST yardstick of one dump, `runs` times each, interleaved. */
export function measureLive(manifest, {runs, timeoutMs}, log) {
  const label = `${manifest.objects}`
  let server
  try {
    server = startServer(manifest.files.json.path)
  } catch (error) {
    return {objects: manifest.objects, error: error.message}
  }
  const scanRuns = []
  const listRuns = []
  try {
    for (let i = 1; i <= runs; i++) {
      const list = parsed(measure([LIVE, 'list', server.readyFile], {timeoutMs}))
      listRuns.push(list)
      log(`${label} live list ${i}/${runs}: ${list.error ?? `${(list.wallMs / 1000).toFixed(2)} s, ${list.peakRssMB?.toFixed(0)} MB, ${list.requests} requests`}`)
      const scan = parsed(measure([LIVE, 'scan', server.readyFile], {timeoutMs}))
      scanRuns.push(scan)
      log(`${label} live scan ${i}/${runs}: ${scan.error ?? `${(scan.wallMs / 1000).toFixed(2)} s, ${scan.peakRssMB?.toFixed(0)} MB, ${scan.objects} objects, ${scan.findings} findings`}`)
    }
  } finally {
    server.stop()
  }
  return {objects: manifest.objects, served: server.objects, list: summarize(listRuns), scan: summarize(scanRuns), runs: {list: listRuns, scan: scanRuns}}
}

const sec = (ms) => (typeof ms === 'number' ? (ms / 1000).toFixed(2) : '–')
const mb = (v) => (typeof v === 'number' ? v.toFixed(0) : '–')
const times = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? `${(a / b).toFixed(2)}×` : '–')

/** Live figures next to the manifest scan of the same objects (the JSON dump). */
export function liveTable(liveEntries, entries) {
  const rows = liveEntries.map((live) => {
    const files = entries.find((e) => e.objects === live.objects && e.shape === 'json')?.scan
    return [
      live.objects.toLocaleString('en-US'),
      sec(live.list?.wallMs), sec(live.list?.cpuMs), mb(live.list?.peakRssMB),
      sec(live.scan?.wallMs), sec(live.scan?.cpuMs), mb(live.scan?.peakRssMB),
      times(live.scan?.wallMs, live.list?.wallMs),
      sec(files?.wallMs), mb(files?.peakRssMB),
      `${live.scan?.objects ?? '–'} / ${files?.objects ?? '–'}`,
      `${live.scan?.findings ?? '–'} / ${files?.findings ?? '–'}`,
      live.error ?? live.scan?.error ?? live.list?.error ?? '',
    ]
  })
  return markdownTable(['objects', 'raw LIST wall s', 'CPU s', 'RSS MB', 'live scan wall s', 'CPU s', 'RSS MB', 'scan ÷ LIST (wall)',
    'manifest scan wall s', 'RSS MB', 'objects live / manifest', 'findings live / manifest', 'error'], rows)
}

// ---- command line -----------------------------------------------------------------------------------

if (process.argv[1] === LIVE) {
  const [role, ...args] = process.argv.slice(2)
  const roles = {serve: () => serve(args[0], args[1]), scan: () => scanLive(args[0]), list: () => listRaw(args[0])}
  if (!roles[role]) {
    process.stderr.write('usage: node bench/live.js serve DUMP.json READY_FILE | scan READY_FILE | list READY_FILE\n')
    process.exitCode = 2
  } else {
    roles[role]().catch((error) => {
      process.stderr.write(`${error.stack ?? error}\n`)
      process.exitCode = 1
    })
  }
}
