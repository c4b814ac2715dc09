import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {isMap, isScalar, isSeq, LineCounter, parseDocument, type Node} from 'yaml'

import {UserError} from '../errors.js'
import {isSeverity, type Severity} from '../model/severity.js'
import {asRecord, isRecord} from '../util/guards.js'

export const DEFAULT_CONFIG_FILE = '.zt-audit.yaml'
export const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease']

export interface RuleSettings {
  enabled: boolean
  severity?: Severity
  options: Record<string, unknown>
}

/** Matches findings by resource; each field is exact text or a glob with `*`. */
export interface ResourceMatch {
  kind?: string
  namespace?: string
  name?: string
}

export interface ExceptionSpec {
  rule: string
  resource: ResourceMatch
  reason: string
  owner?: string
  /** YYYY-MM-DD: the last day the exception applies; required (an exception without one is reported as invalid) */
  expires?: string
  source?: 'config' | 'annotation'
  /** set when the declaration is malformed; such an exception is reported, never applied */
  problem?: string
}

export interface Config {
  /** the file it was read from, if any */
  file?: string
  rules: Record<string, RuleSettings>
  /** namespaces whose subjects are skipped (reported as `skip`) */
  skipNamespaces: string[]
  failOn?: Severity
  /** plug-in modules or folders, resolved against the config file's folder */
  plugins: string[]
  exceptions: ExceptionSpec[]
  /** how far after the scan an exception may expire */
  exceptionMaxDays: number
}

export const DEFAULT_EXCEPTION_MAX_DAYS = 365

export function defaultConfig(): Config {
  return {rules: {}, skipNamespaces: [...SYSTEM_NAMESPACES], plugins: [], exceptions: [], exceptionMaxDays: DEFAULT_EXCEPTION_MAX_DAYS}
}

const TOP_LEVEL = new Set(['rules', 'namespaces', 'failOn', 'plugins', 'exceptions', 'exceptionMaxDays'])
const EXCEPTION_KEYS = new Set(['rule', 'resource', 'reason', 'owner', 'expires'])
const RULE_KEYS = new Set(['enabled', 'severity', 'options'])

class ConfigReader {
  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  fail(node: Node | null | undefined, message: string): never {
    const offset = node?.range?.[0]
    const where = offset === undefined ? '' : `:${this.lines.linePos(offset).line}`
    throw new UserError(`config ${this.file}${where}: ${message}`)
  }
}

function valueNode(map: unknown, key: string): Node | undefined {
  if (!isMap(map)) return undefined
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key)
  return (pair?.value ?? pair?.key ?? undefined) as Node | undefined
}

/**
 * Reads `.zt-audit.yaml`: the given file, else the one in the working directory when present, else the
 * defaults. Every mistake names the file and line.
 */
