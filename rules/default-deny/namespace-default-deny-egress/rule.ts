import {WORKLOAD_KINDS} from '../../../src/sdk/index.js'
import {defaultDenyDocs, namespaceDefaultDenyRule} from '../namespace-default-deny.js'

export default namespaceDefaultDenyRule('egress', {
  id: 'ZT-NET-002',
  slug: 'namespace-default-deny-egress',
  category: 'default-deny',
  title: 'Namespace has no default-deny egress NetworkPolicy',
  severity: 'medium',
  target: 'Namespace',
  reads: ['Namespace', 'NetworkPolicy', ...WORKLOAD_KINDS],
  ...defaultDenyDocs('egress'),
  controls: {
    'cis-k8s': ['5.3.2'],
    'nsa-cisa': ['NSA-NS-NP'],
    'nist-800-207': ['T4', 'T6'],
    'nist-800-53': ['AC-4', 'SC-7', 'SC-7(5)'],
    'pci-dss': ['1.3.2'],
  },
  tags: ['network-policy', 'exfiltration'],
})
