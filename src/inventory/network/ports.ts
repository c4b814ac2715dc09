export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const
export type Protocol = (typeof PROTOCOLS)[number]

const MIN_PORT = 1
const MAX_PORT = 65535

type Interval = readonly [number, number]

function normalize(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0])
  const merged: [number, number][] = []
  for (const [a, b] of sorted) {
    const last = merged.at(-1)
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b)
    else merged.push([a, b])
  }
  return merged
}

function intersectIntervals(xs: readonly Interval[], ys: readonly Interval[]): Interval[] {
  const out: Interval[] = []
  let i = 0
  let j = 0
  while (i < xs.length && j < ys.length) {
    const lo = Math.max(xs[i][0], ys[j][0])
    const hi = Math.min(xs[i][1], ys[j][1])
    if (lo <= hi) out.push([lo, hi])
    if (xs[i][1] < ys[j][1]) i++
    else j++
  }
  return out
}

/** An immutable set of (protocol, port) pairs: what a policy lets through. */
export class PortSet {
  private constructor(private readonly byProtocol: ReadonlyMap<Protocol, readonly Interval[]>) {}

  static readonly none = new PortSet(new Map())
  static readonly all = new PortSet(new Map(PROTOCOLS.map((p) => [p, [[MIN_PORT, MAX_PORT]] as const])))

  static of(protocol: Protocol, from: number = MIN_PORT, to: number = from === MIN_PORT ? MAX_PORT : from): PortSet {
    return new PortSet(new Map([[protocol, normalize([[Math.max(from, MIN_PORT), Math.min(to, MAX_PORT)]])]]))
  }

  static allOf(protocol: Protocol): PortSet {
    return PortSet.of(protocol, MIN_PORT, MAX_PORT)
  }

  union(other: PortSet): PortSet {
    if (this.isEmpty()) return other
    if (other.isEmpty()) return this
    const map = new Map<Protocol, Interval[]>()
    for (const p of PROTOCOLS) {
      const merged = normalize([...(this.byProtocol.get(p) ?? []), ...(other.byProtocol.get(p) ?? [])])
      if (merged.length) map.set(p, merged)
    }
    return new PortSet(map)
  }

  intersect(other: PortSet): PortSet {
    const map = new Map<Protocol, Interval[]>()
    for (const p of PROTOCOLS) {
      const both = intersectIntervals(this.byProtocol.get(p) ?? [], other.byProtocol.get(p) ?? [])
      if (both.length) map.set(p, both)
    }
    return new PortSet(map)
  }

  isEmpty(): boolean {
    return this.byProtocol.size === 0
  }

  isAll(): boolean {
    return PROTOCOLS.every((p) => {
      const intervals = this.byProtocol.get(p)
      return intervals?.length === 1 && intervals[0][0] === MIN_PORT && intervals[0][1] === MAX_PORT
    })
  }

  equals(other: PortSet): boolean {
    return this.toString() === other.toString()
  }

  /** `All Connections`, `No Connections`, or e.g. `TCP 80,8080-8090,UDP 53` */
  toString(): string {
    if (this.isEmpty()) return 'No Connections'
    if (this.isAll()) return 'All Connections'
    const parts: string[] = []
    for (const p of PROTOCOLS) {
      const intervals = this.byProtocol.get(p)
      if (!intervals) continue
      const text = intervals.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(',')
      parts.push(`${p} ${text}`)
    }
    return parts.join(',')
  }
}
