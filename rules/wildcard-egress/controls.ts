import type {RuleMeta} from '../../src/sdk/index.js'

/**
 * The controls every NetworkPolicy wildcard-egress rule maps to. No CIS control: 5.3.2 asks that every
 * namespace has NetworkPolicies, which a namespace with a too-wide policy has.
 */
export const EGRESS_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-NS-NP', 'NSA-NS-CLOUD'],
  'nist-800-207': ['T4', 'T6'],
  'nist-800-53': ['AC-4', 'SC-7', 'SC-7(5)', 'CM-7'],
  'pci-dss': ['1.3.2', '1.2.5'],
}

/** Egress to every pod stays inside the cluster: it does not open the cloud metadata service (NSA-NS-CLOUD). */
export const IN_CLUSTER_EGRESS_CONTROLS: RuleMeta['controls'] = {
  ...EGRESS_CONTROLS,
  'nsa-cisa': ['NSA-NS-NP'],
}
