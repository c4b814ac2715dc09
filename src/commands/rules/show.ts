import {Args, Flags} from '@oclif/core'

import {ZtCommand} from '../../cli/command.js'
import {showRule} from '../../actions/rules.js'

export default class RulesShow extends ZtCommand {
  static override description = "Print a rule's full documentation"

  static override args = {
    id: Args.string({description: 'rule id (e.g. ZT-NET-001) or slug', required: true}),
  }

  static override flags = {
    'rules-dir': Flags.string({description: 'also look in plug-in rules from this module or folder; repeatable', multiple: true}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(RulesShow)
    await this.guard(async () => {
      process.stdout.write(await showRule(args.id, flags['rules-dir']))
    })
  }
}
