import path from 'node:path'

import {compareWithBaseline} from '../baseline/compare.js'
import {readReport} from '../baseline/read.js'
import {loadCatalogs, selectCatalogs} from '../compliance/load.js'
import type {Config} from '../engine/config.js'
import {loadConfig} from '../engine/config.js'
import {annotationExceptions, applyExceptions} from '../engine/exceptions.js'
import {type LoadedRule, loadRules} from '../engine/loader.js'
import {runRules} from '../engine/runner.js'
import {UserError} from '../errors.js'
import {Inventory} from '../inventory/index.js'
import {loadVersionData, versionDataAge} from '../inventory/mesh/version-data.js'
import type {SourceResult} from '../model/input.js'
import type {AuditReport} from '../model/report.js'
import {atLeast, type Severity} from '../model/severity.js'
import {buildReport} from '../report/build.js'

export interface ScanRequest {
  manifests?: string[]
  kubeconfig?: string
  context?: string
  namespaces?: string[]
  configFile?: string
  rulesDirs?: string[]
  failOn?: Severity
  /** a saved JSON report: findings are marked new or existing, and the fixed ones listed */
  baseline?: string
  /** exit 1 only for new findings (with `baseline`) at or above this severity */
  failOnNew?: Severity
  /** report on these frameworks only (catalog ids) */
  frameworks?: string[]
  /** catalogs replacing built-in ones of the same id, or adding frameworks */
  frameworksDir?: string
  /** mesh version lifecycles and advisories to use instead of the shipped data */
  versionDataFile?: string
  /** read kubernetes.io/tls Secrets in a live scan (certificates only); default true */
  secrets?: boolean
  /** fixes the clock; also leaves the duration out of the report so output is reproducible */
  now?: Date
}

export interface ScanDependencies {
  version: string
  cwd?: string
  clock?: () => Date
  /** reads the input; the manifest source by default */
  load?: (request: ScanRequest) => Promise<SourceResult>
}

export interface ScanOutcome {
  report: AuditReport
  /** 0: nothing reached the fail-on threshold; 1: a finding at or above it */
  exitCode: 0 | 1
  /** what made the scan fail, e.g. "findings at or above high" */
  failure?: string
  rules: LoadedRule[]
}

async function loadInput(request: ScanRequest, cwd: string, reads: readonly string[]): Promise<SourceResult> {
  const cluster = request.kubeconfig !== undefined || request.context !== undefined
  if (request.manifests && request.manifests.length > 0) {
    if (cluster) throw new UserError('--manifests reads a dump and --kubeconfig/--context a live cluster: pass one or the other')
    const {loadManifests} = await import('../sources/manifests/index.js')
    return loadManifests(request.manifests, {cwd})
  }
  // a live cluster: --kubeconfig/--context, else in-cluster credentials in a pod, else $KUBECONFIG or ~/.kube/config;
  // loaded only here, since the Kubernetes client takes a second to import
  const {loadCluster} = await import('../sources/cluster/index.js')
  return loadCluster({
    ...(request.kubeconfig ? {kubeconfig: path.resolve(cwd, request.kubeconfig)} : {}),
    ...(request.context ? {context: request.context} : {}),
    ...(request.namespaces?.length ? {namespaces: request.namespaces} : {}),
    secrets: request.secrets ?? true,
    reads,
  })
}

function describeNothing(source: SourceResult): string {
  const problems = source.errors.length ? `; ${source.errors.length} could not be read (first: ${source.errors[0].file ?? ''}${source.errors[0].line ? `:${source.errors[0].line}` : ''} ${source.errors[0].message})` : ''
  const skipped = source.skippedDocuments.length ? `; ${source.skippedDocuments.length} document(s) were not Kubernetes objects` : ''
  return `no Kubernetes objects found in ${source.target}${skipped}${problems}. Point --manifests at YAML or JSON manifests, e.g. the output of \`kubectl get -A -o yaml\`.`
}

/** The scan use case: config, rules, input, inventory, checks, exceptions, report, verdict. */
export async function scan(request: ScanRequest, deps: ScanDependencies): Promise<ScanOutcome> {
  const cwd = deps.cwd ?? process.cwd()
  const clock = deps.clock ?? (() => new Date())
  const startedAt = request.now ?? clock()
  if (request.failOnNew && !request.baseline) throw new UserError('--fail-on-new needs --baseline REPORT.json to know which findings are new')
  const config: Config = loadConfig(request.configFile, cwd)
  const rules = await loadRules([...config.plugins, ...(request.rulesDirs ?? [])])
  const versionData = loadVersionData(request.versionDataFile)
  const catalogs = selectCatalogs(loadCatalogs(request.frameworksDir), request.frameworks)

  const reads = rules.flatMap(({rule}) => rule.meta.reads)
  const source = await (deps.load ?? ((r) => loadInput(r, cwd, reads)))(request)
  if (source.resources.length === 0) throw new UserError(describeNothing(source))

  const inventory = new Inventory(source.resources, {coverage: source.coverage})
  inventory.mesh.useVersionData(versionData)
  const onlyNamespaces = request.namespaces?.length ? new Set(request.namespaces) : undefined
  const unreadable = new Map(source.coverage.filter((row) => row.status === 'forbidden' || row.status === 'error').map((row) => [row.kind, row.message ?? row.status]))
  const outcome = runRules(
    rules.map((r) => r.rule),
    inventory,
    {now: startedAt, config, onlyNamespaces, unreadable},
  )
  const declared = [...config.exceptions, ...annotationExceptions(source.resources)]
  const exceptions = applyExceptions(outcome.findings, declared, startedAt, config.exceptionMaxDays)

  const names = inventory.namespaces.map((n) => n.name).filter((n) => !onlyNamespaces || onlyNamespaces.has(n))
  const skippedNames = new Set(config.skipNamespaces)
  const report = buildReport({
    version: deps.version,
    source,
    rules,
    outcome,
    exceptions,
    namespaces: {scanned: names.filter((n) => !skippedNames.has(n)), skipped: names.filter((n) => skippedNames.has(n))},
    startedAt,
    ...(request.now ? {} : {durationMs: clock().getTime() - startedAt.getTime()}),
    versionData: {file: request.versionDataFile ?? 'built-in', ...versionDataAge(versionData, startedAt)},
    catalogs,
  })

  if (request.baseline) compareWithBaseline(report, readReport(request.baseline), request.baseline)
  return {report, rules, ...verdict(report, request.failOn ?? config.failOn, request.failOnNew)}
}

/** Exit 1 when an unsuppressed finding reaches `failOn`, or a new one reaches `failOnNew`; says which. */
function verdict(report: AuditReport, failOn?: Severity, failOnNew?: Severity): Pick<ScanOutcome, 'exitCode' | 'failure'> {
  const open = report.findings.filter((f) => !f.suppressed)
  if (failOn && open.some((f) => atLeast(f.severity, failOn))) return {exitCode: 1, failure: `findings at or above ${failOn}`}
  if (failOnNew && open.some((f) => f.baseline === 'new' && atLeast(f.severity, failOnNew))) return {exitCode: 1, failure: `new findings at or above ${failOnNew}`}
  return {exitCode: 0}
}
