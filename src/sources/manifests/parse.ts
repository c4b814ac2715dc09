import {load, type LoadOptions} from 'js-yaml'
import {expandedNodeCount} from './alias-expansion.js'
import type {KubeObject} from '../../model/kube.js'
import {isRecord} from '../../util/guards.js'
import {trim} from '../resource.js'
import {KUBERNETES_YAML_SCHEMA} from './yaml-schema.js'

export const MAX_EXPANDED_NODES = 1_000_000

export type Parsed = {ok: true; value: unknown} | {ok: false; message: string; line: number}

// js-yaml stops at 100 levels by default; deep CRD schemas can nest further than that.
const YAML_OPTIONS = {schema: KUBERNETES_YAML_SCHEMA, maxDepth: 1000} as LoadOptions

interface YamlMark {
  line?: number
}

function describe(error: unknown): string {
  if (error instanceof Error) return (error as Error & {reason?: string}).reason ?? error.message
  return String(error)
}

/**
 * Parses one YAML unit. `line` is the line of the text's first character; errors carry the line in the file.
 * `objectLine` is where an alias bomb is reported: the object's first line.
 */
export function parseYaml(text: string, line: number, objectLine = line): Parsed {
  let value: unknown
  try {
    value = load(text, YAML_OPTIONS)
  } catch (error) {
    const mark = (error as {mark?: YamlMark}).mark
    return {ok: false, message: `invalid YAML: ${describe(error)}`, line: line + (mark?.line ?? 0)}
  }
  if (text.includes('&') && expandedNodeCount(value, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) {
    return {
      ok: false,
      message: `document expands to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes through YAML aliases (alias bomb); skipped`,
      line: objectLine,
    }
  }
  return {ok: true, value: detach(value)}
}

/**
 * js-yaml returns scalars as slices of the document's text, and V8 keeps the whole text alive for any slice of
 * 13 characters or more: every retained object would pin its document (measured: half of the heap). A JSON
 * round trip gives the values strings of their own; managed fields and the last-applied copy are dropped first
 * so they are not copied. (JSON has no NaN or Infinity; neither does the API server, which speaks JSON.)
 */
function detach(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  for (const object of Array.isArray(value) ? value : [value]) if (isRecord(object)) trim(object as KubeObject)
  return JSON.parse(JSON.stringify(value)) as unknown
}

const JSON_POSITION = / in JSON at position (\d+)(?: \(line \d+ column \d+\))?/

/** Parses one JSON unit; errors carry the line in the file. */
export function parseJson(text: string, line: number): Parsed {
  try {
    return {ok: true, value: JSON.parse(text)}
  } catch (error) {
    const message = describe(error)
    const match = JSON_POSITION.exec(message)
    if (!match) return {ok: false, message: `invalid JSON: ${message}`, line}
    const position = Number(match[1])
    let lines = 0
    for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) lines++
    return {ok: false, message: `invalid JSON: ${message.replace(JSON_POSITION, '')}`, line: line + lines}
  }
}
