import type {InputError} from '../../model/input.js'
import type {KubeObject} from '../../model/kube.js'
import type {Origin, Resource} from '../../model/resource.js'
import {isRecord} from '../../util/guards.js'
import {classify, completeListItem, isList, toResource, trim} from '../resource.js'
import type {SourceMaps, Span, SpanSource} from './source-maps.js'

/** What one input yielded. */
export interface InputResults {
  resources: Resource[]
  errors: InputError[]
  skippedDocuments: {file: string; line: number; reason: string}[]
}

/** Where a parsed value came from. */
export interface Placement {
  document: number
  item?: number
  /** the object's first line */
  line: number
  /** size in bytes of the text the value was parsed from */
  size: number
  span: Span
}

function formatSize(bytes: number): string {
  for (const [unit, size] of [['MiB', 1024 * 1024], ['KiB', 1024]] as const) {
    if (bytes < size) continue
    const value = bytes / size
    return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`
  }
  return `${bytes} bytes`
}

/** The rest of a List document once its items were taken out: `items` is absent, null or empty. */
export function isListEnvelope(value: unknown): value is KubeObject {
  if (!isRecord(value) || typeof value.kind !== 'string' || !value.kind.endsWith('List')) return false
  const items = value.items
  return items === undefined || items === null || (Array.isArray(items) && items.length === 0)
}

/** Turns the values parsed from one input into resources, skipped documents and errors. */
export class Collector {
  readonly results: InputResults = {resources: [], errors: [], skippedDocuments: []}

  constructor(
    private readonly source: SpanSource,
    private readonly maps: SourceMaps,
    readonly maxObjectBytes: number,
  ) {}

  get hasErrors(): boolean {
    return this.results.errors.length > 0
  }

  error(line: number | undefined, message: string): void {
    this.results.errors.push({file: this.source.name, ...(line === undefined ? {} : {line}), message})
  }

  tooLarge(line: number, bytes: number): void {
    this.error(
      line,
      `object is ${formatSize(bytes)}, more than the ${formatSize(this.maxObjectBytes)} a Kubernetes object can be; skipped`,
    )
  }

  /** A parsed document, or a top-level array element: a List is expanded into its items. */
  addDocument(value: unknown, placement: Placement): void {
    if (isList(value)) {
      const list = value
      list.items.forEach((item, index) => {
        const span = {...placement.span, prefix: [...placement.span.prefix, 'items', index]}
        this.addListItem(list, item, {...placement, item: index, span})
      })
      return
    }
    if (placement.size > this.maxObjectBytes) {
      this.tooLarge(placement.line, placement.size)
      return
    }
    this.addObject(value, placement)
  }

  /** One item of a List. */
  addListItem(list: KubeObject, item: unknown, placement: Placement): void {
    completeListItem(list, item)
    this.addObject(item, placement)
  }

  private addObject(value: unknown, placement: Placement): void {
    const classified = classify(value)
    const file = this.source.name
    switch (classified.type) {
      case 'empty':
        return
      case 'not-kubernetes':
        this.results.skippedDocuments.push({file, line: placement.line, reason: classified.reason})
        return
      case 'invalid':
        this.error(placement.line, `${classified.reason}; object skipped`)
        return
      case 'object': {
        const {document, item, line, span} = placement
        const origin: Origin = {type: 'file', file, document, ...(item === undefined ? {} : {item}), line}
        const {source, maps} = this
        const locate = (path: readonly (string | number)[]) => maps.locate(source, span, line, path)
        this.results.resources.push(toResource(trim(classified.object), origin, locate))
      }
    }
  }
}
