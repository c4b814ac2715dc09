import semver from 'semver'

import type {Advisory, ProductData, ReleaseLine} from './version-data.js'
import {compareLines, lineOf, type ParsedVersion} from './version-parse.js'

export interface LineStatus {
  /** the line the version belongs to, when the data has it */
  line?: ReleaseLine
  /** `1.20`; for a Linkerd edge release, the major it belongs to */
  name: string
  /** past its end of life on the scan's clock */
  endOfLife: boolean
  /** older than every line in the data, whose oldest line has ended: end of life too */
  olderThanData: boolean
}

/** The release line of a version; Linkerd edge releases belong to the newest major whose first edge they follow. */
export function lineStatus(product: ProductData, version: ParsedVersion, now: Date): LineStatus | undefined {
  let name: string
  if (version.channel === 'edge') {
    const edgeLines = product.lines.filter((l) => l.firstEdge && semver.valid(l.firstEdge))
    const line = edgeLines.filter((l) => semver.lte(l.firstEdge!, version.semver)).sort((a, b) => compareLines(b.line, a.line))[0]
    // edges before the first one in the data belong to the line before it
    name = line?.line ?? product.lines.filter((l) => !l.firstEdge).map((l) => l.line).sort(compareLines).at(-1) ?? ''
  } else {
    name = lineOf(version)
  }
  if (name === '') return undefined
  const line = product.lines.find((l) => l.line === name)
  const today = now.toISOString().slice(0, 10)
  if (line) return {line, name, endOfLife: line.eol !== undefined && line.eol <= today, olderThanData: false}
  const sorted = [...product.lines].sort((a, b) => compareLines(a.line, b.line))
  const oldest = sorted[0]
  if (oldest && compareLines(name, oldest.line) < 0 && oldest.eol !== undefined && oldest.eol <= today) return {name, endOfLife: true, olderThanData: true}
  return {name, endOfLife: false, olderThanData: false}
}

/** The advisories whose affected range holds the version (edge releases against `affectedEdge`). */
export function matchingAdvisories(product: ProductData, version: ParsedVersion): Advisory[] {
  return product.advisories.filter((a) => {
    const range = version.channel === 'edge' ? a.affectedEdge : a.affected
    return range !== undefined && semver.satisfies(version.semver, range, {includePrerelease: true})
  })
}

/** The fixed release to move to: the first fix in the version's own line (`inLine`), else the newest fix listed. */
export function fixFor(advisory: Advisory, version: ParsedVersion): {fix: string; inLine: boolean} {
  const own = advisory.fixed.find((f) => {
    const bare = f.replace(/^(stable|edge|enterprise)-/, '')
    const v = semver.coerce(bare)
    const current = semver.parse(version.semver)
    if (!v || !current) return false
    if (version.channel === 'edge') return f.startsWith('edge-')
    return !f.startsWith('edge-') && v.major === current.major && v.minor === current.minor && semver.gt(v, current)
  })
  return own ? {fix: own, inLine: true} : {fix: advisory.fixed.at(-1) ?? 'a supported release', inLine: false}
}
