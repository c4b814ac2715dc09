import type {RuleMeta} from '../../src/sdk/index.js'

// Framework control ids per ingress TLS check (reference controls.md §10, restricted to the catalog's ids).
const ENC = {'nsa-cisa': ['NSA-NS-ENC'], 'nist-800-207': ['T2']}

/** Plaintext entry points, redirects, termination. */
export const TRANSPORT_CONTROLS: RuleMeta['controls'] = {...ENC, 'nist-800-53': ['SC-8', 'SC-8(1)'], 'pci-dss': ['4.2.1']}
/** Protocol versions and cipher suites. */
export const CRYPTO_CONTROLS: RuleMeta['controls'] = {...ENC, 'nist-800-53': ['SC-8(1)', 'SC-13'], 'pci-dss': ['4.2.1', '12.3.3']}
/** Certificate validity and trust. */
export const CERTIFICATE_CONTROLS: RuleMeta['controls'] = {...ENC, 'nist-800-53': ['SC-12', 'SC-17'], 'pci-dss': ['4.2.1', '4.2.1.1']}
/** Certificate key and signature strength. */
export const KEY_CONTROLS: RuleMeta['controls'] = {...ENC, 'nist-800-53': ['SC-12', 'SC-13'], 'pci-dss': ['4.2.1', '4.2.1.1']}
/** Knowing which keys and certificates protect traffic (PCI 4.2.1.1's inventory). */
export const INVENTORY_CONTROLS: RuleMeta['controls'] = {'nsa-cisa': ['NSA-NS-ENC'], 'nist-800-53': ['SC-12', 'SC-17'], 'pci-dss': ['4.2.1.1']}
