import {Flags} from '@oclif/core'

import {ZtCommand} from '../../cli/command.js'
import {listRules} from '../../actions/rules.js'
import {formatFrameworkTable, summarize} from '../../compliance/describe.js'
import {loadCatalogs} from '../../compliance/load.js'

export default class FrameworksList extends ZtCommand {
  static override description = 'List the compliance frameworks: controls, and how many the rules assess'

  static override flags = {
    'frameworks-dir': Flags.string({description: 'folder of framework catalogs (*.yaml) replacing built-in ones of the same id or adding frameworks'}),
    'rules-dir': Flags.string({description: 'also count controls covered by plug-in rules from this module or folder; repeatable', multiple: true}),
    json: Flags.boolean({description: 'print the frameworks as JSON'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(FrameworksList)
    await this.guard(async () => {
      const catalogs = loadCatalogs(flags['frameworks-dir'])
      const rules = (await listRules(flags['rules-dir'])).map(({rule}) => rule.meta)
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(catalogs.map((c) => summarize(c, rules)), null, 2)}\n`)
        return
      }
      process.stdout.write(formatFrameworkTable(catalogs, rules))
    })
  }
}
