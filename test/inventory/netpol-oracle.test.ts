// np-guard's netpol-analyzer as an oracle for our NetworkPolicy semantics. For each core NetworkPolicy case
// of its test suite (in the shared corpus), the connections NetworkIndex.allowed computes between every two
// workloads, and between every workload and every block of external IPv4 addresses, must be exactly those
// of the analyzer's golden connectivity list.
//
// How the golden lists read: one `src => dst : conns` line per connected pair; a pair without a line has no
// connection (no `No Connections` lines are printed); a workload's connections with itself are never
// listed; `{ingress-controller}` lines come from its Ingress/Route analysis and are not compared.
import {expect} from 'chai'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {Inventory, type WorkloadView} from '../../src/inventory/index.js'
import type {AddressRange, Endpoint} from '../../src/inventory/network/index.js'
import {analyzerName, type ConnLine, elementaryRanges, formatExternal, parseConnlist, parseExternal} from '../support/netpol-corpus.js'
import {loadResources} from '../support/netpol-manifests.js'
import {CORPUS} from '../support/corpus.js'

const PEER = 'np-guard-netpol-analyzer'

interface CaseEntry {
  case: string
  files: string[]
  peer_output_files: string[]
}

/** Cases of other analyses (admin policies, OpenShift networks, exposure, focus, explain) and bad inputs. */
const OTHER_ANALYSES = [/^anp_/, /^banp_/, /^udn_/, /^cudn_/, /^nad_/, /^exposure_/, /_exposure_/, /_focus_workload_/, /_explain_/, /bad_/, /malformed/, /error/]

/** Kinds that change connectivity in the analyzer but are outside Kubernetes NetworkPolicy. */
const FOREIGN_KINDS = new Set([
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'UserDefinedNetwork',
  'ClusterUserDefinedNetwork',
  'NetworkAttachmentDefinition',
  'VirtualMachine',
  'VirtualMachineInstance',
])

// The pods share an ownerReference that has a name but no kind (invalid: the API server requires apiVersion,
// kind, name and uid), and they have different labels. The analyzer merges them by owner name into one
// `internal-security[Pod]`; we keep each pod on its own. Pod by pod the connections agree.
const OWNER_WITHOUT_KIND = 'pods grouped by an ownerReference without kind, merged by the analyzer despite different labels'

/** Core NetworkPolicy cases left out because the analyzer models their input differently by design. */
const EXCLUDED: Readonly<Record<string, string>> = {
  example_pods_w_same_owner_and_labels_gap_no_policy: OWNER_WITHOUT_KIND,
  example_pods_w_same_owner_and_labels_gap_with_good_match_expression: OWNER_WITHOUT_KIND,
  example_pods_w_same_owner_and_labels_gap_with_good_match_expression2: OWNER_WITHOUT_KIND,
  example_pods_w_same_owner_and_labels_gap_with_policy_selector_not_in_gap: OWNER_WITHOUT_KIND,
}


/** Conns with protocols in one order: the analyzer sorts them by name, PortSet by its own list. */
function canonical(conns: string): string {
  if (conns === 'All Connections') return conns
  return conns.split(/,(?=(?:TCP|UDP|SCTP) )/).sort().join(',')
}

/** Our connections between two endpoints, spelled as the analyzer does; undefined when none. */
function ours(inventory: Inventory, src: Endpoint, dst: Endpoint): string | undefined {
  const ports = inventory.network.allowed(src, dst)
  return ports.isEmpty() ? undefined : canonical(ports.toString())
}

/** Every start and end+1 of the IPv4 ipBlocks (and their excepts) in the case's policies. */
function policyCuts(inventory: Inventory): bigint[] {
  const cuts: bigint[] = []
  const add = (range?: AddressRange): void => {
    if (range?.family === 4) cuts.push(range.start, range.end + 1n)
  }
  for (const policy of inventory.networkPolicies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers ?? []) {
        add(peer.ipBlock?.range)
        for (const e of peer.ipBlock?.except ?? []) add(e.range)
      }
    }
  }
  return cuts
}

interface ExternalLine {
  range: AddressRange
  conns: string
}

/** The golden list indexed: pod-to-pod lines by `src => dst`, external lines by workload and direction. */
class Golden {
  readonly pods = new Map<string, string>()
  readonly from = new Map<string, ExternalLine[]>()
  readonly to = new Map<string, ExternalLine[]>()
  readonly endpoints = new Set<string>()
  readonly cuts: bigint[] = []

  constructor(lines: readonly ConnLine[]) {
    for (const line of lines) {
      if (line.src === '{ingress-controller}' || line.dst === '{ingress-controller}') continue
      const conns = canonical(line.conns)
      const srcRange = parseExternal(line.src)
      const dstRange = parseExternal(line.dst)
      for (const range of [srcRange, dstRange]) if (range) this.cuts.push(range.start, range.end + 1n)
      if (srcRange) add(this.from, line.dst, {range: srcRange, conns})
      else if (dstRange) add(this.to, line.src, {range: dstRange, conns})
      else this.pods.set(`${line.src} => ${line.dst}`, conns)
      if (!srcRange) this.endpoints.add(line.src)
      if (!dstRange) this.endpoints.add(line.dst)
    }
  }

