import {Flags} from '@oclif/core'

import {ZtCommand} from '../../cli/command.js'
import {formatRuleTable, listRules} from '../../actions/rules.js'

export default class RulesList extends ZtCommand {
  static override description = 'List every rule: id, category, severity, title'

  static override flags = {
    'rules-dir': Flags.string({description: 'also list plug-in rules from this module or folder; repeatable', multiple: true}),
    json: Flags.boolean({description: 'print the rules as JSON'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(RulesList)
    await this.guard(async () => {
      const rules = await listRules(flags['rules-dir'])
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(rules.map(({rule}) => rule.meta), null, 2)}\n`)
        return
      }
      process.stdout.write(formatRuleTable(rules))
    })
  }
}
