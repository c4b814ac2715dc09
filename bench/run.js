#!/usr/bin/env node
// npm run bench: builds the CLI, generates (or reuses) synthetic cluster dumps, and times the full scan
// against a parse-only baseline of the same file, each in a fresh process. Figures go to standard output
// and bench/out/results.json; progress goes to standard error.

import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {DEFAULT_OUT, DEFAULT_SEED, ensureDump, parseSize, sizeLabel} from './generate.js'
import {ROOT, SCAN_NOW, measureBaseline, measureScan, scanAvailable} from './measure.js'
import {baselineNotes, figuresTable, goals, goalsTable, growth, growthTable, machine, machineLine, summarize, withRatios} from './report.js'
import {liveTable, measureLive} from './live.js'

const USAGE = `Usage: npm run bench -- [options]
  --sizes LIST     object counts to run (default 1k,10k,100k)
  --shapes LIST    yaml, json or both (default yaml,json)
  --runs N         runs per measurement, median reported (default 3 up to 10k objects, 1 above)
  --seed N         generator seed (default ${DEFAULT_SEED})
  --out DIR        where dumps and results.json go (default bench/out)
  --timeout S      give up on one run after S seconds (default 1200)
  --no-build       measure the existing dist/ without rebuilding
  --no-scan        baselines only
  --live           also scan each size as a live cluster, served by a local API server (bench/live.js)
  --help           this text`

const log = (line) => process.stderr.write(line + '\n')

function options() {
  const {values} = parseArgs({
    allowNegative: true,
    options: {
      sizes: {type: 'string', default: '1k,10k,100k'},
      shapes: {type: 'string', default: 'yaml,json'},
      runs: {type: 'string'},
      seed: {type: 'string', default: String(DEFAULT_SEED)},
      out: {type: 'string', default: DEFAULT_OUT},
      timeout: {type: 'string', default: '1200'},
      build: {type: 'boolean', default: true},
      scan: {type: 'boolean', default: true},
      live: {type: 'boolean', default: false},
      help: {type: 'boolean', default: false},
    },
  })
  const shapes = values.shapes.split(',').map((s) => s.trim())
  if (shapes.some((s) => s !== 'yaml' && s !== 'json')) throw new Error(`--shapes takes yaml and/or json, not ${values.shapes}`)
  return {
    ...values,
    sizes: values.sizes.split(',').map(parseSize).sort((a, b) => a - b),
    shapes,
    runs: values.runs === undefined ? undefined : Math.max(1, Number.parseInt(values.runs, 10)),
    seed: Number(values.seed),
    timeoutMs: Number(values.timeout) * 1000,
  }
}

// The scan is measured as built, so build first; a build with type errors still emits dist/.
function build() {
  log('npm run build ...')
  const child = spawnSync('npm', ['run', 'build'], {cwd: ROOT, encoding: 'utf8'})
  if (child.status === 0) return {ok: true}
  const output = `${child.stdout ?? ''}${child.stderr ?? ''}`.trim().split('\n').slice(-10).join('\n')
  log(`build failed (exit ${child.status}):\n${output}`)
  return {ok: false, distPresent: existsSync(join(ROOT, 'dist')), output}
}

function runsFor(objects, opts) {
  return opts.runs ?? (objects <= 10000 ? 3 : 1)
}

function brief(run) {
  if (run.error) return `error: ${run.error.split('\n')[0]}`
  return `${(run.wallMs / 1000).toFixed(2)} s, ${run.peakRssMB?.toFixed(0)} MB`
}

