import type {FieldPath, Resource} from '../../model/resource.js'
import {asArray, asRecord, asString} from '../../util/guards.js'
import {parseCidr} from '../network/cidr.js'

/** Public suffixes of more than one label, so that `*.co.uk` reads as broad as `*.com`. */
const MULTI_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'co.nz', 'org.nz', 'net.nz',
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'go.jp', 'co.kr', 'or.kr', 'com.cn', 'net.cn', 'org.cn', 'gov.cn',
  'com.hk', 'com.tw', 'com.sg', 'com.my', 'co.in', 'net.in', 'org.in', 'co.id', 'co.th', 'com.vn', 'com.ph',
  'com.br', 'net.br', 'org.br', 'com.ar', 'com.mx', 'com.co', 'com.pe', 'co.za', 'com.tr', 'com.ua', 'com.pl',
  'co.il', 'com.eg', 'com.sa', 'ae.org', 'us.com', 'eu.com', 'uk.com',
])

/**
 * How far a ServiceEntry host reaches. `*` is every host; a wildcard whose remainder is a public suffix
 * (`*.com`, `*.io`, `*.co.uk`) is every company's hosts under that suffix; a wildcard under a registrable
 * domain (`*.googleapis.com`) stays within one organisation's hosts and is not reported.
 */
export function hostReach(host: string): 'any' | 'public-suffix' | 'domain' | 'exact' {
  const h = host.trim().toLowerCase().replace(/\.$/, '')
  if (h === '*' || h === '*.') return 'any'
  if (!h.startsWith('*')) return 'exact'
  const rest = h.replace(/^\*\.?/, '')
  const labels = rest.split('.').filter(Boolean)
  if (labels.length <= 1) return 'public-suffix'
  if (labels.length === 2 && MULTI_LABEL_SUFFIXES.has(rest)) return 'public-suffix'
  return 'domain'
}

export interface BroadEntry {
  reach: 'any' | 'public-suffix' | 'any-address'
  value: string
  path: FieldPath
}

/** The hosts and addresses of a ServiceEntry that open egress to far more than one service. */
export function broadServiceEntryHosts(resource: Resource): BroadEntry[] {
  const spec = asRecord(resource.object.spec)
  const found: BroadEntry[] = []
  asArray(spec.hosts).forEach((raw, index) => {
    if (typeof raw !== 'string') return
    const reach = hostReach(raw)
    if (reach === 'any' || reach === 'public-suffix') found.push({reach, value: raw, path: ['spec', 'hosts', index]})
  })
  asArray(spec.addresses).forEach((raw, index) => {
    if (typeof raw !== 'string') return
    const range = parseCidr(raw.includes('/') ? raw : `${raw}/${raw.includes(':') ? 128 : 32}`)
    if (range && range.start === 0n && range.end === (range.family === 4 ? 2n ** 32n - 1n : 2n ** 128n - 1n)) found.push({reach: 'any-address', value: raw, path: ['spec', 'addresses', index]})
  })
  return found
}

/** `ns/host` entries of a Sidecar's egress listeners that admit every host of every namespace. */
export function sidecarEgressAnyHost(resource: Resource): {value: string; path: FieldPath}[] {
  const found: {value: string; path: FieldPath}[] = []
  asArray(asRecord(resource.object.spec).egress).forEach((raw, i) => {
    asArray(asRecord(raw).hosts).forEach((host, j) => {
      if (typeof host !== 'string') return
      const [ns, name] = host.includes('/') ? host.split('/', 2) : ['*', host]
      if (ns === '*' && (name === '*' || name === '')) found.push({value: host, path: ['spec', 'egress', i, 'hosts', j]})
    })
  })
  return found
}

export function sidecarOutboundMode(resource: Resource): string | undefined {
  return asString(asRecord(asRecord(resource.object.spec).outboundTrafficPolicy).mode)?.toUpperCase()
}

/** exportTo `.` keeps an entry to its own namespace; absent or `*` exports it to every namespace. */
export function exportedToAll(resource: Resource): boolean {
  const exportTo = asArray(asRecord(resource.object.spec).exportTo).map(String)
  return exportTo.length === 0 || exportTo.includes('*')
}
