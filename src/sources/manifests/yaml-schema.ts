import {DEFAULT_SCHEMA, Type} from 'js-yaml'

// Kubernetes reads manifests through sigs.k8s.io/yaml, which decodes with go-yaml v2 (gopkg.in/yaml.v2 v2.4.0)
// into interface{} values. Its resolve.go resolves plain scalars with YAML 1.1 rules, while js-yaml defaults to
// YAML 1.2. The types below replace js-yaml's built-ins of the same tag (Schema.extend keeps one type per tag),
// so a value read here is the value the API server receives. Quoted scalars are never resolved, by either.

// resolve.go, resolveMapList: {nil, "", "~", "null", "Null", "NULL"}
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL'])

// resolve.go, resolveMapList: the YAML 1.1 booleans, in exactly these spellings ("tRUE" stays a string)
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])

// resolve.go, resolveMapList: the special floats
const SPECIAL_FLOATS = new Map<string, number>([
  ['.nan', Number.NaN], ['.NaN', Number.NaN], ['.NAN', Number.NaN],
  ['.inf', Infinity], ['.Inf', Infinity], ['.INF', Infinity],
  ['+.inf', Infinity], ['+.Inf', Infinity], ['+.INF', Infinity],
  ['-.inf', -Infinity], ['-.Inf', -Infinity], ['-.INF', -Infinity],
])

// resolve.go, yamlStyleFloat
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/
// what strconv.ParseFloat accepts from a scalar starting with '.' (the '.' hint in resolve)
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/
// strconv.ParseInt(s, 0, 64): sign, then 0x / 0b / 0o / legacy 0-prefixed octal / decimal
const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[bB]([01]+)|0[oO]([0-7]+)|0([0-7]*)|([1-9][0-9]*))$/
const SHORT_DECIMAL = /^[1-9][0-9]{0,14}$/

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const UINT64_MAX = 2n ** 64n - 1n

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

/** strconv.ParseInt(s, 0, 64), then strconv.ParseUint(s, 0, 64), as resolve() tries them. */
function goParseInt(text: string): number | undefined {
  if (SHORT_DECIMAL.test(text)) return Number(text)
  const match = GO_INT.exec(text)
  if (!match) return undefined
  const [, sign, hex, binary, octal, legacyOctal, decimal] = match
  let magnitude: bigint
  if (hex !== undefined) magnitude = BigInt(`0x${hex}`)
  else if (binary !== undefined) magnitude = BigInt(`0b${binary}`)
  else if (octal !== undefined) magnitude = BigInt(`0o${octal}`)
  else if (legacyOctal !== undefined) magnitude = legacyOctal === '' ? 0n : BigInt(`0o${legacyOctal}`)
  else magnitude = BigInt(decimal)
  const value = sign === '-' ? -magnitude : magnitude
  if (value >= INT64_MIN && value <= INT64_MAX) return Number(value)
  // ParseUint takes no sign
  if (sign === '' && value <= UINT64_MAX) return Number(value)
  return undefined
}

/**
 * The number go-yaml v2 reads from a plain scalar, or undefined when it reads a string.
 * Mirrors resolve(): the map lookup, then by first character: '.' tries ParseFloat; a digit or sign tries
 * (after dropping every '_') ParseInt, ParseUint, then yamlStyleFloat + ParseFloat. Timestamps are tried
 * first there, but decode.go hands them to interface{} targets as the original string, so they stay strings.
 */
function goNumber(text: string): number | undefined {
  const first = text.charCodeAt(0)
  // most scalars are words: rule them out before any look-up
  if (first !== 0x2e && first !== 0x2b && first !== 0x2d && !isDigit(first)) return undefined
  const special = SPECIAL_FLOATS.get(text)
  if (special !== undefined) return special
  if (first === 0x2e) return DOT_FLOAT.test(text) ? Number(text) : undefined
  if (!isDigit(first) && first !== 0x2b && first !== 0x2d) return undefined
  const plain = text.includes('_') ? text.replaceAll('_', '') : text
  const int = goParseInt(plain)
  if (int !== undefined) return int
  if (!YAML_STYLE_FLOAT.test(plain)) return undefined
  const float = Number(plain)
  // ParseFloat fails with ErrRange on overflow, and the scalar stays a string
  return Number.isFinite(float) ? float : undefined
}

function isGoInt(text: string): boolean {
  const first = text.charCodeAt(0)
  if (!isDigit(first) && first !== 0x2b && first !== 0x2d) return false
  return goParseInt(text.includes('_') ? text.replaceAll('_', '') : text) !== undefined
}

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: string | null) => data === null || (data.length <= 4 && NULLS.has(data)),
  construct: () => null,
  predicate: (value: unknown) => value === null,
})

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && data.length <= 5 && (TRUES.has(data) || FALSES.has(data)),
  construct: (data: string) => TRUES.has(data),
  predicate: (value: unknown) => typeof value === 'boolean',
})

const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && isGoInt(data),
  construct: (data: string) => goNumber(data),
  predicate: (value: unknown) => typeof value === 'number' && Number.isInteger(value),
})

// Also takes integers: go-yaml converts an int to a float for an explicit !!float tag.
const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && goNumber(data) !== undefined,
  construct: (data: string) => goNumber(data),
  predicate: (value: unknown) => typeof value === 'number' && !Number.isInteger(value),
})

// resolve.go, allowedTimestampFormats. A timestamp reaches an interface{} target as its original text
// (decode.go), so the value stays the string; the type only keeps an explicit !!timestamp tag valid.
const GO_TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2})|[ ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?)?$/
const timestampType = new Type('tag:yaml.org,2002:timestamp', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && isDigit(data.charCodeAt(0)) && GO_TIMESTAMP.test(data),
  construct: (data: string) => data,
})

// decode.go turns !!binary into the decoded bytes as a string
const BASE64 = /^[A-Za-z0-9+/=\s]*$/
const binaryType = new Type('tag:yaml.org,2002:binary', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && BASE64.test(data),
  construct: (data: string) => Buffer.from(data.replace(/\s+/g, ''), 'base64').toString('utf8'),
})

/** js-yaml's default schema with go-yaml v2's scalar resolution; `<<` merge keys stay, as go-yaml v2 has them. */
export const KUBERNETES_YAML_SCHEMA = DEFAULT_SCHEMA.extend({
  implicit: [nullType, boolType, intType, floatType, timestampType],
  explicit: [binaryType],
})
