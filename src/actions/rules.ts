import {type LoadedRule, loadRules} from '../engine/loader.js'
import {UserError} from '../errors.js'
import {renderRuleDoc} from '../docs/rule-doc.js'

/** One line per rule: id, category, severity, title. */
export function formatRuleTable(rules: readonly LoadedRule[]): string {
  const rows = rules.map(({rule: {meta}}) => [meta.id, meta.category, meta.severity, meta.title])
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['ID', 'CATEGORY', 'SEVERITY'][i].length))
  const line = (cells: string[]): string => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ')
  return [line(['ID', 'CATEGORY', 'SEVERITY', 'TITLE']), ...rows.map(line)].join('\n') + '\n'
}

export async function listRules(rulesDirs: readonly string[] = []): Promise<LoadedRule[]> {
  return loadRules(rulesDirs)
}

export async function showRule(id: string, rulesDirs: readonly string[] = []): Promise<string> {
  const rules = await loadRules(rulesDirs)
  const found = rules.find(({rule}) => rule.meta.id.toLowerCase() === id.toLowerCase() || rule.meta.slug === id)
  if (!found) throw new UserError(`no rule ${id}; \`zt-audit rules\` lists them all`)
  return renderRuleDoc(found.rule.meta)
}
