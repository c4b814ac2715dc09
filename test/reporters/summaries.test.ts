import {runCommand} from '@oclif/test'
import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import type {AuditReport} from '../../src/model/report.js'
import {markdownReporter} from '../../src/reporters/markdown.js'
import {summaryReporter} from '../../src/reporters/summary.js'

const NOW = '2026-06-01T00:00:00Z'

async function exampleReport(): Promise<AuditReport> {
  const {stdout} = await runCommand(['scan', '--manifests', 'examples/cluster', '--json', '--now', NOW, '--output-dir', mkdtempSync(path.join(tmpdir(), 'zt-md-'))])
  return JSON.parse(stdout) as AuditReport
}

describe('markdown and one-line summaries', () => {
  it('renders a job summary: score, counts, categories, top findings with file:line, escaped table cells', async () => {
    const report = await exampleReport()
    report.findings[0].message = 'a | pipe and <b>markup</b>'
    const text = markdownReporter.render(report, {color: false}) as string
    expect(text).to.match(/^## zt-audit: score [\d.]+ \([A-F]\)/)
    expect(text).to.contain(`| ${report.summary.bySeverity.critical} | ${report.summary.bySeverity.high} | ${report.summary.bySeverity.medium} |`)
    expect(text).to.contain('| default-deny |')
    expect(text).to.match(/`examples\/cluster\/\S+:\d+`/)
    expect(text).to.contain('a \\| pipe and &lt;b>markup&lt;/b>')
    expect(text).to.not.contain('[!WARNING]')
  })

  it('warns about kinds that could not be read', async () => {
    const report = await exampleReport()
    report.scan.coverage = [{kind: 'NetworkPolicy', status: 'forbidden'}]
    expect(markdownReporter.render(report, {color: false})).to.contain('> Not assessed: NetworkPolicy (forbidden)')
    expect(summaryReporter.render(report, {color: false})).to.contain('not assessed: NetworkPolicy')
  })

  it('prints one line for a job log', async () => {
    const {stdout} = await runCommand(['scan', '--manifests', 'examples/cluster', '--format', 'summary', '--now', NOW, '--output-dir', mkdtempSync(path.join(tmpdir(), 'zt-sum-'))])
    expect(stdout.trimEnd().split('\n')).to.have.length(1)
    expect(stdout).to.match(/^zt-audit: score [\d.]+ \([A-F]\); \d+ findings \(\d+ critical, \d+ high, \d+ medium, \d+ low, \d+ info\); 148 objects from examples\/cluster; all kinds read\n$/)
  })

  it('lists exceptions from the config file and from annotations, with their status', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zt-exc-'))
    writeFileSync(path.join(dir, 'ns.yaml'), `apiVersion: v1
kind: Namespace
metadata:
  name: legacy
  annotations:
    zt-audit.io/exception: "ZT-NET-001; retired in Q3; team-legacy; expires=2026-08-31"
`)
    writeFileSync(path.join(dir, 'zt.yaml'), `exceptions:
  - rule: ZT-NET-002
    resource: Namespace/legacy
    reason: egress proxy rollout
    owner: platform
    expires: 2027-12-31
`)
    const {stdout} = await runCommand(['exceptions', '--manifests', path.join(dir, 'ns.yaml'), '--config', path.join(dir, 'zt.yaml'), '--now', NOW])
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).to.match(/^STATUS\s+SOURCE\s+RULE\s+RESOURCE\s+OWNER\s+EXPIRES\s+MATCHED\s+REASON$/)
    expect(lines[1]).to.match(/^invalid\s+config\s+ZT-NET-002\s+Namespace\/legacy\s+platform\s+2027-12-31\s+1\s+egress proxy rollout \[expires 2027-12-31, more than 365 days/)
    expect(lines[2]).to.match(/^active\s+annotation\s+ZT-NET-001\s+Namespace\/legacy\s+team-legacy\s+2026-08-31\s+1\s+retired in Q3$/)
  })
})
