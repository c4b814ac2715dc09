// Host names as entry points and certificates compare them: case-insensitive, a wildcard only in the
// left-most label, matching exactly one label (RFC 6125 §6.4.3, and the Ingress and Gateway API rules).

/** Lower case, without a trailing dot; `*` (or an empty host) stands for every host. */
export function normalizeHost(host: string): string {
  const trimmed = host.trim().toLowerCase().replace(/\.$/, '')
  return trimmed === '' ? '*' : trimmed
}

/**
 * Whether `pattern` (a TLS host, listener hostname or server host: exact, `*.domain` or `*`) covers a
 * served `host`, which may itself be a wildcard. A wildcard host is covered only by the same wildcard
 * or by `*`; `*` is covered only by `*`.
 */
export function hostCovered(host: string, pattern: string): boolean {
  const h = normalizeHost(host)
  const p = normalizeHost(pattern)
  if (p === '*' || p === h) return true
  if (h === '*' || h.startsWith('*.') || !p.startsWith('*.')) return false
  const dot = h.indexOf('.')
  return dot > 0 && h.slice(dot) === p.slice(1)
}

/** Whether a certificate's DNS name (its SAN) is valid for `host`. A bare `*` is never valid in a certificate. */
export function certificateCovers(dnsName: string, host: string): boolean {
  const name = normalizeHost(dnsName)
  if (name === '*') return false
  return hostCovered(host, name)
}

export function isWildcard(host: string): boolean {
  return normalizeHost(host).startsWith('*')
}

/** Istio server hosts may carry a `namespace/` prefix (`./`, `prod/`, or any namespace): the host is what follows. */
export function stripNamespace(host: string): string {
  const slash = host.indexOf('/')
  return slash >= 0 ? host.slice(slash + 1) : host
}
