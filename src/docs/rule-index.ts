import path from 'node:path'

import type {RuleMeta} from '../sdk/types.js'

/** docs/rules.md: every built-in rule by category, linking to its page. */
export function renderRuleIndex(rules: readonly {meta: RuleMeta; file: string}[]): string {
  const out = ['# Rules', '', 'Generated from the rules\' metadata by `npm run docs`; `zt-audit rules show ID` prints the same pages.', '']
  const categories = [...new Set(rules.map((r) => r.meta.category))].sort()
  for (const category of categories) {
    out.push(`## ${category}`, '', '| id | severity | title |', '|---|---|---|')
    for (const {meta, file} of rules.filter((r) => r.meta.category === category).sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
      const link = path.posix.join('..', 'rules', category, path.basename(path.dirname(file)), 'README.md')
      out.push(`| [${meta.id}](${link}) | ${meta.severity} | ${meta.title} |`)
    }
    out.push('')
  }
  return `${out.join('\n').trimEnd()}\n`
}
