import semver from 'semver'

/** A version as a mesh writes it, read into something comparable. */
export interface ParsedVersion {
  /** release: plain semver (and Linkerd stable-); edge: Linkerd's edge-YY.M.N; enterprise: Buoyant's builds */
  channel: 'release' | 'edge' | 'enterprise'
  /** comparable semver: `1.20.3`, or an edge release's `24.8.2` */
  semver: string
  /** as written, e.g. `v1.9.4`, `edge-24.8.2`, `1.20.3-distroless` */
  text: string
}

const PLACEHOLDERS = new Set(['latest', 'master', 'main', 'dev', 'nightly', 'edge', 'stable'])

/**
 * Reads an image tag or version string. Accepts a `v` prefix, build variants (`-distroless`, `-debug`,
 * `-alpine`, `-ent`, `-solo`) and Envoy's `distroless-v1.31.2`; keeps release candidates as pre-releases.
 * Placeholders (`latest`, `install-proxy-version`) and tags without a version read as unknown.
 */
export function parseVersion(text: string): ParsedVersion | undefined {
  const trimmed = text.trim()
  if (trimmed === '' || PLACEHOLDERS.has(trimmed.toLowerCase())) return undefined
  const linkerd = /^(stable|edge|enterprise)-(\d+)\.(\d+)\.(\d+)/.exec(trimmed)
  if (linkerd) {
    const channel = linkerd[1] === 'edge' ? 'edge' : linkerd[1] === 'enterprise' ? 'enterprise' : 'release'
    return {channel, semver: `${Number(linkerd[2])}.${Number(linkerd[3])}.${Number(linkerd[4])}`, text: trimmed}
  }
  const match = /(?:^|[-_])v?(\d+)\.(\d+)(?:\.(\d+))?(-(?:rc|alpha|beta)[.\w]*)?/i.exec(trimmed)
  if (!match || !/^(?:[a-z]+-)?v?\d/i.test(trimmed)) return undefined
  const version = `${Number(match[1])}.${Number(match[2])}.${Number(match[3] ?? 0)}${match[4] ?? ''}`
  if (!semver.valid(version)) return undefined
  return {channel: 'release', semver: version, text: trimmed}
}

/** `registry/path/name:tag@sha256:…` → its repository (without registry when written without one) and tag. */
export function splitImage(image: string): {repository: string; tag?: string; digest?: string} {
  const at = image.indexOf('@')
  const digest = at >= 0 ? image.slice(at + 1) : undefined
  const ref = at >= 0 ? image.slice(0, at) : image
  const colon = ref.lastIndexOf(':')
  const slash = ref.lastIndexOf('/')
  if (colon > slash) return {repository: ref.slice(0, colon), tag: ref.slice(colon + 1), ...(digest ? {digest} : {})}
  return {repository: ref, ...(digest ? {digest} : {})}
}

/** The minor line (`1.20`) of a version; Linkerd stable and enterprise majors read the same (`2.14`). */
export function lineOf(version: ParsedVersion): string {
  const v = semver.parse(version.semver)
  return v ? `${v.major}.${v.minor}` : version.semver
}

export function compareLines(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number)
  const [bm, bn] = b.split('.').map(Number)
  return am - bm || an - bn
}
