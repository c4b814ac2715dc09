import type {SpanSource} from './source-maps.js'

/** Failure text for an error entry, from an exception thrown while reading input. */
export function readFailure(error: unknown): string {
  const code = (error as {code?: unknown} | null)?.code
  return `cannot read: ${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)}`
}

/** Reads a byte range back as text, or says why it cannot be. */
export function readText(source: SpanSource, start: number, end: number): string | {message: string} {
  try {
    return source.read(start, end).toString('utf8')
  } catch (error) {
    if ((error as {code?: unknown}).code === 'ERR_STRING_TOO_LONG') {
      return {message: `document of ${Math.round((end - start) / 1024 / 1024)} MiB is too large to parse as a whole; skipped`}
    }
    return {message: readFailure(error)}
  }
}
