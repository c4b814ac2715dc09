import {Args, Flags} from '@oclif/core'

import {ZtCommand} from '../cli/command.js'
import {rerender} from '../actions/report.js'
import {FORMATS, reporterFor} from '../reporters/index.js'

export default class Report extends ZtCommand {
  static override description = 'Render a saved JSON report again (HTML, PDF or any other format) without scanning'

  static override examples = [
    '<%= config.bin %> <%= command.id %> reports/zt-audit.json --format html,pdf',
    '<%= config.bin %> <%= command.id %> nightly.json --format pdf --output-dir audit/2026-06',
  ]

  static override args = {
    report: Args.string({description: 'a JSON report written by `zt-audit scan --format json` (schema version 1)', required: true}),
  }

  static override flags = {
    format: Flags.string({char: 'f', description: `formats, repeatable or comma-separated: ${FORMATS.join(', ')} (default: html,pdf)`, multiple: true, delimiter: ',', options: FORMATS}),
    'output-dir': Flags.string({char: 'o', description: 'folder for report files', default: 'reports'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Report)
    const formats = flags.format ?? ['html', 'pdf']
    await this.guard(async () => {
      const {report, written} = await rerender({file: args.report, formats, outputDir: flags['output-dir']})
      // formats without a file (console, summary) print on standard output, as scan does
      const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
      for (const reporter of formats.map(reporterFor).filter((r) => !r.fileName)) process.stdout.write(await reporter.render(report, {color}))
      for (const file of written) this.log(`Wrote ${file}`)
    })
  }
}
