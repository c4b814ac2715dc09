// Writes objects the way `kubectl get -o yaml` prints them: block style, sequences not indented under
// their key, flow style only for empty collections, quotes only where a plain scalar would change meaning.
// Hand-written because a generic dumper is the slowest step of writing a 100k-object dump.

const PLAIN = /^[A-Za-z_/][\w ./:@{}",*+=()[\]$%&!~<>?;|^'-]*$/
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null)$/i

// A leading digit is fine (uids, names) unless the scalar could read as a number, date or time.
const DIGIT_PLAIN = /^\d[\w.-]*$/
const NOT_NUMERIC = /[ac-df-np-wyzA-CF-NP-WYZ_]/

function isPlain(s) {
  if (s[0] >= '0' && s[0] <= '9') return DIGIT_PLAIN.test(s) && NOT_NUMERIC.test(s)
  return (
    PLAIN.test(s) &&
    !RESERVED.test(s) &&
    !s.includes(': ') &&
    !s.includes(' #') &&
    !s.endsWith(':') &&
    !s.endsWith(' ')
  )
}

// A literal block keeps multi-line text readable; anything odd falls back to a double-quoted scalar.
function isLiteral(s) {
  return s.includes('\n') && !s.includes('\r') && !s.endsWith('\n\n') && s[0] !== ' ' && s[0] !== '\n'
}

function scalar(v) {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return v !== '' && isPlain(v) ? v : JSON.stringify(v)
  return String(v)
}

function literal(s, pad) {
  const header = s.endsWith('\n') ? '|\n' : '|-\n'
  const body = s.endsWith('\n') ? s.slice(0, -1) : s
  return header + pad + body.split('\n').join('\n' + pad) + '\n'
}

function isEmpty(v) {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0
}

function emitMap(obj, pad) {
  let out = ''
  for (const key in obj) out += pad + scalar(key) + ':' + afterKey(obj[key], pad)
  return out
}

// Everything after `key:` up to and including the end of the value.
function afterKey(v, pad) {
  if (v === null || typeof v !== 'object') {
    return typeof v === 'string' && isLiteral(v) ? ' ' + literal(v, pad + '  ') : ' ' + scalar(v) + '\n'
  }
  if (isEmpty(v)) return Array.isArray(v) ? ' []\n' : ' {}\n'
  return '\n' + (Array.isArray(v) ? emitSeq(v, pad) : emitMap(v, pad + '  '))
}

function emitSeq(items, pad) {
  let out = ''
  for (const item of items) out += pad + '-' + seqItem(item, pad)
  return out
}

function seqItem(v, pad) {
  if (v === null || typeof v !== 'object') {
    return typeof v === 'string' && isLiteral(v) ? ' ' + literal(v, pad + '  ') : ' ' + scalar(v) + '\n'
  }
  if (isEmpty(v)) return Array.isArray(v) ? ' []\n' : ' {}\n'
  // The first entry shares the dash's line: drop the indentation it was written with.
  const inner = Array.isArray(v) ? emitSeq(v, pad + '  ') : emitMap(v, pad + '  ')
  return ' ' + inner.slice(pad.length + 2)
}

/** One object as a YAML document body (no `---`). */
export function toYaml(obj) {
  return emitMap(obj, '')
}

/** A deep copy with every map's keys sorted, as the API server's JSON and kubectl's YAML have them. */
export function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v === null || typeof v !== 'object') return v
  const out = {}
  for (const key of Object.keys(v).sort()) {
    if (v[key] !== undefined) out[key] = sortKeys(v[key])
  }
  return out
}
