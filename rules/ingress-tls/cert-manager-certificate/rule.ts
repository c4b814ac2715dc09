import {defineRule, type Resource, type Subject} from '../../../src/sdk/index.js'
import {INVENTORY_CONTROLS} from '../controls.js'

/** The CA/Browser Forum's limit for publicly trusted server certificates. */
const MAX_DAYS = 397
const UNITS: Readonly<Record<string, number>> = {h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001, µs: 0.000001, ns: 0.000000001}

/** A Go duration (`2160h`, `8760h0m0s`) in seconds; undefined when it is not one. */
function seconds(duration: string): number | undefined {
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(h|ms|us|µs|ns|m|s)/g)]
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== duration.trim()) return undefined
  return parts.reduce((total, [, value, unit]) => total + Number(value) * UNITS[unit], 0)
}

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {})

export default defineRule<Subject & {resource: Resource}>({
  meta: {
    id: 'ZT-TLS-015',
    slug: 'cert-manager-certificate',
    category: 'ingress-tls',
    title: 'cert-manager Certificate with a long lifetime or a self-signed issuer',
    severity: 'info',
    target: 'Certificate.cert-manager.io',
    reads: ['Certificate', 'Issuer', 'ClusterIssuer'],
    description: `Notes two choices in cert-manager \`Certificate\` resources (\`cert-manager.io\`) that leave a server certificate weaker than it needs to be:

- a \`spec.duration\` longer than ${MAX_DAYS} days, the most publicly trusted server certificates may have: a stolen key stays useful longer, and renewal is exercised rarely (cert-manager's default is 90 days);
- an \`issuerRef\` naming an Issuer or ClusterIssuer with \`spec.selfSigned\`: nobody can authenticate the result without pinning it (ZT-TLS-008 reports it when an internet-facing entry point serves it).

CA certificates (\`spec.isCA: true\`) are left alone: a self-signed, long-lived root is how a private CA starts.`,
    remediation: 'Drop `spec.duration` (or keep it at 90 days) and let cert-manager renew; issue server certificates from a CA or ACME issuer, keeping `selfSigned` issuers for bootstrapping CA certificates.',
    controls: INVENTORY_CONTROLS,
    tags: ['certificate', 'cert-manager'],
  },
  check(certificate, ctx) {
    const spec = record(certificate.resource.object.spec)
    if (spec.isCA === true) return ctx.skip('a CA certificate; long lifetimes and self-signing are expected')
    const name = `cert-manager Certificate ${certificate.ref.namespace}/${certificate.ref.name}`
    if (typeof spec.duration === 'string') {
      const total = seconds(spec.duration)
      if (total !== undefined && total > MAX_DAYS * 86400) {
        ctx.report({message: `${name} asks for a ${Math.round(total / 86400)}-day certificate (duration: ${spec.duration}), longer than the ${MAX_DAYS} days allowed for public server certificates.`, path: ['spec', 'duration'], evidence: {duration: spec.duration}})
      }
    }
    const issuerRef = record(spec.issuerRef)
    const kind = typeof issuerRef.kind === 'string' ? issuerRef.kind : 'Issuer'
    const group = typeof issuerRef.group === 'string' ? issuerRef.group : 'cert-manager.io'
    if (group !== 'cert-manager.io' || typeof issuerRef.name !== 'string') return
    const issuer = ctx.inventory.ofKind(kind).find((r) => r.ref.name === issuerRef.name && (kind === 'ClusterIssuer' || r.ref.namespace === certificate.ref.namespace))
    if (issuer && record(issuer.object.spec).selfSigned !== undefined) {
      ctx.report({message: `${name} is issued by ${kind} ${issuerRef.name}, a selfSigned issuer: clients cannot authenticate the certificate without pinning it.`, path: ['spec', 'issuerRef'], evidence: {issuer: `${kind}/${issuerRef.name}`}})
    }
  },
})
