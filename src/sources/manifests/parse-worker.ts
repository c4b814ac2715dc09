// A worker of the parse pool: parses batches of YAML documents and returns the values. The structured clone
// that carries them back gives the main thread values of its own, as parsing there would.
import {parentPort} from 'node:worker_threads'

import {parseYaml} from './parse.js'
import type {ParseRequest, ParseResult} from './parse-pool.js'

parentPort?.on('message', (batch: ParseRequest[]) => {
  const results: ParseResult[] = batch.map(({id, text, line, objectLine}) => ({id, parsed: parseYaml(text, line, objectLine)}))
  parentPort?.postMessage(results)
})
