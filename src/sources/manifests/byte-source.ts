import {closeSync, openSync, readSync} from 'node:fs'
import {open, readFile} from 'node:fs/promises'
import type {SpanSource} from './source-maps.js'

const CHUNK_BYTES = 1024 * 1024
const HEAD_BYTES = 1024

/** Input bytes: streamed in chunks for parsing, read back by range for locating and fallbacks. */
export interface ByteSource extends SpanSource {
  /** the first KiB or so, to tell the format and catch binary files */
  head(): Promise<Buffer>
  chunks(): AsyncIterable<Buffer>
  readAll(): Promise<Buffer>
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

export function fileSource(name: string, path: string): ByteSource {
  return {
    name,
    key: path,
    read: (start, end) => readRange(path, start, end),
    readAll: () => readFile(path),
    async head() {
      const handle = await open(path, 'r')
      try {
        const buffer = Buffer.alloc(HEAD_BYTES)
        const {bytesRead} = await handle.read(buffer, 0, HEAD_BYTES, 0)
        return buffer.subarray(0, bytesRead)
      } finally {
        await handle.close()
      }
    },
    async *chunks() {
      const handle = await open(path, 'r')
      try {
        // small files, the usual case, get a buffer their size rather than a full chunk each
        const {size} = await handle.stat()
        const bufferSize = Math.min(CHUNK_BYTES, Math.max(size + 1, 4096))
        for (;;) {
          const buffer = Buffer.allocUnsafe(bufferSize)
          const {bytesRead} = await handle.read(buffer, 0, bufferSize, null)
          if (bytesRead === 0) return
          yield bytesRead < bufferSize ? buffer.subarray(0, bytesRead) : buffer
        }
      } finally {
        await handle.close()
      }
    },
  }
}

/** Input already in memory, such as standard input; kept for as long as its resources may be located. */
export function bufferSource(name: string, data: Buffer): ByteSource {
  return {
    name,
    key: name,
    read: (start, end) => data.subarray(start, end),
    readAll: () => Promise.resolve(data),
    head: () => Promise.resolve(data.subarray(0, HEAD_BYTES)),
    async *chunks() {
      for (let start = 0; start < data.length; start += CHUNK_BYTES) yield data.subarray(start, start + CHUNK_BYTES)
    },
  }
}
