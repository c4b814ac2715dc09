/**
 * Collects the bytes of one unit (a document, a List item, a List's envelope) as it streams past, without
 * copying while the bytes stay inside one chunk. Past `limit` bytes it keeps counting but drops the bytes:
 * such a unit is either rejected or re-read from its source by byte range.
 */
export class ByteAccumulator {
  private parts: Buffer[] = []
  private current: Buffer | undefined
  private from = 0
  private to = 0
  private total = 0
  private dropped = false

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.total
  }

  get overLimit(): boolean {
    return this.dropped
  }

  add(buffer: Buffer, from: number, to: number): void {
    if (to <= from) return
    this.total += to - from
    if (this.dropped) return
    if (this.total > this.limit) {
      this.dropped = true
      this.parts = []
      this.current = undefined
      return
    }
    if (buffer === this.current && from === this.to) {
      this.to = to
      return
    }
    this.settle()
    this.current = buffer
    this.from = from
    this.to = to
  }

  /** The bytes as text, or undefined when they went over the limit. */
  text(): string | undefined {
    if (this.dropped) return undefined
    if (this.parts.length === 0) return this.current ? this.current.toString('utf8', this.from, this.to) : ''
    this.settle()
    return Buffer.concat(this.parts).toString('utf8')
  }

  // Copies the pending range, so the chunk it lives in is not kept alive by this unit.
  private settle(): void {
    if (this.current) this.parts.push(Buffer.from(this.current.subarray(this.from, this.to)))
    this.current = undefined
  }
}
