// The yardstick: read a dump and parse it, keeping every object, as a scan must at least do.
// YAML: js-yaml 4 `loadAll`. JSON: `JSON.parse` of the whole List; a file longer than V8's
// maximum string length cannot be one string, so it is parsed one List item at a time instead.
// Usage: node bench/baseline.js FILE yaml|json   → prints {"objects": N, "method": "..."}

import {closeSync, openSync, readFileSync, readSync} from 'node:fs'
import {StringDecoder} from 'node:string_decoder'
import {loadAll} from 'js-yaml'

// In the 4-space `kubectl get -o json` layout, and only there, items open and close at 8 spaces.
const ITEM_OPEN = '\n        {'
const ITEM_CLOSE = '\n        }'

function parseJsonItems(path) {
  const items = []
  const fd = openSync(path, 'r')
  const buf = Buffer.allocUnsafe(16 << 20)
  const decoder = new StringDecoder('utf8')
  let text = ''
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) {
    text += decoder.write(buf.subarray(0, n))
    let pos = 0
    for (;;) {
      const start = text.indexOf(ITEM_OPEN, pos)
      const end = start < 0 ? -1 : text.indexOf(ITEM_CLOSE, start)
      if (end < 0) break
      items.push(JSON.parse(text.slice(start + 1, end + ITEM_CLOSE.length)))
      pos = end + ITEM_CLOSE.length
    }
    text = text.slice(pos)
  }
  closeSync(fd)
  return items
}

function parseJson(path) {
  let text
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if (error.code !== 'ERR_STRING_TOO_LONG') throw error
    return {objects: parseJsonItems(path), method: 'JSON.parse per List item (file over the V8 string limit)'}
  }
  return {objects: JSON.parse(text).items, method: 'JSON.parse'}
}

function parseYaml(path) {
  return {objects: loadAll(readFileSync(path, 'utf8')).filter((doc) => doc !== null), method: 'js-yaml loadAll'}
}

const [file, shape] = process.argv.slice(2)
const result = shape === 'json' ? parseJson(file) : parseYaml(file)
// Kept reachable until exit, so the peak RSS includes the parsed objects.
globalThis.benchObjects = result.objects
process.stdout.write(JSON.stringify({objects: result.objects.length, method: result.method}) + '\n')