export function loadConfig(file?: string, cwd = process.cwd()): Config {
  const chosen = file ?? (existsSync(path.join(cwd, DEFAULT_CONFIG_FILE)) ? path.join(cwd, DEFAULT_CONFIG_FILE) : undefined)
  if (!chosen) return defaultConfig()
  if (!existsSync(chosen)) throw new UserError(`config file not found: ${chosen}`)
  const label = path.relative(cwd, chosen) || chosen
  const lineCounter = new LineCounter()
  const doc = parseDocument(readFileSync(chosen, 'utf8'), {lineCounter, version: '1.1'})
  // explicitly typed, so that `reader.fail` (returning never) narrows types after it
  const reader: ConfigReader = new ConfigReader(label, lineCounter)
  if (doc.errors.length > 0) {
    const [error] = doc.errors
    throw new UserError(`config ${label}:${error.linePos?.[0].line ?? 1}: invalid YAML: ${error.message.split('\n')[0]}`)
  }
  const raw: unknown = doc.toJS() ?? {}
  if (!isRecord(raw)) reader.fail(doc.contents, 'expected a mapping at the top level')
  const root = doc.contents
  for (const key of Object.keys(raw)) if (!TOP_LEVEL.has(key)) reader.fail(valueNode(root, key), `unknown key '${key}' (expected one of ${[...TOP_LEVEL].join(', ')})`)

  const config = defaultConfig()
  config.file = chosen

  const rulesNode = valueNode(root, 'rules')
  for (const [id, value] of Object.entries(asRecord(raw.rules))) {
    const node = valueNode(rulesNode, id)
    if (value === false || value === 'off' || value === 'disabled') {
      config.rules[id] = {enabled: false, options: {}}
      continue
    }
    if (value === true || value === 'on') {
      config.rules[id] = {enabled: true, options: {}}
      continue
    }
    if (isSeverity(value)) {
      config.rules[id] = {enabled: true, severity: value, options: {}}
      continue
    }
    if (!isRecord(value)) reader.fail(node, `rules.${id} must be off, a severity, or a mapping with enabled/severity/options`)
    for (const key of Object.keys(value)) if (!RULE_KEYS.has(key)) reader.fail(valueNode(node, key), `unknown key '${key}' in rules.${id}`)
    if (value.severity !== undefined && !isSeverity(value.severity)) reader.fail(valueNode(node, 'severity'), `rules.${id}.severity must be critical, high, medium, low or info`)
    if (value.options !== undefined && !isRecord(value.options)) reader.fail(valueNode(node, 'options'), `rules.${id}.options must be a mapping`)
    config.rules[id] = {
      enabled: value.enabled !== false,
      ...(value.severity === undefined ? {} : {severity: value.severity}),
      options: asRecord(value.options),
    }
  }

  if (raw.namespaces !== undefined) {
    const node = valueNode(root, 'namespaces')
    const namespaces = raw.namespaces
    if (!isRecord(namespaces) || Object.keys(namespaces).some((k) => k !== 'skip')) reader.fail(node, 'namespaces must be a mapping with `skip: [names]`')
    if (!Array.isArray(namespaces.skip) || !namespaces.skip.every((n) => typeof n === 'string')) reader.fail(valueNode(node, 'skip'), 'namespaces.skip must be a list of names')
    config.skipNamespaces = namespaces.skip
  }

  if (raw.failOn !== undefined) {
    if (!isSeverity(raw.failOn)) reader.fail(valueNode(root, 'failOn'), 'failOn must be critical, high, medium, low or info')
    config.failOn = raw.failOn
  }

  if (raw.plugins !== undefined) {
    if (!Array.isArray(raw.plugins) || !raw.plugins.every((p) => typeof p === 'string')) reader.fail(valueNode(root, 'plugins'), 'plugins must be a list of module files or folders')
    config.plugins = raw.plugins.map((p) => path.resolve(path.dirname(chosen), p))
  }

  if (raw.exceptionMaxDays !== undefined) {
    if (typeof raw.exceptionMaxDays !== 'number' || !Number.isInteger(raw.exceptionMaxDays) || raw.exceptionMaxDays < 1) {
      reader.fail(valueNode(root, 'exceptionMaxDays'), 'exceptionMaxDays must be a whole number of days, 1 or more')
    }
    config.exceptionMaxDays = raw.exceptionMaxDays
  }

  if (raw.exceptions !== undefined) {
    const node = valueNode(root, 'exceptions')
    if (!Array.isArray(raw.exceptions)) reader.fail(node, 'exceptions must be a list')
    raw.exceptions.forEach((entry, index) => {
      const itemNode = (isSeq(node) ? node.items[index] : node) as Node
      config.exceptions.push(readException(entry, itemNode, reader))
    })
  }
  return config
}

function readException(entry: unknown, node: Node, reader: ConfigReader): ExceptionSpec {
  if (!isRecord(entry)) reader.fail(node, 'each exception must be a mapping with rule, resource, reason')
  for (const key of Object.keys(entry)) if (!EXCEPTION_KEYS.has(key)) reader.fail(valueNode(node, key), `unknown key '${key}' in an exception`)
  if (typeof entry.rule !== 'string' || entry.rule === '') reader.fail(node, 'an exception needs `rule` (a rule id, or * for any)')
  if (typeof entry.reason !== 'string' || entry.reason.trim() === '') reader.fail(node, 'an exception needs a `reason`')
  let expires: string | undefined
  if (entry.expires !== undefined) {
    // YAML reads an unquoted date as a timestamp
    expires = entry.expires instanceof Date ? entry.expires.toISOString().slice(0, 10) : typeof entry.expires === 'string' ? entry.expires : ''
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(expires))) reader.fail(valueNode(node, 'expires'), '`expires` must be a date, YYYY-MM-DD')
  }
  return {
    rule: entry.rule,
    resource: readResourceMatch(entry.resource, valueNode(node, 'resource') ?? node, reader),
    reason: entry.reason.trim(),
    ...(typeof entry.owner === 'string' ? {owner: entry.owner} : {}),
    ...(expires ? {expires} : {}),
    source: 'config',
  }
}

/** `Kind/namespace/name`, `Kind/name`, or a mapping with kind/namespace/name. */
function readResourceMatch(value: unknown, node: Node, reader: ConfigReader): ResourceMatch {
  if (value === undefined) return {}
  if (typeof value === 'string') {
    const parts = value.split('/')
    if (parts.length === 2) return {kind: parts[0], name: parts[1]}
    if (parts.length === 3) return {kind: parts[0], namespace: parts[1], name: parts[2]}
    reader.fail(node, '`resource` must be Kind/name, Kind/namespace/name, or a mapping')
  }
  if (!isRecord(value) || Object.keys(value).some((k) => !['kind', 'namespace', 'name'].includes(k))) {
    reader.fail(node, '`resource` must be a mapping with kind, namespace and/or name')
  }
  const match: ResourceMatch = {}
  for (const key of ['kind', 'namespace', 'name'] as const) {
    const field = value[key]
    if (field === undefined) continue
    if (typeof field !== 'string') reader.fail(node, `resource.${key} must be text`)
    match[key] = field
  }
  return match
}
