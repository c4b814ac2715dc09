import {availableParallelism} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'

import type {Parsed} from './parse.js'

export interface ParseRequest {
  id: number
  text: string
  line: number
  objectLine: number
}

export interface ParseResult {
  id: number
  parsed: Parsed
}

// Documents go to the workers in batches of about this many bytes: large enough that messaging is cheap,
// small enough that every worker stays busy.
const BATCH_BYTES = 256 * 1024
// the worker is TypeScript under development and JavaScript once built, like this file
const WORKER = fileURLToPath(new URL(`./parse-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url))

/**
 * Parses YAML documents on the other cores, in input order. Used for large inputs only: a worker takes tens
 * of milliseconds to start, which a small file would not repay.
 */
export class ParsePool {
  private readonly workers: Worker[]
  private readonly waiting = new Map<number, {resolve: (parsed: Parsed) => void; reject: (error: Error) => void}>()
  private batch: ParseRequest[] = []
  private batchBytes = 0
  private nextId = 0
  private nextWorker = 0

  constructor(size = Math.max(1, Math.min(4, availableParallelism()))) {
    this.workers = Array.from({length: size}, () => {
      // a worker holds one batch at a time: a small heap keeps its garbage, which counts in the process's
      // memory, collected early
      const worker = new Worker(WORKER, {resourceLimits: {maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16}})
      worker.on('message', (results: ParseResult[]) => {
        for (const {id, parsed} of results) {
          this.waiting.get(id)?.resolve(parsed)
          this.waiting.delete(id)
        }
      })
      worker.on('error', (error: Error) => {
        for (const {reject} of this.waiting.values()) reject(error)
        this.waiting.clear()
      })
      return worker
    })
  }

  parse(text: string, line: number, objectLine: number): Promise<Parsed> {
    const id = this.nextId++
    const result = new Promise<Parsed>((resolve, reject) => this.waiting.set(id, {resolve, reject}))
    this.batch.push({id, text, line, objectLine})
    this.batchBytes += text.length
    if (this.batchBytes >= BATCH_BYTES) this.flush()
    return result
  }

  /** Sends what is batched so far; call before waiting for a result. */
  flush(): void {
    if (this.batch.length === 0) return
    this.workers[this.nextWorker++ % this.workers.length].postMessage(this.batch)
    this.batch = []
    this.batchBytes = 0
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()))
  }
}
