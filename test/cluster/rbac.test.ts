import {readFileSync} from 'node:fs'
import {expect} from 'chai'
import {loadAll} from 'js-yaml'

import type {KubeObject} from '../../src/model/kube.js'
import {SCANNED_KINDS} from '../../src/sources/cluster/index.js'
import {loadManifests} from '../../src/sources/manifests/index.js'

interface PolicyRule {
  apiGroups?: string[]
  resources?: string[]
  verbs?: string[]
  nonResourceURLs?: string[]
}

// the reader role and its binding, and the opt-in secrets role and its binding
const documents = ['deploy/rbac.yaml', 'deploy/secrets-reader.yaml'].flatMap((file) => loadAll(readFileSync(file, 'utf8')) as KubeObject[])
const find = (kind: string, name: string): KubeObject => {
  const found = documents.find((d) => d.kind === kind && d.metadata.name === name)
  expect(found, `${kind}/${name}`).to.not.equal(undefined)
  return found!
}
const grants = (role: KubeObject): string[] =>
  ((role.rules ?? []) as PolicyRule[]).flatMap((rule) => (rule.apiGroups ?? []).flatMap((group) => (rule.resources ?? []).map((resource) => `${group}/${resource}`))).sort()
const scanned = (filter: (plural: string) => boolean): string[] => [...new Set(SCANNED_KINDS.filter((k) => filter(k.plural)).map((k) => `${k.group}/${k.plural}`))].sort()

describe('deploy/rbac.yaml and deploy/secrets-reader.yaml', () => {
  it('grants the reader role exactly the kinds the scanner lists, secrets aside', () => {
    const reader = find('ClusterRole', 'zt-audit-reader')
    expect(grants(reader)).to.deep.equal(scanned((plural) => plural !== 'secrets'))
  })

  it('grants secrets in a role of their own, and nothing else there', () => {
    expect(grants(find('ClusterRole', 'zt-audit-secrets-reader'))).to.deep.equal(scanned((plural) => plural === 'secrets'))
  })

  it('grants get and list only, on resources only', () => {
    for (const name of ['zt-audit-reader', 'zt-audit-secrets-reader']) {
      for (const rule of find('ClusterRole', name).rules as PolicyRule[]) {
        expect(rule.verbs).to.deep.equal(['get', 'list'])
        expect(rule).to.not.have.property('nonResourceURLs')
        expect(rule.resources?.every((r) => !r.includes('/') && r !== '*')).to.equal(true)
        expect(rule.apiGroups).to.not.include('*')
      }
    }
  })

  it('binds both roles to the zt-audit service account in the zt-audit namespace', () => {
    const account = find('ServiceAccount', 'zt-audit')
    expect(account.metadata.namespace).to.equal('zt-audit')
    for (const name of ['zt-audit-reader', 'zt-audit-secrets-reader']) {
      const binding = find('ClusterRoleBinding', name)
      expect(binding.roleRef).to.deep.equal({apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name})
      expect(binding.subjects).to.deep.equal([{kind: 'ServiceAccount', name: 'zt-audit', namespace: 'zt-audit'}])
    }
  })

  it('is read by the manifest source without errors', async () => {
    const result = await loadManifests(['deploy/rbac.yaml', 'deploy/secrets-reader.yaml'])
    expect(result.errors).to.deep.equal([])
    expect(result.resources.map((r) => r.ref.kind)).to.deep.equal(['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'ClusterRole', 'ClusterRoleBinding'])
  })
})

describe('the kinds a live scan lists', () => {
  it('include every kind a built-in rule reads, so the least-privilege role lets the rules see what they need', async () => {
    const {loadBuiltinRules} = await import('../../src/engine/loader.js')
    const reads = new Set((await loadBuiltinRules()).flatMap(({rule}) => rule.meta.reads))
    const listed = new Set(SCANNED_KINDS.map((k) => k.kind))
    expect([...reads].filter((kind) => !listed.has(kind)).sort()).to.deep.equal([])
  })
})
