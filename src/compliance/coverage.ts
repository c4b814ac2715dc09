// Which rules cover which control, derived from the rules' metadata so that it is written down once.
import type {Assessment, Catalog, CatalogControl} from './catalog.js'

/** The part of a rule's metadata compliance needs. */
export interface RuleControls {
  id: string
  /** framework id → control ids */
  controls: Readonly<Record<string, readonly string[]>>
  /** the kinds the rule reads; a kind the scan could not read leaves its controls not assessed */
  reads?: readonly string[]
}

export interface ControlCoverage {
  control: CatalogControl
  /** ids of the rules naming this control, sorted */
  rules: string[]
  assessment: Assessment
}

/** Every control of the catalog with the rules that name it; a control some rule names is automated. */
export function coverageOf(catalog: Catalog, rules: readonly RuleControls[]): ControlCoverage[] {
  const byControl = new Map<string, string[]>()
  for (const rule of rules) {
    for (const id of rule.controls[catalog.id] ?? []) byControl.set(id, [...(byControl.get(id) ?? []), rule.id])
  }
  return catalog.controls.map((control) => {
    const covering = [...new Set(byControl.get(control.id) ?? [])].sort()
    const assessment: Assessment = covering.length > 0 ? 'automated' : (control.assessment ?? 'not-assessed')
    return {control, rules: covering, assessment}
  })
}

export interface UnknownControl {
  rule: string
  framework: string
  id: string
  /** why it is unknown: no such framework, an identifier listed as unconfirmed, or no such control */
  problem: string
}

/** Controls that rules name but no catalog holds. Built-in rules must have none (tested). */
export function unknownControls(catalogs: readonly Catalog[], rules: readonly RuleControls[]): UnknownControl[] {
  const byId = new Map(catalogs.map((c) => [c.id, c]))
  const unknown: UnknownControl[] = []
  for (const rule of rules) {
    for (const [framework, ids] of Object.entries(rule.controls)) {
      const catalog = byId.get(framework)
      for (const id of ids) {
        if (!catalog) unknown.push({rule: rule.id, framework, id, problem: `no catalog for framework ${framework}`})
        else if (catalog.unconfirmed.ids.includes(id)) unknown.push({rule: rule.id, framework, id, problem: `${id} is listed as unconfirmed in ${catalog.file}`})
        else if (!catalog.controls.some((c) => c.id === id)) unknown.push({rule: rule.id, framework, id, problem: `${catalog.file} has no control ${id}`})
      }
    }
  }
  return unknown
}
