import {Flags} from '@oclif/core'

import {ZtCommand} from '../cli/command.js'
import {parseNow} from '../cli/parse.js'
import {scan} from '../actions/scan.js'
import {UserError} from '../errors.js'
import {SEVERITIES, type Severity} from '../model/severity.js'
import {FORMATS, reporterFor, writeReports} from '../reporters/index.js'
import {jsonChunks} from '../reporters/json.js'
import {renderedSarifWarnings} from '../reporters/sarif.js'

export default class Scan extends ZtCommand {
  static override description = 'Audit manifests or a live cluster against the zero-trust rules and write reports'

  static override examples = [
    '<%= config.bin %> <%= command.id %> --manifests examples/cluster',
    '<%= config.bin %> <%= command.id %> --kubeconfig ~/.kube/config --context prod --format html,pdf,sarif',
    '<%= config.bin %> <%= command.id %> --manifests dump.yaml --format json --fail-on high',
    'kubectl get -A -o yaml all,networkpolicies | <%= config.bin %> <%= command.id %> --manifests - --json',
  ]

  static override flags = {
    manifests: Flags.string({char: 'm', description: 'manifest file, folder (recursive: .yaml, .yml, .json) or - for standard input; repeatable', multiple: true}),
    kubeconfig: Flags.string({description: 'kubeconfig of a live cluster to scan (default: in-cluster credentials in a pod, else $KUBECONFIG, else ~/.kube/config)'}),
    context: Flags.string({description: 'kubeconfig context to use (default: its current-context)'}),
    secrets: Flags.boolean({description: 'read kubernetes.io/tls Secrets of a live cluster, certificates only (--no-secrets reads none)', default: true, allowNo: true}),
    namespace: Flags.string({char: 'n', description: 'only check these namespaces (cluster-wide objects are always checked); repeatable', multiple: true}),
    format: Flags.string({char: 'f', description: `report formats, repeatable or comma-separated: ${FORMATS.join(', ')}`, multiple: true, delimiter: ',', options: FORMATS}),
    'output-dir': Flags.string({char: 'o', description: 'folder for report files', default: 'reports'}),
    'fail-on': Flags.string({description: 'exit 1 when an unsuppressed finding is at or above this severity', options: SEVERITIES.filter((s) => s !== 'info')}),
    config: Flags.string({char: 'c', description: 'config file (default: .zt-audit.yaml in the working directory, when present)'}),
    'rules-dir': Flags.string({description: 'plug-in rule module or folder of modules; repeatable', multiple: true}),
    baseline: Flags.string({description: 'a saved JSON report: mark findings new or existing and list the fixed ones'}),
    'fail-on-new': Flags.string({description: 'with --baseline: exit 1 when a new finding is at or above this severity', options: SEVERITIES.filter((s) => s !== 'info')}),
    'version-data': Flags.string({description: 'mesh version lifecycles and advisories (YAML, as rules/data/mesh-versions.yaml) to use instead of the shipped data'}),
    now: Flags.string({description: 'fix the clock (ISO-8601), for reproducible reports and expiry checks'}),
    framework: Flags.string({description: 'report on this framework only (an id from `zt-audit frameworks`); repeatable', multiple: true}),
    'frameworks-dir': Flags.string({description: 'folder of framework catalogs (*.yaml) replacing built-in ones of the same id or adding frameworks'}),
    'min-score': Flags.string({description: 'exit 1 when the score (0-100) is below this'}),
    'sarif-category': Flags.string({description: 'the SARIF upload category (automationDetails.id); default zt-audit/<source>/<target>'}),
    json: Flags.boolean({description: 'print the JSON report on standard output and nothing else there'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Scan)
    const formats = flags.format ?? ['console', 'json']
    await this.guard(async () => {
      const now = flags.now === undefined ? undefined : parseNow(flags.now)
      const minScore = flags['min-score'] === undefined ? undefined : parseMinScore(flags['min-score'])
      const outcome = await scan(
        {
          manifests: flags.manifests,
          kubeconfig: flags.kubeconfig,
          context: flags.context,
          secrets: flags.secrets,
          namespaces: flags.namespace,
          configFile: flags.config,
          rulesDirs: flags['rules-dir'],
          failOn: flags['fail-on'] as Severity | undefined,
          baseline: flags.baseline,
          failOnNew: flags['fail-on-new'] as Severity | undefined,
          versionDataFile: flags['version-data'],
          frameworks: flags.framework,
          frameworksDir: flags['frameworks-dir'],
          now,
        },
        {version: this.config.version},
      )
      const {report} = outcome
      // a live scan that could not read a kind says so at once; every report shows it again
      for (const row of report.scan.coverage.filter((r) => r.status === 'forbidden' || r.status === 'error')) {
        process.stderr.write(`zt-audit: warning: could not read ${row.kind} (${row.status}${row.message ? `: ${row.message}` : ''}); rules that need it were skipped\n`)
      }
      const written = await writeReports(report, formats, flags['output-dir'], {sarifCategory: flags['sarif-category']})
      if (formats.includes('sarif')) for (const warning of renderedSarifWarnings(report)) process.stderr.write(`zt-audit: warning: ${warning}\n`)
      if (flags.json) {
        for (const chunk of jsonChunks(report)) process.stdout.write(chunk)
      } else {
        // formats without a file (console, summary) print on standard output
        const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
        for (const reporter of formats.map(reporterFor).filter((r) => !r.fileName)) {
          process.stdout.write(await reporter.render(report, {color}))
        }
        for (const file of written) this.log(`Wrote ${file}`)
      }
      if (outcome.exitCode !== 0) {
        process.stderr.write(`zt-audit: ${outcome.failure ?? 'findings'}: exit status 1\n`)
        process.exitCode = outcome.exitCode
      }
      if (minScore !== undefined && report.score.value < minScore) {
        process.stderr.write(`zt-audit: score ${report.score.value} is below --min-score ${minScore}: exit status 1\n`)
        process.exitCode = 1
      }
    })
  }
}

function parseMinScore(text: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) throw new UserError(`--min-score ${text} is not a score from 0 to 100`)
  return value
}
