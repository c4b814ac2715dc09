import {defineRule, type NginxConfigView, weakNginxProtocols} from '../../../src/sdk/index.js'
import {CRYPTO_CONTROLS} from '../controls.js'
import {describeEntryPoint, quoteList} from '../entry-points.js'

export default defineRule<NginxConfigView>({
  meta: {
    id: 'ZT-TLS-002',
    slug: 'nginx-weak-protocols',
    category: 'ingress-tls',
    title: 'ingress-nginx allows TLS versions below 1.2',
    severity: 'high',
    target: 'IngressNginxConfig',
    reads: ['ConfigMap', 'Deployment', 'DaemonSet'],
    description: `The \`ssl-protocols\` key of the ingress-nginx controller's ConfigMap sets the protocol versions every HTTPS server of the controller accepts (there is no per-Ingress annotation for it). The default is \`TLSv1.2 TLSv1.3\`; the rule fails when the value enables \`TLSv1\`, \`TLSv1.1\`, \`SSLv3\` or \`SSLv2\`. TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail PCI DSS; SSL is broken.

The controller's ConfigMap is the one its \`--configmap\` argument names; without a controller in the input, ConfigMaps named \`ingress-nginx-controller\`, \`nginx-configuration\` or \`*-ingress-nginx-controller\` are read as controller configurations. A controller without a ConfigMap in the input runs with the defaults and passes. Recent controllers (OpenSSL 3) refuse TLS 1.0/1.1 handshakes unless \`ssl-ciphers\` also lowers the security level (\`@SECLEVEL=0\`), but the setting states the intent and takes effect on other builds.`,
    remediation: 'Remove the key (the default is `TLSv1.2 TLSv1.3`) or set `ssl-protocols: "TLSv1.2 TLSv1.3"`. Clients that cannot speak TLS 1.2 should be upgraded rather than accommodated.',
    controls: CRYPTO_CONTROLS,
    tags: ['ingress-nginx', 'tls', 'protocol'],
    example: `apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  ssl-protocols: TLSv1.2 TLSv1.3`,
  },
  check(config, ctx) {
    const setting = config.setting('ssl-protocols')
    const weak = weakNginxProtocols(setting.value)
    if (weak.length === 0) return
    ctx.report({
      message: `${describeEntryPoint(config)} enables ${quoteList(weak)} (ssl-protocols: "${setting.value}"); every HTTPS host of the controller accepts ${weak.length > 1 ? 'them' : 'it'}.`,
      path: setting.path,
      evidence: {sslProtocols: setting.value, weak},
    })
  },
})
