import {readFile} from 'node:fs/promises'
import type {SourceResult} from '../../model/input.js'
import {bufferSource, fileSource, type ByteSource} from './byte-source.js'
import {loadInput} from './load-input.js'
import {expandPaths} from './paths.js'
import {readFailure} from './read-text.js'
import {SourceMaps} from './source-maps.js'

export interface ManifestOptions {
  /** default process.cwd(); file names in results are relative to it, with / separators */
  cwd?: string
  /** read for the path '-'; default reads process.stdin */
  readStdin?: () => Promise<Buffer>
  /**
   * default 8 MiB. A single object larger than this cannot be a real Kubernetes object (the API server takes
   * requests of about 3 MB) and is refused without being parsed; a List is not limited as a whole, its items are.
   */
  maxObjectBytes?: number
  /** parse YAML on other cores: by default for inputs of 16 MiB or more */
  parallel?: boolean
}

const STDIN_NAME = '<stdin>'
const DEFAULT_MAX_OBJECT_BYTES = 8 * 1024 * 1024

async function readProcessStdin(): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * Reads Kubernetes objects from manifest files, folders and standard input. Problems with the input
 * (unreadable, binary, invalid or oversized documents) become `errors` entries and the rest is still read;
 * only a path that does not exist throws (a UserError).
 */
export async function loadManifests(paths: string[], options: ManifestOptions = {}): Promise<SourceResult> {
  const cwd = options.cwd ?? process.cwd()
  const context = {maps: new SourceMaps(), maxObjectBytes: options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES, parallel: options.parallel}
  const result: SourceResult = {
    source: 'manifests',
    target: paths.join(', '),
    coverage: [],
    resources: [],
    errors: [],
    skippedDocuments: [],
  }
  for (const input of await expandPaths(paths, cwd)) {
    if (input.type === 'unreadable') {
      result.errors.push({file: input.name, message: input.message})
      continue
    }
    let source: ByteSource
    if (input.type === 'file') {
      source = fileSource(input.name, input.path)
    } else {
      const name = input.type === 'stdin' ? STDIN_NAME : input.name
      try {
        const data = input.type === 'stdin' ? await (options.readStdin ?? readProcessStdin)() : await readFile(input.path)
        source = bufferSource(name, data)
      } catch (error) {
        result.errors.push({file: name, message: readFailure(error)})
        continue
      }
    }
    const namedJson = input.type !== 'stdin' && input.path.toLowerCase().endsWith('.json')
    const loaded = await loadInput(source, namedJson, context)
    // a loop, not push(...): a dump can hold more items than a call takes arguments
    for (const resource of loaded.resources) result.resources.push(resource)
    for (const error of loaded.errors) result.errors.push(error)
    for (const skipped of loaded.skippedDocuments) result.skippedDocuments.push(skipped)
  }
  return result
}
