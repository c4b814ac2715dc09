import type {RuleMeta} from '../../src/sdk/index.js'

/** The controls every NetworkPolicy wildcard-egress rule maps to. */
export const EGRESS_CONTROLS: RuleMeta['controls'] = {
  'cis-k8s': ['5.3.2'],
  'nsa-cisa': ['NSA-NS-NP', 'NSA-NS-CLOUD'],
  'nist-800-207': ['T4', 'T6'],
  'nist-800-53': ['AC-4', 'SC-7', 'SC-7(5)', 'CM-7'],
  'pci-dss': ['1.3.2', '1.2.5'],
}
