import {Args, Flags} from '@oclif/core'

import {ZtCommand} from '../cli/command.js'
import {diffSavedReports} from '../actions/diff.js'
import {diffText} from '../baseline/format.js'
import {SEVERITIES, type Severity} from '../model/severity.js'

export default class Diff extends ZtCommand {
  static override description = 'Compare two saved JSON reports: new, fixed and changed findings (matched by fingerprint) and the score change'

  static override examples = ['<%= config.bin %> <%= command.id %> reports/last-week.json reports/zt-audit.json --fail-on-new high']

  static override args = {
    before: Args.string({description: 'the older report (JSON)', required: true}),
    after: Args.string({description: 'the newer report (JSON)', required: true}),
  }

  static override flags = {
    'output-dir': Flags.string({char: 'o', description: 'folder for zt-audit-diff.json and zt-audit-diff.md', default: 'reports'}),
    'fail-on-new': Flags.string({description: 'exit 1 when a new finding is at or above this severity', options: SEVERITIES.filter((s) => s !== 'info')}),
    json: Flags.boolean({description: 'print the difference as JSON on standard output and nothing else there'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Diff)
    await this.guard(async () => {
      const outcome = await diffSavedReports(args.before, args.after, flags['output-dir'], flags['fail-on-new'] as Severity | undefined)
      if (flags.json) process.stdout.write(`${JSON.stringify(outcome.diff, null, 2)}\n`)
      else {
        process.stdout.write(diffText(outcome.diff))
        for (const file of outcome.written) this.log(`Wrote ${file}`)
      }
      if (outcome.exitCode !== 0) {
        process.stderr.write(`New findings at or above ${flags['fail-on-new']}: exit status 1\n`)
        process.exitCode = 1
      }
    })
  }
}
