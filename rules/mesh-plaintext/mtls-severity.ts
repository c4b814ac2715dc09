// Severity of a mode that accepts plaintext, by the scope it takes effect at: mesh > namespace > workload > port.
import {lowerSeverity, type MtlsMode, type Severity} from '../../src/sdk/index.js'

const STEPS = {mesh: 0, default: 0, namespace: 1, workload: 2, port: 3} as const

export function mtlsSeverity(mode: MtlsMode, scope: keyof typeof STEPS): Severity {
  return lowerSeverity(mode === 'DISABLE' ? 'critical' : 'high', STEPS[scope])
}

export const MTLS_SEVERITY_NOTES = `Graded by the scope at which the mode takes effect, DISABLE one level above PERMISSIVE:

| scope | DISABLE | PERMISSIVE |
|---|---|---|
| mesh (root namespace, or Istio's default) | critical | high |
| namespace | high | medium |
| workload | medium | low |
| port | low | low |`

export const MODE_MEANING: Record<MtlsMode, string> = {
  STRICT: 'requires mTLS',
  PERMISSIVE: 'accepts plaintext as well as mTLS',
  DISABLE: 'turns mTLS off (plaintext only)',
}
