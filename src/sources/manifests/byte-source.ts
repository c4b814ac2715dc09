import {closeSync, openSync, readSync, statSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import type {SpanSource} from './source-maps.js'

const CHUNK_BYTES = 1024 * 1024
// most manifests fit in a first read of this size, which then also tells the end of the file
const FIRST_READ_BYTES = 64 * 1024
const HEAD_BYTES = 1024
const firstRead = Buffer.allocUnsafe(FIRST_READ_BYTES)

/** Input bytes: streamed in chunks for parsing, read back by range for locating and fallbacks. */
export interface ByteSource extends SpanSource {
  /** the first KiB or so, to tell the format and catch binary files */
  head(): Buffer
  chunks(): AsyncIterable<Buffer> | Iterable<Buffer>
  readAll(): Promise<Buffer>
  /** bytes, when known before reading */
  size?: number
}

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size
  } catch {
    return undefined // reading will say what is wrong
  }
}

function readRange(path: string, start: number, end: number): Buffer {
  const buffer = Buffer.allocUnsafe(end - start)
  const fd = openSync(path, 'r')
  try {
    let filled = 0
    while (filled < buffer.length) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, start + filled)
      if (read === 0) break
      filled += read
    }
    return buffer.subarray(0, filled)
  } finally {
    closeSync(fd)
  }
}

/**
 * A regular file. A read that returns fewer bytes than asked for is taken as its end, which saves small
 * files a second read; pipes and devices, where that does not hold, are read whole as buffers instead.
 */
export function fileSource(name: string, path: string): ByteSource {
  return {
    name,
    key: path,
    size: sizeOf(path),
    read: (start, end) => readRange(path, start, end),
    readAll: () => readFile(path),
    head: () => readRange(path, 0, HEAD_BYTES),
    *chunks() {
      const fd = openSync(path, 'r')
      try {
        // the first read goes to a shared buffer and is copied out at its size, to spare small files a large buffer
        const first = readSync(fd, firstRead, 0, FIRST_READ_BYTES, null)
        if (first > 0) yield Buffer.from(firstRead.subarray(0, first))
        if (first < FIRST_READ_BYTES) return
        for (;;) {
          const buffer = Buffer.allocUnsafe(CHUNK_BYTES)
          const bytesRead = readSync(fd, buffer, 0, CHUNK_BYTES, null)
          if (bytesRead > 0) yield buffer.subarray(0, bytesRead)
          if (bytesRead < CHUNK_BYTES) return
        }
      } finally {
        closeSync(fd)
      }
    },
  }
}

/** Input already in memory, such as standard input; kept for as long as its resources may be located. */
export function bufferSource(name: string, data: Buffer): ByteSource {
  return {
    name,
    key: name,
    size: data.length,
    read: (start, end) => data.subarray(start, end),
    readAll: () => Promise.resolve(data),
    head: () => data.subarray(0, HEAD_BYTES),
    *chunks() {
      for (let start = 0; start < data.length; start += CHUNK_BYTES) yield data.subarray(start, start + CHUNK_BYTES)
    },
  }
}
