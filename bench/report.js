// Summaries of a bench run: the machine, the figures per size and shape, growth factors and the goals.
// Goals are shown as pass or miss and never change the exit status.

import {cpus, loadavg, release, totalmem} from 'node:os'
import {getHeapStatistics} from 'node:v8'

export const GOALS = {
  scanRatio: 1.5, // scan wall ≤ 1.5 × the parse-only baseline of the same file, at the largest size
  peakRssMB: 1000, // scan peak RSS ≤ 1 GB at 100k objects
  timeGrowth: 1.2, // per step in size: time grows ≤ 1.2 × the object count's growth (×12 for ×10)
  rssGrowth: 1.1, // and peak RSS ≤ 1.1 × (×11 for ×10)
}
const GOAL_SIZE = 100000

export function machine() {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    v8HeapLimitMiB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
    os: `${process.platform} ${release()} ${process.arch}`,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  }
}

export function median(values) {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b)
  if (v.length === 0) return undefined
  const mid = Math.floor(v.length / 2)
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2
}

/** Median of each metric over the runs that succeeded; the first error if none did. */
export function summarize(runs) {
  const ok = runs.filter((r) => !r.error)
  const out = {runs: runs.length, ok: ok.length}
  if (ok.length === 0) return {...out, error: runs[0]?.error}
  for (const key of ['wallMs', 'cpuMs', 'peakRssMB']) out[key] = median(ok.map((r) => r[key]))
  for (const key of ['objects', 'findings', 'method', 'status']) if (ok[0][key] !== undefined) out[key] = ok[0][key]
  if (ok.length < runs.length) out.error = runs.find((r) => r.error).error
  return out
}

const fixed = (digits) => (v) => (typeof v === 'number' ? v.toFixed(digits) : '–')
const sec = (ms) => fixed(2)(ms === undefined ? undefined : ms / 1000)
const times = (v) => (typeof v === 'number' ? `${v.toFixed(2)}×` : '–')
const int = (v) => (typeof v === 'number' ? v.toLocaleString('en-US') : '–')

function ratio(a, b) {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : undefined
}

export function markdownTable(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map(String))
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)))
  const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  return [line(cells[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n')
}

export function withRatios(entry) {
  return {
    ...entry,
    wallRatio: ratio(entry.scan?.wallMs, entry.baseline?.wallMs),
    cpuRatio: ratio(entry.scan?.cpuMs, entry.baseline?.cpuMs),
  }
}

export function figuresTable(entries) {
  const headers = ['size', 'shape', 'file MB', 'baseline wall s', 'scan wall s', 'scan/baseline',
    'baseline CPU s', 'scan CPU s', 'CPU ratio', 'baseline peak RSS MB', 'scan peak RSS MB', 'objects', 'scanned', 'findings']
  const rows = entries.map((e) => [
    e.size, e.shape, fixed(1)(e.bytes / 1e6),
    sec(e.baseline?.wallMs), e.scan?.error && !e.scan.ok ? 'error' : sec(e.scan?.wallMs), times(e.wallRatio),
    sec(e.baseline?.cpuMs), sec(e.scan?.cpuMs), times(e.cpuRatio),
    fixed(0)(e.baseline?.peakRssMB), fixed(0)(e.scan?.peakRssMB),
    int(e.objects), int(e.scan?.objects), int(e.scan?.findings),
  ])
  return markdownTable(headers, rows)
}

/** Growth between consecutive sizes of the same shape. */
export function growth(entries) {
  const out = []
  const shapes = [...new Set(entries.map((e) => e.shape))]
  for (const shape of shapes) {
    const list = entries.filter((e) => e.shape === shape).sort((a, b) => a.objects - b.objects)
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1], list[i]]
      out.push({
        shape, from: a.size, to: b.size,
        objects: b.objects / a.objects,
        baselineWall: ratio(b.baseline?.wallMs, a.baseline?.wallMs),
        scanWall: ratio(b.scan?.wallMs, a.scan?.wallMs),
        scanCpu: ratio(b.scan?.cpuMs, a.scan?.cpuMs),
        scanRss: ratio(b.scan?.peakRssMB, a.scan?.peakRssMB),
      })
    }
  }
  return out
}

export function growthTable(steps) {
  if (steps.length === 0) return 'Growth needs two or more sizes in the same run.'
  const headers = ['shape', 'step', 'objects', 'baseline wall', 'scan wall', 'scan CPU', 'scan peak RSS']
  return markdownTable(headers, steps.map((g) => [
    g.shape, `${g.from} → ${g.to}`, times(g.objects), times(g.baselineWall), times(g.scanWall), times(g.scanCpu), times(g.scanRss),
  ]))
}

function verdict(measured, limit) {
  if (typeof measured !== 'number') return 'n/a'
  return measured <= limit ? 'pass' : 'miss'
}

/** Each goal per shape, judged at 100k objects (growth: on the step into the largest size run). */
export function goals(entries, steps) {
  const out = []
  for (const shape of [...new Set(entries.map((e) => e.shape))]) {
    const at = entries.find((e) => e.shape === shape && e.objects === GOAL_SIZE)
    const baselineName = shape === 'yaml' ? 'js-yaml loadAll' : 'JSON.parse'
    out.push({
      goal: `scan wall ≤ ${GOALS.scanRatio}× ${baselineName} at 100k (${shape})`,
      measured: at?.scan ? times(at.wallRatio) : 'not run',
      status: verdict(at?.wallRatio, GOALS.scanRatio),
    })
    out.push({
      goal: `scan peak RSS ≤ ${GOALS.peakRssMB} MB at 100k (${shape})`,
      measured: at?.scan?.peakRssMB === undefined ? (at?.scan ? 'error' : 'not run') : `${at.scan.peakRssMB.toFixed(0)} MB`,
      status: verdict(at?.scan?.peakRssMB, GOALS.peakRssMB),
    })
    const last = steps.filter((g) => g.shape === shape).at(-1)
    if (!last) continue
    const timeLimit = last.objects * GOALS.timeGrowth
    const rssLimit = last.objects * GOALS.rssGrowth
    out.push({
      goal: `near-linear time ${last.from} → ${last.to} (${shape}): scan wall ≤ ${timeLimit.toFixed(0)}×`,
      measured: times(last.scanWall),
      status: verdict(last.scanWall, timeLimit),
    })
    out.push({
      goal: `near-linear memory ${last.from} → ${last.to} (${shape}): scan peak RSS ≤ ${rssLimit.toFixed(0)}×`,
      measured: times(last.scanRss),
      status: verdict(last.scanRss, rssLimit),
    })
  }
  return out
}

/** Baselines that could not use the plain method, e.g. a JSON file longer than V8's maximum string. */
export function baselineNotes(entries) {
  return entries
    .filter((e) => e.baseline?.method && !['JSON.parse', 'js-yaml loadAll'].includes(e.baseline.method))
    .map((e) => `- ${e.size} ${e.shape} baseline: ${e.baseline.method}`)
}

export function goalsTable(list) {
  return markdownTable(['goal', 'measured', 'status'], list.map((g) => [g.goal, g.measured, g.status]))
}

export function machineLine(m) {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node} (V8 heap limit ${m.v8HeapLimitMiB} MiB), ` +
    `${m.os}, load average ${m.loadAverage.join(' / ')}`
}
