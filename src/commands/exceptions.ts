import {Args, Flags} from '@oclif/core'

import {ZtCommand} from '../cli/command.js'
import {parseNow} from '../cli/parse.js'
import {scan} from '../actions/scan.js'
import {readReport} from '../baseline/read.js'
import type {ExceptionStatus} from '../model/report.js'

/** One line per exception: status, rule, resource, owner, expiry, matches, reason (and the problem of an invalid one). */
export function exceptionTable(exceptions: readonly ExceptionStatus[]): string {
  if (exceptions.length === 0) return 'No exceptions declared.\n'
  const rows = exceptions.map((e) => [e.status, e.source, e.rule, e.resource, e.owner ?? '-', e.expires ?? '-', String(e.matched), e.problem ? `${e.reason} [${e.problem}]` : e.reason])
  const header = ['STATUS', 'SOURCE', 'RULE', 'RESOURCE', 'OWNER', 'EXPIRES', 'MATCHED', 'REASON']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]): string => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]) : c)).join('  ')
  return `${[line(header), ...rows.map(line)].join('\n')}\n`
}

export default class Exceptions extends ZtCommand {
  static override description = 'List every exception — from the config file and from resource annotations — with its status, for review'

  static override examples = [
    '<%= config.bin %> <%= command.id %> --manifests k8s/',
    '<%= config.bin %> <%= command.id %> reports/zt-audit.json',
  ]

  static override args = {
    report: Args.string({description: 'a saved JSON report to read them from, instead of scanning'}),
  }

  static override flags = {
    manifests: Flags.string({char: 'm', description: 'scan these manifests (file, folder or -) to evaluate the exceptions; repeatable', multiple: true}),
    config: Flags.string({char: 'c', description: 'config file (default: .zt-audit.yaml in the working directory, when present)'}),
    now: Flags.string({description: 'fix the clock (ISO-8601) that decides expiry'}),
    json: Flags.boolean({description: 'print them as JSON'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Exceptions)
    await this.guard(async () => {
      const exceptions = args.report
        ? readReport(args.report).exceptions
        : (await scan({manifests: flags.manifests, configFile: flags.config, ...(flags.now ? {now: parseNow(flags.now)} : {})}, {version: this.config.version})).report.exceptions
      process.stdout.write(flags.json ? `${JSON.stringify(exceptions, null, 2)}\n` : exceptionTable(exceptions))
    })
  }
}
