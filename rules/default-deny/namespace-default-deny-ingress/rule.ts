import {WORKLOAD_KINDS} from '../../../src/sdk/index.js'
import {defaultDenyDocs, namespaceDefaultDenyRule} from '../namespace-default-deny.js'

export default namespaceDefaultDenyRule('ingress', {
  id: 'ZT-NET-001',
  slug: 'namespace-default-deny-ingress',
  category: 'default-deny',
  title: 'Namespace has no default-deny ingress NetworkPolicy',
  severity: 'high',
  target: 'Namespace',
  reads: ['Namespace', 'NetworkPolicy', ...WORKLOAD_KINDS],
  ...defaultDenyDocs('ingress'),
  controls: {
    'cis-k8s': ['5.3.2'],
    'nsa-cisa': ['NSA-NS-NP'],
    'nist-800-207': ['T3', 'T4', 'T6'],
    'nist-800-53': ['AC-4', 'SC-7', 'SC-7(5)'],
    'pci-dss': ['1.2.1', '1.3.1'],
  },
  tags: ['network-policy', 'lateral-movement'],
})
