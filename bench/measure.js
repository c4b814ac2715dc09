// Runs one measured process cold: wall time as the parent sees it, peak RSS and CPU time as the child
// reports them through the preloaded peak-rss.js.

import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
export const ROOT = join(HERE, '..')
const PRELOAD = pathToFileURL(join(HERE, 'peak-rss.js')).href
const BASELINE = join(HERE, 'baseline.js')
const BIN = join(ROOT, 'bin', 'run.js')
export const SCAN_NOW = '2026-01-01T00:00:00Z'

function tail(text, lines = 8) {
  return (text ?? '').trim().split('\n').slice(-lines).join('\n')
}

/** Spawns `node --import peak-rss.js ...args` and returns what it cost. */
export function measure(args, {timeoutMs}) {
  const scratch = mkdtempSync(join(tmpdir(), 'zt-audit-bench-'))
  const usageFile = join(scratch, 'usage.json')
  const started = performance.now()
  const child = spawnSync(process.execPath, ['--import', PRELOAD, ...args], {
    cwd: ROOT,
    env: {...process.env, ZT_BENCH_USAGE_FILE: usageFile},
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    timeout: timeoutMs,
  })
  const wallMs = performance.now() - started
  let usage
  try {
    usage = JSON.parse(readFileSync(usageFile, 'utf8'))
  } catch {
    usage = undefined
  }
  rmSync(scratch, {recursive: true, force: true})
  const run = {
    wallMs,
    cpuMs: usage ? (usage.userCpuUs + usage.systemCpuUs) / 1000 : undefined,
    peakRssMB: usage ? (usage.maxRssKiB * 1024) / 1e6 : undefined,
    status: child.status,
    stdout: child.stdout,
  }
  if (child.error?.code === 'ETIMEDOUT') run.error = `timed out after ${Math.round(timeoutMs / 1000)} s`
  else if (child.error) run.error = child.error.message
  else if (child.signal) run.error = `killed by ${child.signal}${tail(child.stderr) ? `: ${tail(child.stderr)}` : ''}`
  run.stderr = tail(child.stderr)
  return run
}

/** The yardstick: parse the dump and keep the objects (bench/baseline.js). */
export function measureBaseline(file, shape, options) {
  const run = measure([BASELINE, file, shape], options)
  if (!run.error && run.status !== 0) run.error = `exit ${run.status}: ${run.stderr}`
  if (!run.error) Object.assign(run, JSON.parse(run.stdout))
  return clean(run)
}

/** The full scan, as a user runs it, reading the object and finding counts back from its JSON report. */
export function measureScan(file, options) {
  const outDir = mkdtempSync(join(tmpdir(), 'zt-audit-bench-report-'))
  const run = measure([BIN, 'scan', '--manifests', file, '--format', 'json', '--output-dir', outDir,
    '--now', SCAN_NOW, '--fail-on', 'critical'], options)
  // 0: nothing reached --fail-on; 1: something did. Both mean the scan ran.
  if (!run.error && run.status !== 0 && run.status !== 1) run.error = `exit ${run.status}: ${run.stderr}`
  if (!run.error) {
    try {
      const report = JSON.parse(readFileSync(join(outDir, 'zt-audit.json'), 'utf8'))
      run.objects = report.scan?.objectsScanned
      run.findings = report.findings?.length
    } catch (error) {
      run.error = `no readable report in --output-dir: ${error.message}`
    }
  }
  rmSync(outDir, {recursive: true, force: true})
  return clean(run)
}

/** Does `zt-audit scan` exist in the build at all? Saves timing a command that is not there. */
export function scanAvailable() {
  const child = spawnSync(process.execPath, [BIN, 'scan', '--help'], {cwd: ROOT, encoding: 'utf8'})
  return child.status === 0 ? undefined : tail(child.stderr || child.stdout, 4) || `exit ${child.status}`
}

function clean(run) {
  delete run.stdout
  if (!run.error) delete run.stderr
  return run
}
