import type {RuleMeta} from '../../src/sdk/index.js'

/** Mesh authorization (the ZT-MESH-007 row of the controls catalog). */
export const AUTHZ_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-AA-RBAC'],
  'nist-800-207': ['T3', 'T4', 'T6'],
  'nist-800-53': ['AC-3', 'AC-4', 'AC-6'],
  'pci-dss': ['7.2.1', '7.3.3'],
}
