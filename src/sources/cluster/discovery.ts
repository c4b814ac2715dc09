import {UserError} from '../../errors.js'
import type {CoverageRow} from '../../model/input.js'
import {asArray, asRecord, asString} from '../../util/guards.js'
import {type ApiAnswer, type ApiClient, unreachable} from './api.js'
import {describeKind, type ScannedKind} from './kinds.js'
import type {Limiter} from './limiter.js'

/** A kind the server serves, at the version chosen for it. */
export interface ServedKind {
  entry: ScannedKind
  apiVersion: string
  /** the resource name as the server spells it */
  plural: string
  namespaced: boolean
  /** e.g. /apis/networking.k8s.io/v1 */
  basePath: string
}

export type Discovered = {entry: ScannedKind; served: ServedKind} | {entry: ScannedKind; row: CoverageRow}

interface GroupInfo {
  versions: string[]
  preferred?: string
}

type Failed = Extract<ApiAnswer, {type: 'failed'}>

const groupVersion = (group: string, version: string): string => (group ? `${group}/${version}` : version)
const basePathOf = (group: string, version: string): string => (group ? `/apis/${group}/${version}` : `/api/${version}`)

/** GET /api answers first: it tells whether the server is reachable, accepts the credentials and speaks Kubernetes. */
async function checkServer(client: ApiClient, run: Limiter): Promise<void> {
  const answer = await run(() => client.get('/api'))
  if (answer.type === 'ok') {
    if (asArray(answer.body.versions).includes('v1')) return
    throw new UserError(`${client.connection.server} does not answer /api as a Kubernetes API server (no v1 among its versions)`)
  }
  const {server, context} = client.connection
  if (answer.status === 0) throw unreachable(client.connection, answer.message)
  if (answer.status === 403) throw new UserError(`${server} refuses API discovery (GET /api) to context ${context}: ${answer.message}`)
  if (answer.status === 404) throw new UserError(`${server} does not answer /api as a Kubernetes API server (context ${context}): ${answer.message}`)
  throw new UserError(`${server} answered GET /api with HTTP ${answer.status} (context ${context}): ${answer.message}`)
}

function readGroups(body: Record<string, unknown>): Map<string, GroupInfo> {
  const groups = new Map<string, GroupInfo>()
  for (const raw of asArray(body.groups)) {
    const group = asRecord(raw)
    const name = asString(group.name)
    if (name === undefined) continue
    const versions = asArray(group.versions).map((v) => asString(asRecord(v).version)).filter((v): v is string => v !== undefined)
    const preferred = asString(asRecord(group.preferredVersion).version)
    // a group listed twice is read as one
    const seen = groups.get(name)
    if (seen) seen.versions.push(...versions.filter((v) => !seen.versions.includes(v)))
    else groups.set(name, {versions, ...(preferred ? {preferred} : {})})
  }
  return groups
}

/** The versions to look for a kind in: the fixed one of a built-in kind, else the preferred version first. */
function candidates(entry: ScannedKind, group: GroupInfo | undefined): string[] {
  if (!group) return []
  if (entry.version) return group.versions.includes(entry.version) ? [entry.version] : []
  const rest = group.versions.filter((v) => v !== group.preferred)
  return group.preferred ? [group.preferred, ...rest] : rest
}

function findResource(body: Record<string, unknown>, kind: string): {plural: string; namespaced: boolean} | undefined {
  for (const raw of asArray(body.resources)) {
    const resource = asRecord(raw)
    const name = asString(resource.name)
    // subresources (pods/log) share their parent's kind
    if (resource.kind !== kind || !name || name.includes('/')) continue
    const verbs = resource.verbs === undefined ? undefined : asArray(resource.verbs)
    if (verbs && !verbs.includes('list')) continue
    return {plural: name, namespaced: resource.namespaced === true}
  }
  return undefined
}


function failureRow(entry: ScannedKind, what: string, failure: Failed, apiVersion?: string): CoverageRow {
  return {
    ...(apiVersion ? {apiVersion} : {}),
    kind: entry.kind,
    status: failure.status === 403 ? 'forbidden' : 'error',
    message: `discovery of ${what} failed: ${failure.message}`,
  }
}

/**
 * Finds which of the kinds the server serves and at which version, through /api, /api/v1, /apis and the
 * group versions that hold a kind of interest (custom resources at their preferred version when it serves
 * them). Kinds that are not served become `absent` rows; failed discovery, `forbidden` or `error` rows.
 * `moreKinds` are kinds known by name only (a plug-in rule's reads): every group's preferred version is
 * searched for them, and each group that serves one adds an entry.
 */
export async function discover(client: ApiClient, kinds: readonly ScannedKind[], run: Limiter, moreKinds: readonly string[] = []): Promise<Discovered[]> {
  await checkServer(client, run)
  const [groupList, ...resourceLists] = await Promise.all([run(() => client.get('/apis')), run(() => client.get('/api/v1'))])
  const cache = new Map<string, Promise<ApiAnswer>>([['/api/v1', Promise.resolve(resourceLists[0])]])
  const resourcesOf = (path: string): Promise<ApiAnswer> => {
    let answer = cache.get(path)
    if (!answer) cache.set(path, (answer = run(() => client.get(path))))
    return answer
  }
  const groups = groupList.type === 'ok' ? readGroups(groupList.body) : new Map<string, GroupInfo>()
  groups.set('', {versions: ['v1'], preferred: 'v1'})

  const one = async (entry: ScannedKind): Promise<Discovered> => {
    if (entry.group && groupList.type === 'failed') return {entry, row: failureRow(entry, '/apis', groupList)}
    const group = groups.get(entry.group)
    let failure: {row: CoverageRow} | undefined
    for (const version of candidates(entry, group)) {
      const basePath = basePathOf(entry.group, version)
      const answer = await resourcesOf(basePath)
      if (answer.type === 'failed') {
        failure ??= {row: failureRow(entry, basePath, answer, groupVersion(entry.group, version))}
        continue
      }
      const found = findResource(answer.body, entry.kind)
      if (found) return {entry, served: {entry, apiVersion: groupVersion(entry.group, version), basePath, ...found}}
    }
    if (failure) return {entry, ...failure}
    const apiVersion = entry.version ? {apiVersion: groupVersion(entry.group, entry.version)} : {}
    const message = group ? `${describeKind(entry)} is not served by the cluster` : `API group ${entry.group} is not served by the cluster`
    return {entry, row: {...apiVersion, kind: entry.kind, status: 'absent', message}}
  }
  const byName = async (kind: string): Promise<Discovered[]> => {
    const inGroups = await Promise.all(
      [...groups].map(async ([name, group]): Promise<Discovered | undefined> => {
        const version = group.preferred ?? group.versions[0]
        if (version === undefined) return undefined
        const basePath = basePathOf(name, version)
        const answer = await resourcesOf(basePath)
        const resource = answer.type === 'ok' ? findResource(answer.body, kind) : undefined
        if (!resource) return undefined
        const entry: ScannedKind = {group: name, version, kind, ...resource}
        return {entry, served: {entry, apiVersion: groupVersion(name, version), basePath, ...resource}}
      }),
    )
    const found = inGroups.filter((d): d is Discovered => d !== undefined)
    if (found.length > 0) return found
    const entry: ScannedKind = {group: '', kind, plural: '', namespaced: false}
    return [{entry, row: {kind, status: 'absent', message: `no API group of the cluster serves ${kind}`}}]
  }
  const [known, named] = await Promise.all([Promise.all(kinds.map(one)), Promise.all(moreKinds.map(byName))])
  return [...known, ...named.flat()]
}
