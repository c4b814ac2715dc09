import {availableParallelism} from 'node:os'

import type {ByteSource} from './byte-source.js'
import {Collector, type InputResults} from './collector.js'
import {JsonLoader} from './json-loader.js'
import {GuessRejected, JsonShapeError, JsonSplitter} from './json-splitter.js'
import {parseJson} from './parse.js'
import {ParsePool} from './parse-pool.js'
import {readFailure} from './read-text.js'
import {startsLikeJson, textProblem} from './sniff.js'
import type {SourceMaps} from './source-maps.js'
import {YamlLoader} from './yaml-loader.js'
import {YamlSplitter} from './yaml-splitter.js'

export interface LoadContext {
  maps: SourceMaps
  maxObjectBytes: number
  /** parse YAML on other cores; undefined: when the input is large and there are cores to spare */
  parallel?: boolean
}

interface Splitter {
  push(chunk: Buffer): void
  end(): void
}

async function pump(source: ByteSource, splitter: Splitter, settle?: (all: boolean) => Promise<void>): Promise<void> {
  for await (const chunk of source.chunks()) {
    splitter.push(chunk)
    await settle?.(false)
  }
  splitter.end()
  await settle?.(true)
}

// Parsing on other cores pays for the workers' start-up only on large inputs.
const POOL_MIN_BYTES = 16 * 1024 * 1024

async function readAsYaml(source: ByteSource, context: LoadContext): Promise<Collector> {
  const collector = new Collector(source, context.maps, context.maxObjectBytes)
  const parallel = context.parallel ?? ((source.size ?? 0) >= POOL_MIN_BYTES && availableParallelism() > 1)
  const pool = parallel ? new ParsePool() : undefined
  try {
    const loader = new YamlLoader(collector, source, pool)
    await pump(source, new YamlSplitter(loader, context.maxObjectBytes), pool ? (all) => loader.settle(all) : undefined)
  } finally {
    await pool?.close()
  }
  return collector
}

async function readAsJson(source: ByteSource, context: LoadContext, exact = false): Promise<Collector> {
  const collector = new Collector(source, context.maps, context.maxObjectBytes)
  try {
    await pump(source, new JsonSplitter(new JsonLoader(collector, source), context.maxObjectBytes, exact))
    return collector
  } catch (error) {
    if (error instanceof GuessRejected) return readAsJson(source, context, true)
    if (!(error instanceof JsonShapeError)) throw error
    if (error.truncated) {
      collector.error(error.line, `invalid JSON: ${error.message}`)
      return collector
    }
    return readWholeJson(source, context)
  }
}

// For JSON the scanner does not follow (a scalar, an array of non-objects, ...): one JSON.parse of the file.
async function readWholeJson(source: ByteSource, context: LoadContext): Promise<Collector> {
  const collector = new Collector(source, context.maps, context.maxObjectBytes)
  const bytes = await source.readAll()
  let text: string
  try {
    text = bytes.toString('utf8').replace(/^\uFEFF/, '')
  } catch {
    collector.error(1, 'file is too large to parse as a whole; skipped')
    return collector
  }
  const blank = text.length - text.trimStart().length
  const line = 1 + (text.slice(0, blank).match(/\n/g)?.length ?? 0)
  const parsed = parseJson(text, 1)
  if (!parsed.ok) {
    collector.error(parsed.line, parsed.message)
    return collector
  }
  const whole = {start: 0, end: bytes.length, line: 1, column: 1}
  if (Array.isArray(parsed.value)) {
    parsed.value.forEach((element: unknown, index) => {
      const span = {...whole, prefix: [index]}
      collector.addDocument(element, {document: 0, item: index, line, size: 0, span})
    })
  } else {
    collector.addDocument(parsed.value, {document: 0, line, size: bytes.length, span: {...whole, prefix: []}})
  }
  return collector
}

/**
 * Reads one input. JSON when the name ends in .json or the text starts with `{` or `[`; YAML otherwise.
 * Text that only looks like JSON and fails as JSON is tried as YAML (whose flow style starts the same way),
 * and the YAML reading is kept when it has no errors.
 */
export async function loadInput(source: ByteSource, namedJson: boolean, context: LoadContext): Promise<InputResults> {
  const failed = (message: string, line?: number): InputResults => ({
    resources: [],
    skippedDocuments: [],
    errors: [{file: source.name, ...(line === undefined ? {} : {line}), message}],
  })
  try {
    const head = source.head()
    const problem = textProblem(head)
    if (problem) return failed(problem, 1)
    if (!namedJson && !startsLikeJson(head)) return (await readAsYaml(source, context)).results
    const json = await readAsJson(source, context)
    if (namedJson || !json.hasErrors) return json.results
    const yaml = await readAsYaml(source, context)
    return yaml.hasErrors ? json.results : yaml.results
  } catch (error) {
    return failed(readFailure(error))
  }
}
