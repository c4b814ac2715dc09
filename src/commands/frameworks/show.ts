import {Args, Flags} from '@oclif/core'

import {ZtCommand} from '../../cli/command.js'
import {listRules} from '../../actions/rules.js'
import {catalogJson, describeFramework, findCatalog} from '../../compliance/describe.js'
import {loadCatalogs} from '../../compliance/load.js'

export default class FrameworksShow extends ZtCommand {
  static override description = "Print a framework's controls with the rules that assess each, or why none does"

  static override args = {
    id: Args.string({description: 'framework id (e.g. cis-k8s)', required: true}),
  }

  static override flags = {
    'frameworks-dir': Flags.string({description: 'folder of framework catalogs (*.yaml) replacing built-in ones of the same id or adding frameworks'}),
    'rules-dir': Flags.string({description: 'also count controls covered by plug-in rules from this module or folder; repeatable', multiple: true}),
    json: Flags.boolean({description: 'print the catalog and its coverage as JSON'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(FrameworksShow)
    await this.guard(async () => {
      const catalog = findCatalog(loadCatalogs(flags['frameworks-dir']), args.id)
      const rules = (await listRules(flags['rules-dir'])).map(({rule}) => rule.meta)
      process.stdout.write(flags.json ? `${JSON.stringify(catalogJson(catalog, rules), null, 2)}\n` : describeFramework(catalog, rules))
    })
  }
}
