// The scheduled audit job must pass its own audit: its kustomize base, scanned by zt-audit, has nothing
// above low. The base has no patches, so it renders to its resources as written (all carry their namespace).
import {expect} from 'chai'
import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {load} from 'js-yaml'

import {scan} from '../../src/actions/scan.js'
import {atLeast} from '../../src/model/severity.js'

const kustomization = load(readFileSync('deploy/kustomization.yaml', 'utf8')) as {resources: string[]}
const resources = kustomization.resources.map((r) => path.join('deploy', r))

function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
}

describe('the scheduled audit job (deploy/)', () => {
  it('passes its own audit: nothing above low', async () => {
    const {report} = await scan({manifests: resources, now: new Date('2026-06-01T00:00:00Z')}, {version: '0.0.0'})
    expect(report.errors).to.deep.equal([])
    expect(report.scan.objectsScanned).to.be.greaterThan(6)
    const serious = report.findings.filter((f) => !f.suppressed && atLeast(f.severity, 'medium')).map((f) => `${f.ruleId} ${f.severity} ${f.resource.kind}/${f.resource.name}: ${f.message}`)
    expect(serious).to.deep.equal([])
  })

  it('runs as an unprivileged, read-only, least-privilege job', () => {
    const cronjob = load(readFileSync('deploy/cronjob.yaml', 'utf8')) as {spec: {concurrencyPolicy: string; jobTemplate: {spec: {template: {spec: Record<string, unknown> & {containers: Record<string, unknown>[]}}}}}}
    expect(cronjob.spec.concurrencyPolicy).to.equal('Forbid')
    const pod = cronjob.spec.jobTemplate.spec.template.spec
    expect(pod.serviceAccountName).to.equal('zt-audit')
    const [container] = pod.containers
    expect(container.securityContext).to.deep.include({allowPrivilegeEscalation: false, readOnlyRootFilesystem: true})
    expect(container.resources).to.have.property('limits')
    expect(container.args).to.include('--no-secrets')
  })

  it('renders with kubectl kustomize where kubectl is installed', function () {
    if (!kubectlAvailable()) this.skip()
    const rendered = execFileSync('kubectl', ['kustomize', 'deploy/'], {encoding: 'utf8'})
    expect(rendered).to.contain('kind: CronJob')
  })
})
