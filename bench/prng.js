// Seeded PRNG (sfc32 seeded through splitmix32): the same seed gives the same dump on every machine.

function splitmix32(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

const HEX = '0123456789abcdef'
const ALNUM = 'bcdfghjklmnpqrstvwxz2456789'

export class Rng {
  constructor(seed) {
    const init = splitmix32(seed)
    this.a = init()
    this.b = init()
    this.c = init()
    this.d = init()
    for (let i = 0; i < 12; i++) this.next()
  }

  /** A float in [0, 1). */
  next() {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return (t >>> 0) / 4294967296
  }

  /** An integer in [min, max], both included. */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p) {
    return this.next() < p
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)]
  }

  /** Picks by weight: pairs of [value, weight]. */
  weighted(pairs) {
    let total = 0
    for (const [, w] of pairs) total += w
    let r = this.next() * total
    for (const [value, w] of pairs) {
      r -= w
      if (r < 0) return value
    }
    return pairs[pairs.length - 1][0]
  }

  chars(n, alphabet) {
    let s = ''
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)]
    return s
  }

  hex(n) {
    return this.chars(n, HEX)
  }

  /** The random suffix style of generateName (pods, service-account tokens). */
  suffix(n) {
    return this.chars(n, ALNUM)
  }

  uid() {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${this.pick(['8', '9', 'a', 'b'])}${this.hex(3)}-${this.hex(12)}`
  }
}
