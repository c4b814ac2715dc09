// The comma-separated port and address lists of the proxy annotations (`8080,9090-9092`, `10.0.0.0/8`, `*`).

export interface PortList {
  /** `*`: every port */
  all: boolean
  ranges: [number, number][]
  /** named ports (Linkerd accepts container port names) */
  names: string[]
}

export function parsePortList(text: string): PortList {
  const list: PortList = {all: false, ranges: [], names: []}
  for (const raw of text.split(',')) {
    const item = raw.trim()
    if (item === '') continue
    if (item === '*') {
      list.all = true
      continue
    }
    const range = /^(\d+)(?:-(\d+))?$/.exec(item)
    if (range) list.ranges.push([Number(range[1]), Number(range[2] ?? range[1])])
    else list.names.push(item)
  }
  return list
}

export function portListIsEmpty(list: PortList): boolean {
  return !list.all && list.ranges.length === 0 && list.names.length === 0
}

export function portListHas(list: PortList, port: number, name?: string): boolean {
  return list.all || list.ranges.some(([a, b]) => a <= port && port <= b) || (name !== undefined && list.names.includes(name))
}

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}