function measureEntry(manifest, shape, opts, scanEnabled) {
  const size = sizeLabel(manifest.objects)
  const file = manifest.files[shape]
  const n = runsFor(manifest.objects, opts)
  const baselineRuns = []
  const scanRuns = []
  // Interleaved, so a burst of load on a shared machine hits both sides alike.
  for (let i = 1; i <= n; i++) {
    const b = measureBaseline(file.path, shape, opts)
    baselineRuns.push(b)
    log(`${size} ${shape} baseline ${i}/${n}: ${brief(b)}`)
    if (!scanEnabled) continue
    const s = measureScan(file.path, opts)
    scanRuns.push(s)
    log(`${size} ${shape} scan     ${i}/${n}: ${brief(s)}${s.error ? '' : `, ${s.objects} objects, ${s.findings} findings`}`)
  }
  return withRatios({
    size, objects: manifest.objects, shape, file: file.path, bytes: file.bytes,
    baseline: summarize(baselineRuns),
    scan: scanEnabled ? summarize(scanRuns) : undefined,
    runs: {baseline: baselineRuns, scan: scanRuns},
  })
}

function main() {
  let opts
  try {
    opts = options()
  } catch (error) {
    log(`${error.message}\n\n${USAGE}`)
    return 2
  }
  if (opts.help) {
    process.stdout.write(USAGE + '\n')
    return 0
  }
  const major = Number(process.versions.node.split('.')[0])
  if (major < 22) {
    log(`Node ${process.version} is too old for zt-audit; run the bench with \`npm run bench\`, which uses the project's Node.`)
    return 2
  }
  const startedAt = new Date().toISOString()
  const host = machine()
  let buildResult = {ok: true, skipped: true}
  if (opts.scan && opts.build) buildResult = build()
  let scanProblem = opts.scan ? scanAvailable() : 'disabled with --no-scan'
  if (opts.scan && scanProblem) log(`zt-audit scan is not runnable, measuring baselines only:\n${scanProblem}`)
  if (!opts.scan) scanProblem = undefined

  const entries = []
  const live = []
  for (const objects of opts.sizes) {
    const manifest = ensureDump({objects, seed: opts.seed, outDir: opts.out, log})
    for (const shape of opts.shapes) entries.push(measureEntry(manifest, shape, opts, opts.scan && !scanProblem))
    if (opts.live) live.push(measureLive(manifest, {runs: runsFor(objects, opts), timeoutMs: opts.timeoutMs}, log))
  }
  const steps = growth(entries)
  const goalList = goals(entries, steps)

  const notes = baselineNotes(entries)
  const text = [
    '# zt-audit bench',
    '',
    `Machine: ${machineLine(host)}`,
    `Started ${startedAt}; seed ${opts.seed}; scan: \`zt-audit scan --manifests FILE --format json --now ${SCAN_NOW} --fail-on critical\``,
    ...(scanProblem ? ['', `Scan not measured: ${scanProblem}`] : []),
    '',
    '## Figures (median of the runs; wall times include process start)',
    '',
    figuresTable(entries),
    ...(notes.length > 0 ? ['', ...notes] : []),
    '',
    '## Growth factors',
    '',
    growthTable(steps),
    '',
    '## Goals (shown, not enforced)',
    '',
    goalsTable(goalList),
    '',
    ...(opts.live ? ['## Live scan (local API server over HTTPS, paged LISTs of 500) against the manifest scan of the same JSON dump', '', liveTable(live, entries), ''] : []),
  ].join('\n')
  process.stdout.write(text)

  mkdirSync(opts.out, {recursive: true})
  const resultsPath = join(opts.out, 'results.json')
  const results = {
    startedAt, machine: host, seed: opts.seed, now: SCAN_NOW, build: buildResult,
    scanProblem, sizes: opts.sizes, shapes: opts.shapes, entries, growth: steps, goals: goalList,
    ...(opts.live ? {live} : {}),
  }
  writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n')
  log(`results written to ${resultsPath}`)
  // Goal misses are information; only a measurement that could not be taken fails the run.
  const errors = [...entries.flatMap((e) => [e.baseline, e.scan]), ...live.flatMap((l) => [l, l.scan, l.list])].filter((s) => s?.error)
  return errors.length > 0 || scanProblem ? 1 : 0
}

process.exitCode = main()
