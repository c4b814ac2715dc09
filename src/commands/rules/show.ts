import {Args, Command, Flags} from '@oclif/core'

import {showRule} from '../../actions/rules.js'
import {UserError} from '../../errors.js'

export default class RulesShow extends Command {
  static override description = "Print a rule's full documentation"

  static override args = {
    id: Args.string({description: 'rule id (e.g. ZT-NET-001) or slug', required: true}),
  }

  static override flags = {
    'rules-dir': Flags.string({description: 'also look in plug-in rules from this module or folder; repeatable', multiple: true}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(RulesShow)
    try {
      process.stdout.write(await showRule(args.id, flags['rules-dir']))
    } catch (error) {
      if (error instanceof UserError) this.error(error.message, {exit: error.exitCode})
      throw error
    }
  }
}
