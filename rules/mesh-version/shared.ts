// What the mesh-version rules share: where the data comes from, how a component is named, the controls.
import {type Component, loadVersionData, type RuleContext, type RuleMeta, type VersionData, versionDataAge} from '../../src/sdk/index.js'

/** The rule option `versionData: FILE` wins; else what the scan set (`--version-data`); else the shipped file. */
export function versionDataOf(ctx: RuleContext): VersionData {
  const file = ctx.options.versionData
  return typeof file === 'string' && file !== '' ? loadVersionData(file) : ctx.inventory.mesh.versionData
}

export function describe(c: Component): string {
  return `${c.component} ${c.version?.text ?? c.raw}${c.image ? ` (image ${c.image})` : ''}${c.at ? ` in pod ${c.at.ref.name}` : ''}`
}

export function dataEvidence(data: VersionData, now: Date): Record<string, unknown> {
  const age = versionDataAge(data, now)
  return {dataAsOf: age.asOf, dataAgeDays: age.ageDays, ...(age.stale ? {dataStale: true} : {})}
}

/** Skips a workload that runs nothing these rules track; true when it did. */
export function skipUntracked(components: readonly Component[], ctx: RuleContext): boolean {
  if (components.length > 0) return false
  ctx.skip('runs no mesh, CNI or ingress component zt-audit tracks')
  return true
}

export const EOL_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-UPG'],
  'nist-800-207': ['T5', 'T7'],
  'nist-800-53': ['SA-22', 'SI-2', 'CM-8'],
  'pci-dss': ['12.3.4', '6.3.3'],
}

export const SKEW_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-UPG'],
  'nist-800-207': ['T5'],
  'nist-800-53': ['CM-2', 'SI-2'],
  'pci-dss': ['6.3.3'],
}

export const ADVISORY_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-UPG'],
  'nist-800-207': ['T5', 'T7'],
  'nist-800-53': ['SI-2', 'SI-2(2)', 'RA-5', 'SI-5'],
  'pci-dss': ['6.3.1', '6.3.3'],
}

export const RETIRED_CONTROLS: RuleMeta['controls'] = {
  'nsa-cisa': ['NSA-UPG'],
  'nist-800-207': ['T5'],
  'nist-800-53': ['SA-22', 'SI-2'],
  'pci-dss': ['12.3.4'],
}

export const DATA_NOTE = 'The data (rules/data/mesh-versions.yaml, or the file given with `--version-data`) carries its date; findings record it, and data older than 180 days on the scan clock is flagged as stale in their evidence.'
