// Writes each built-in rule's README.md and the rule index docs/rules.md from the rules' metadata.
import {writeFileSync} from 'node:fs'
import path from 'node:path'

import {renderRuleDoc} from '../src/docs/rule-doc.js'
import {renderRuleIndex} from '../src/docs/rule-index.js'
import {loadBuiltinRules} from '../src/engine/loader.js'

const rules = await loadBuiltinRules()
for (const {rule, file} of rules) writeFileSync(path.join(path.dirname(file), 'README.md'), renderRuleDoc(rule.meta))
writeFileSync('docs/rules.md', renderRuleIndex(rules.map((r) => ({meta: r.rule.meta, file: r.file}))))
process.stdout.write(`wrote ${rules.length} rule pages and docs/rules.md\n`)