  /** The conns of the line whose range holds `range`, which never straddles one (see elementaryRanges). */
  external(direction: 'from' | 'to', workload: string, range: AddressRange): string | undefined {
    const found = (this[direction].get(workload) ?? []).filter((e) => e.range.start <= range.start && range.end <= e.range.end)
    return found.length ? [...new Set(found.map((e) => e.conns))].join(' | ') : undefined
  }
}

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

interface Comparison {
  pairs: number
  diffs: string[]
}

function compare(inventory: Inventory, golden: Golden): Comparison {
  const diffs: string[] = []
  const check = (what: string, expected: string | undefined, actual: string | undefined): void => {
    if (expected !== actual) diffs.push(`${what}: expected ${expected ?? 'nothing'}, got ${actual ?? 'nothing'}`)
  }
  const workloads = new Map<string, WorkloadView>()
  for (const w of inventory.workloads) {
    if (workloads.has(analyzerName(w))) diffs.push(`two workloads named ${analyzerName(w)}`)
    workloads.set(analyzerName(w), w)
  }
  for (const name of golden.endpoints) if (!workloads.has(name)) diffs.push(`the golden list names ${name}, which is not one of our workloads`)

  let pairs = 0
  for (const [srcName, src] of workloads) {
    for (const [dstName, dst] of workloads) {
      if (src === dst) continue
      pairs++
      const key = `${srcName} => ${dstName}`
      check(key, golden.pods.get(key), ours(inventory, inventory.network.endpoint(src), inventory.network.endpoint(dst)))
    }
  }

  // Cut at the policies' boundaries, as the analyzer does, and at those of its printed ranges (it prints
  // adjacent blocks separately): every block is then uniform for both and inside at most one golden line.
  for (const range of elementaryRanges([...policyCuts(inventory), ...golden.cuts])) {
    const address: Endpoint = {type: 'address', range}
    const external = formatExternal(range)
    for (const [name, w] of workloads) {
      pairs += 2
      const endpoint = inventory.network.endpoint(w)
      check(`${external} => ${name}`, golden.external('from', name, range), ours(inventory, address, endpoint))
      check(`${name} => ${external}`, golden.external('to', name, range), ours(inventory, endpoint, address))
    }
  }
  return {pairs, diffs}
}

const inputs = (entry: CaseEntry): string[] => entry.files.filter((f) => /\.(ya?ml|json)$/.test(f))
const goldenPath = (name: string): string => `test_outputs/connlist/${name}_connlist_output.txt`

/** Why a case is not compared, or undefined when it is. */
function leftOut(entry: CaseEntry, base: string): string | undefined {
  if (OTHER_ANALYSES.some((re) => re.test(entry.case))) return 'another analysis, or a bad input'
  if (!entry.peer_output_files.includes(goldenPath(entry.case))) return 'no default connlist output'
  if (EXCLUDED[entry.case]) return EXCLUDED[entry.case]
  const foreign = new Set(loadResources(inputs(entry), base).flatMap((r) => (FOREIGN_KINDS.has(r.ref.kind) ? [r.ref.kind] : [])))
  return foreign.size ? `inputs use ${[...foreign].join(', ')}` : undefined
}

describe('NetworkPolicy semantics against netpol-analyzer golden connectivity lists', function () {
  const base = CORPUS ? path.join(CORPUS, PEER) : undefined
  if (!base || !existsSync(path.join(base, 'expected.json'))) {
    const why = CORPUS ? `${CORPUS} has no ${PEER}/expected.json` : 'ZT_AUDIT_CORPUS is not set'
    it(`is skipped: ${why} (set it to the shared corpus directory to run it)`, function () {
      this.skip()
    })
    return
  }
  const entries = JSON.parse(readFileSync(path.join(base, 'expected.json'), 'utf8')) as CaseEntry[]
  const selected = entries.filter((entry) => !leftOut(entry, base))

  it('selects the core NetworkPolicy cases', () => {
    if (process.env.ZT_AUDIT_ORACLE_VERBOSE) for (const e of entries) console.log(`    ${e.case}: ${leftOut(e, base) ?? 'selected'}`)
    expect(selected.length).to.be.at.least(40)
  })

  for (const entry of selected) {
    it(entry.case, () => {
      const inventory = new Inventory(loadResources(inputs(entry), base))
      const golden = new Golden(parseConnlist(readFileSync(path.join(base, goldenPath(entry.case)), 'utf8')))
      const {pairs, diffs} = compare(inventory, golden)
      expect(inventory.workloads, 'workloads').to.not.be.empty
      if (diffs.length) expect.fail(`${diffs.length} disagreement(s) in ${pairs} pairs:\n${diffs.slice(0, 25).join('\n')}`)
    })
  }
})
