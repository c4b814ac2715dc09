import {certificateCovers, defineRule, normalizeHost, type TlsCertificateView} from '../../../src/sdk/index.js'
import {CERTIFICATE_CONTROLS} from '../controls.js'
import {certificateEvidence, describeRef, parsedChain} from '../certificates.js'

const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)$/i

export default defineRule<TlsCertificateView>({
  meta: {
    id: 'ZT-TLS-010',
    slug: 'certificate-host-mismatch',
    category: 'ingress-tls',
    title: 'TLS certificate does not cover a host it is served for',
    severity: 'medium',
    target: 'TLSCertificate',
    reads: ['Secret', 'Ingress', 'Gateway'],
    description: `Every host an entry point serves with a certificate must be one of the certificate's subjectAltName DNS names (or IP addresses): exactly, or through a \`*.domain\` name one label deep (RFC 6125). The hosts are the Ingress \`spec.tls[].hosts\` of the entry naming the Secret (the Ingress's rule hosts when the entry lists none), the hosts of the Istio server naming it as \`credentialName\`, and the hostname of the Gateway API listener referencing it. A certificate with no DNS names fails for every host: browsers have ignored the subject's common name since 2017. Clients reject the mismatch, so the host is down for them or users learn to click through warnings.`,
    remediation: 'Reissue the certificate with every host among its DNS names (cert-manager fills `dnsNames` from the Ingress `tls.hosts`), or serve the host with a certificate of its own.',
    controls: CERTIFICATE_CONTROLS,
    tags: ['certificate', 'hostname'],
  },
  check(view, ctx) {
    const chain = parsedChain(view, ctx)
    if (!chain) return
    const [leaf] = chain.path
    const names = leaf.dnsNames
    const reported = new Set<string>()
    for (const use of view.usedBy) {
      for (const raw of use.hosts) {
        const host = normalizeHost(raw)
        if (host === '*' || reported.has(host)) continue
        const covered = IP.test(host) ? leaf.ipAddresses.includes(host) : names.some((name) => certificateCovers(name, host))
        if (covered) continue
        reported.add(host)
        const has = names.length > 0 ? `its DNS names are ${names.join(', ')}` : `it has no subjectAltName DNS names (its subject is ${leaf.subject}; browsers ignore the common name)`
        ctx.report({
          message: `Secret ${view.namespace}/${view.name} is served for ${host} by ${describeRef(use.entryPoint)}, but its certificate does not cover that host: ${has}.`,
          at: use.resource,
          path: use.path,
          cause: `host:${host}`,
          evidence: certificateEvidence(leaf),
        })
      }
    }
  },
})
