import type {RuleMeta} from '../../src/sdk/index.js'

// The Istio egress rows of the controls catalog (ZT-EGR-003, -004, -005).

export const OUTBOUND_POLICY_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-NS-NP'],
  'nist-800-207': ['T4', 'T6'],
  'nist-800-204a': ['SM-DR2'],
  'nist-800-53': ['AC-4', 'SC-7(5)', 'CM-7'],
  'pci-dss': ['1.3.2'],
}

export const SERVICE_ENTRY_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-NS-NP'],
  'nist-800-207': ['T4', 'T6'],
  'nist-800-204a': ['SM-DR2'],
  'nist-800-53': ['AC-4', 'SC-7'],
  'pci-dss': ['1.3.2', '1.2.5'],
}

export const SIDECAR_SCOPE_CONTROLS: RuleMeta['controls'] = {
  'nist-800-207': ['T4'],
  'nist-800-204a': ['SM-DR2'],
  'nist-800-53': ['AC-4', 'CM-7'],
  'pci-dss': ['1.3.2'],
}
