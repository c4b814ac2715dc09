import type {RuleMeta} from '../../src/sdk/index.js'

// Control ids from the mapping table of the controls catalog (ZT-MESH rows).

/** No mesh-wide STRICT: plaintext accepted across the mesh. */
export const MESH_WIDE_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-NS-ENC', 'NSA-LOG-MESH'],
  'nist-800-207': ['T2', 'T6'],
  'nist-800-204a': ['SM-DR16'],
  'nist-800-53': ['SC-8', 'SC-8(1)', 'IA-3', 'IA-9', 'SC-23'],
  'pci-dss': ['4.2.1', '1.2.6', '2.2.5'],
}

/** A namespace or workload policy that accepts plaintext. */
export const POLICY_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-NS-ENC'],
  'nist-800-207': ['T2', 'T6'],
  'nist-800-204a': ['SM-DR16'],
  'nist-800-53': ['SC-8(1)', 'IA-9'],
  'pci-dss': ['4.2.1', '1.2.6'],
}

export const PORT_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-NS-ENC'],
  'nist-800-207': ['T2'],
  'nist-800-204a': ['SM-DR16'],
  'nist-800-53': ['SC-8(1)'],
  'pci-dss': ['1.2.6'],
}

export const CLIENT_TLS_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-NS-ENC'],
  'nist-800-207': ['T2'],
  'nist-800-204a': ['SM-DR16'],
  'nist-800-53': ['SC-8', 'SC-8(1)', 'SC-13'],
  'pci-dss': ['4.2.1'],
}

/** Workloads and namespaces outside the mesh. */
export const ENROLLMENT_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-LOG-MESH', 'NSA-NS-ENC'],
  'nist-800-207': ['T2', 'T6', 'T7'],
  'nist-800-204a': ['SM-DR16'],
  'nist-800-53': ['SC-8', 'IA-9', 'CM-6'],
  'pci-dss': ['1.2.6'],
}

/** Traffic that bypasses the proxy. */
export const BYPASS_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-NS-ENC'],
  'nist-800-207': ['T2'],
  'nist-800-204a': ['SM-DR16'],
  'nist-800-53': ['SC-8(1)', 'AC-4'],
  'pci-dss': ['1.2.6', '2.2.5'],
}

/** The Istio kinds and workload kinds the mTLS rules read. */
export const ISTIO_READS = ['PeerAuthentication', 'Namespace', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod']
