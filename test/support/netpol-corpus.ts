// Reading np-guard netpol-analyzer test cases: golden connectivity lists as lines, and the analyzer's names
// for our workloads and address ranges.
import type {AddressRange} from '../../src/inventory/network/index.js'
import {formatAddress} from '../../src/inventory/network/index.js'
import type {WorkloadView} from '../../src/inventory/index.js'

export interface ConnLine {
  src: string
  dst: string
  conns: string
}

/** `src => dst : conns` lines of a golden connlist; headers and blank lines are dropped. */
export function parseConnlist(text: string): ConnLine[] {
  const lines: ConnLine[] = []
  for (const line of text.split('\n')) {
    const match = /^(\S+) => (\S+) : (.+)$/.exec(line.trim())
    if (match) lines.push({src: match[1], dst: match[2], conns: match[3].trim()})
  }
  return lines
}

/** The analyzer's name for a workload: `ns/name[Kind]`. */
export const analyzerName = (w: WorkloadView): string => `${w.namespace}/${w.name}[${w.kind}]`

const EXTERNAL = /^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)\[External\]$/

function ipv4(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n)
}

/** `a.b.c.d-w.x.y.z[External]` as a range; undefined for any other endpoint. */
export function parseExternal(name: string): AddressRange | undefined {
  const match = EXTERNAL.exec(name)
  return match ? {family: 4, start: ipv4(match[1]), end: ipv4(match[2])} : undefined
}

export const formatExternal = (range: AddressRange): string =>
  `${formatAddress(range.family, range.start)}-${formatAddress(range.family, range.end)}[External]`

const V4_END = 2n ** 32n - 1n

/** The IPv4 space cut at every start and end+1 given: ranges none of the cuts falls inside. */
export function elementaryRanges(cuts: Iterable<bigint>): AddressRange[] {
  const points = [...new Set([0n, ...cuts])].filter((p) => p >= 0n && p <= V4_END).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return points.map((start, i) => ({family: 4, start, end: i + 1 < points.length ? points[i + 1] - 1n : V4_END}))
}
