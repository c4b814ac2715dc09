/** An address block as an inclusive numeric range, IPv4 or IPv6. */
export interface AddressRange {
  family: 4 | 6
  start: bigint
  end: bigint
}

const V4_BITS = 32
const V6_BITS = 128

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  let value = 0n
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined
    const octet = Number(part)
    if (octet > 255) return undefined
    value = (value << 8n) | BigInt(octet)
  }
  return value
}

function parseV6(text: string): bigint | undefined {
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const group = (part: string): string[] => (part === '' ? [] : part.split(':'))
  let head = group(halves[0])
  let tail = halves.length === 2 ? group(halves[1]) : []
  // an embedded IPv4 tail (::ffff:10.0.0.1) counts as two groups
  const expand = (groups: string[]): string[] | undefined => {
    const last = groups.at(-1)
    if (last === undefined || !last.includes('.')) return groups
    const v4 = parseV4(last)
    if (v4 === undefined) return undefined
    return [...groups.slice(0, -1), (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)]
  }
  if (halves.length === 2) {
    const expandedTail = expand(tail)
    if (!expandedTail) return undefined
    tail = expandedTail
  } else {
    const expandedHead = expand(head)
    if (!expandedHead) return undefined
    head = expandedHead
  }
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail]
  let value = 0n
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined
    value = (value << 16n) | BigInt(parseInt(g, 16))
  }
  return value
}

/** Parses `10.0.0.0/8` or `fd00::/8`. Host bits set below the prefix are ignored, as Kubernetes masks them. */
export function parseCidr(text: string): AddressRange | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text.trim())
  if (!match) return undefined
  const [, address, prefixText] = match
  const family = address.includes(':') ? 6 : 4
  const bits = family === 4 ? V4_BITS : V6_BITS
  const prefix = Number(prefixText)
  if (prefix > bits) return undefined
  const value = family === 4 ? parseV4(address) : parseV6(address)
  if (value === undefined) return undefined
  const hostBits = BigInt(bits - prefix)
  const start = (value >> hostBits) << hostBits
  return {family, start, end: start + (1n << hostBits) - 1n}
}

export function rangeContains(outer: AddressRange, inner: AddressRange): boolean {
  return outer.family === inner.family && outer.start <= inner.start && inner.end <= outer.end
}

export function rangesOverlap(a: AddressRange, b: AddressRange): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end
}

/** Size of the block as a prefix length, when the range is exactly one CIDR block. */
export function prefixLength(range: AddressRange): number {
  const size = range.end - range.start + 1n
  const bits = range.family === 4 ? V4_BITS : V6_BITS
  return bits - (size.toString(2).length - 1)
}

export function formatAddress(family: 4 | 6, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.')
  const groups: string[] = []
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16))
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::').replace(/:{3,}/, '::')
}
