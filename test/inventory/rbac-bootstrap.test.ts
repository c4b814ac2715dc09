// The cluster's own bootstrap policy must produce no RBAC finding, whether it is in the input (a live dump) or
// only assumed (the shipped defaults), with the system namespaces skipped or not; and the rules' options can
// turn the exclusion off.
import {expect} from 'chai'

import {type Config, defaultConfig} from '../../src/engine/config.js'
import {loadBuiltinRules} from '../../src/engine/loader.js'
import {runRules} from '../../src/engine/runner.js'
import {Inventory} from '../../src/inventory/index.js'
import {shippedDefaultRbacFile} from '../../src/inventory/rbac/index.js'
import type {Rule} from '../../src/sdk/types.js'
import {loadManifests} from '../../src/sources/manifests/index.js'
import {resourcesFromYaml} from '../support/netpol-manifests.js'

const NOW = new Date('2026-06-01T00:00:00Z')
const LABELS = 'labels: {kubernetes.io/bootstrapping: rbac-defaults}, annotations: {rbac.authorization.kubernetes.io/autoupdate: "true"}'

// A few of Kubernetes' controller and namespace roles and bindings, as a cluster dump has them (upstream
// bootstrappolicy controller-roles, controller-role-bindings, namespace-roles, namespace-role-bindings):
// wildcards, escalate, secret reads, all bound to kube-system accounts and control-plane users.
const CONTROLLERS = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:controller:generic-garbage-collector", ${LABELS}}
rules:
  - {apiGroups: ["*"], resources: ["*"], verbs: [delete, get, list, patch, update, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:controller:generic-garbage-collector", ${LABELS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:controller:generic-garbage-collector"}
subjects: [{kind: ServiceAccount, name: generic-garbage-collector, namespace: kube-system}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:controller:clusterrole-aggregation-controller", ${LABELS}}
rules:
  - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate, get, list, patch, update, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:controller:clusterrole-aggregation-controller", ${LABELS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:controller:clusterrole-aggregation-controller"}
subjects: [{kind: ServiceAccount, name: clusterrole-aggregation-controller, namespace: kube-system}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:controller:replicaset-controller", ${LABELS}}
rules:
  - {apiGroups: [""], resources: [pods], verbs: [create, delete, list, patch, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:controller:replicaset-controller", ${LABELS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:controller:replicaset-controller"}
subjects: [{kind: ServiceAccount, name: replicaset-controller, namespace: kube-system}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: "system:controller:bootstrap-signer", namespace: kube-public, ${LABELS}}
rules:
  - {apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}
  - {apiGroups: [""], resourceNames: [cluster-info], resources: [configmaps], verbs: [update]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: "system:controller:bootstrap-signer", namespace: kube-public, ${LABELS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: "system:controller:bootstrap-signer"}
subjects: [{kind: ServiceAccount, name: bootstrap-signer, namespace: kube-system}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: "system:controller:token-cleaner", namespace: kube-system, ${LABELS}}
rules:
  - {apiGroups: [""], resources: [secrets], verbs: [delete, get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: "system:controller:token-cleaner", namespace: kube-system, ${LABELS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: "system:controller:token-cleaner"}
subjects: [{kind: ServiceAccount, name: token-cleaner, namespace: kube-system}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: "extension-apiserver-authentication-reader", namespace: kube-system, ${LABELS}}
rules:
  - {apiGroups: [""], resourceNames: [extension-apiserver-authentication], resources: [configmaps], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: "system::extension-apiserver-authentication-reader", namespace: kube-system, ${LABELS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: extension-apiserver-authentication-reader}
subjects:
  - {apiGroup: rbac.authorization.k8s.io, kind: User, name: "system:kube-controller-manager"}
  - {apiGroup: rbac.authorization.k8s.io, kind: User, name: "system:kube-scheduler"}
`

let rules: Rule[]

function findings(resources: Inventory['resources'], config: Config = defaultConfig()): string[] {
  const outcome = runRules(rules, new Inventory(resources), {now: NOW, config})
  expect(outcome.results.filter((r) => r.status === 'error'), 'rule errors').to.deep.equal([])
  return outcome.findings.map((f) => `${f.ruleId} ${[f.resource.kind, f.resource.namespace, f.resource.name].filter(Boolean).join('/')} ${f.severity}`)
}

const unskipped = (): Config => ({...defaultConfig(), skipNamespaces: []})

describe('RBAC rules on the bootstrap policy', () => {
  before(async () => {
    rules = (await loadBuiltinRules()).map((r) => r.rule).filter((r) => r.meta.category === 'rbac-overreach')
    expect(rules.length).to.be.greaterThan(10)
  })

  it('the default ClusterRoles and ClusterRoleBindings, as a dump of the cluster has them, are no finding', async () => {
    const {resources, errors} = await loadManifests([shippedDefaultRbacFile()])
    expect(errors).to.deep.equal([])
    expect(findings(resources)).to.deep.equal([])
    expect(findings(resources, unskipped())).to.deep.equal([])
  })

  it("the controllers' roles and bindings and the kube-system namespace roles are no finding, even with no namespace skipped", async () => {
    const {resources} = await loadManifests([shippedDefaultRbacFile()])
    const all = [...resources, ...resourcesFromYaml(CONTROLLERS)]
    expect(findings(all)).to.deep.equal([])
    expect(findings(all, unskipped())).to.deep.equal([])
  })

  it('options.includeSystem reports them', () => {
    const config = unskipped()
    config.rules['ZT-RBAC-001'] = {enabled: true, options: {includeSystem: true}}
    config.rules['ZT-RBAC-006'] = {enabled: true, options: {includeSystem: true}}
    const found = findings(resourcesFromYaml(CONTROLLERS), config)
    expect(found).to.include('ZT-RBAC-001 ServiceAccount/kube-system/generic-garbage-collector high')
    expect(found).to.include('ZT-RBAC-006 ServiceAccount/kube-system/clusterrole-aggregation-controller critical')
  })

  it('someone added to a bootstrap binding is reported', () => {
    const tampered = resourcesFromYaml(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: cluster-admin, ${LABELS}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
  - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:masters"}
  - {kind: ServiceAccount, name: backdoor, namespace: default}
`)
    expect(findings(tampered)).to.deep.equal(['ZT-RBAC-002 ServiceAccount/default/backdoor critical'])
  })
})
