// Regression of the RBAC rules against the shared corpus: the peers' RBAC cases (kubescape, kube-linter, polaris,
// checkov, popeye), kubernetes-goat's scenarios, and the mesh and ingress controllers' own RBAC (ingress-nginx,
// Linkerd, Istio installs) as false-positive checks. Each scan runs the manifest loader, the inventory and the RBAC
// rules with the default configuration.
//
// Cases list every RBAC finding as `RULE Kind/[namespace/]name severity`; a missing finding and an extra one both
// fail. Where our verdict differs from the peer's, the case encodes ours and a comment gives the Kubernetes reason.
// The recurring reasons: a role bound to nobody grants nothing; a RoleBinding never grants cluster-scoped resources
// (nodes/proxy, webhook configurations, CSR approval, impersonating users and groups); `pods/*` is not a wildcard;
// a binding's name exempts nothing, and the bootstrapping label only for the subjects Kubernetes binds.
import {expect} from 'chai'
import {readFileSync} from 'node:fs'
import path from 'node:path'

import {type Config, defaultConfig} from '../../src/engine/config.js'
import {loadBuiltinRules} from '../../src/engine/loader.js'
import {runRules} from '../../src/engine/runner.js'
import {Inventory} from '../../src/inventory/index.js'
import type {Finding} from '../../src/model/finding.js'
import type {Rule} from '../../src/sdk/types.js'
import {loadManifests} from '../../src/sources/manifests/index.js'
import {CORPUS, SKIP_CORPUS} from '../support/corpus.js'

const NOW = new Date('2026-01-01T00:00:00Z')

interface Case {
  source: string
  /** the peer's case name (expected.json), or ours when marked so */
  name: string
  files: string[]
  /** every RBAC finding, as `RULE Kind/[ns/]name severity` */
  findings: string[]
  /** scan with no namespace skipped */
  unskipped?: boolean
  /** why the case is not run */
  skip?: string
}

interface PeerCase {
  case: string
  files: string[]
  expected: string
  failing_resources?: string[]
  passing_resources?: string[]
}

let rules: Rule[]

const keyOf = (f: Finding): string => `${f.ruleId} ${[f.resource.kind, f.resource.namespace, f.resource.name].filter(Boolean).join('/')} ${f.severity}`

async function scanRbac(source: string, files: readonly string[], unskipped = false): Promise<Finding[]> {
  const loaded = await loadManifests([...files], {cwd: path.join(CORPUS!, source)})
  expect(loaded.errors, 'input errors').to.deep.equal([])
  const config: Config = {...defaultConfig(), ...(unskipped ? {skipNamespaces: []} : {})}
  const outcome = runRules(rules, new Inventory(loaded.resources), {now: NOW, config})
  expect(outcome.results.filter((r) => r.status === 'error'), 'rule errors').to.deep.equal([])
  return outcome.findings
}

function peerCases(source: string): PeerCase[] {
  return JSON.parse(readFileSync(path.join(CORPUS!, source, 'expected.json'), 'utf8')) as PeerCase[]
}

/** A peer case whose files are those of expected.json, looked up when the test runs. */
function peer(source: string, name: string, findings: string[], extra: Partial<Case> = {}): Case {
  return {source, name, files: [], findings, ...extra}
}

// --- kubescape-regolibrary: per-subject RBAC controls -----------------------------------------------------------

const KUBESCAPE = 'kubescape-regolibrary'
const KUBESCAPE_CHECKS = [
  'cluster-admin-role',
  'rule-list-all-cluster-admins-v1',
  'rule-can-bind-escalate',
  'rule-can-create-pod',
  'rule-can-list-get-secrets-v1',
  'rule-can-portforward-v1',
  'rule-can-impersonate-users-groups-v1',
  'rule-can-access-proxy-subresource',
  'rule-can-approve-cert-signing-request',
  'rule-can-create-service-account-token',
  'rule-can-modify-admission-webhooks',
  'exec-into-container-v1',
  'workload-with-administrative-roles',
  'workload-with-cluster-takeover-roles',
  'system-authenticated-allowed-to-take-over-cluster',
  'anonymous-access-enabled',
  'ensure-default-service-accounts-has-only-default-roles',
  'automount-service-account',
  'serviceaccount-token-mount',
]
const ks = (name: string, findings: string[]): Case => peer(KUBESCAPE, name, findings)

const kubescapeCases: Case[] = [
  // C-0185 flags the name cluster-admin through a ClusterRoleBinding. In clusterrole-rolebinding the input's
  // `cluster-admin` (core group only) is reconciled back to `*` by the API server, so the RoleBinding is namespace
  // admin (high); kubescape passes it because it is a RoleBinding. role-clusterrolebinding: a ClusterRoleBinding
  // cannot refer to a Role, so it grants nothing (info, dangling).
  ks('cluster-admin-role/clusterrole-clusterrolebinding', ['ZT-RBAC-002 Group/dev critical', 'ZT-RBAC-002 Group/manager critical']),
  ks('cluster-admin-role/clusterrole-rolebinding', [
    'ZT-RBAC-001 User/jane medium',
    'ZT-RBAC-002 User/jane high',
    'ZT-RBAC-003 User/jane medium',
    'ZT-RBAC-004 User/jane medium',
    'ZT-RBAC-005 User/jane medium',
    'ZT-RBAC-006 User/jane high',
    'ZT-RBAC-013 User/jane medium',
  ]),
  ks('cluster-admin-role/role-clusterrolebinding', ['ZT-RBAC-015 Group/dev1 info', 'ZT-RBAC-015 Group/manager1 info']),
  // `*` on every core resource in kube-system is not full admin (named group): the permissions it reaches are
  // reported one by one. A Role with `*` everywhere in one namespace is namespace admin (high).
  ks('rule-list-all-cluster-admins-v1/clusterrole-clusterrolebinding', ['ZT-RBAC-002 Group/dev critical', 'ZT-RBAC-002 Group/manager critical']),
  ks('rule-list-all-cluster-admins-v1/clusterrole-rolebinding', [
    'ZT-RBAC-001 User/jane medium',
    'ZT-RBAC-003 User/jane medium',
    'ZT-RBAC-004 User/jane medium',
    'ZT-RBAC-005 User/jane medium',
    'ZT-RBAC-006 User/jane high',
    'ZT-RBAC-013 User/jane medium',
  ]),
  ks('rule-list-all-cluster-admins-v1/role-rolebinding', ['ZT-RBAC-002 User/jane high']),
  ks('rule-can-bind-escalate/clusterrole-clusterrolebinding', ['ZT-RBAC-006 Group/dev critical', 'ZT-RBAC-006 Group/manager critical']),
  ks('rule-can-bind-escalate/role-rolebinding', ['ZT-RBAC-001 User/jane low', 'ZT-RBAC-006 User/jane high']),
  // clusterrole-clusterrolebinding: `pods` under the rbac.authorization.k8s.io group is no pod (agree: pass).
  ks('rule-can-create-pod/clusterrole-clusterrolebinding', []),
  ks('rule-can-create-pod/clusterrole-rolebinding', ['ZT-RBAC-001 User/jane low', 'ZT-RBAC-005 User/jane medium']),
  ks('rule-can-create-pod/role-rolebinding', ['ZT-RBAC-001 User/jane low', 'ZT-RBAC-005 User/jane medium']),
  ks('rule-can-list-get-secrets-v1/clusterrole-clusterrolebinding', [
    'ZT-RBAC-001 Group/dev low',
    'ZT-RBAC-001 Group/manager low',
    'ZT-RBAC-003 Group/dev high',
    'ZT-RBAC-003 Group/manager high',
  ]),
  ks('rule-can-list-get-secrets-v1/clusterrole-rolebinding', [
    'ZT-RBAC-001 User/jane medium',
    'ZT-RBAC-003 User/jane medium',
    'ZT-RBAC-004 User/jane medium',
    'ZT-RBAC-005 User/jane medium',
    'ZT-RBAC-006 User/jane high',
    'ZT-RBAC-013 User/jane medium',
  ]),
  ks('rule-can-list-get-secrets-v1/role-rolebinding', ['ZT-RBAC-001 User/jane low', 'ZT-RBAC-003 User/jane medium']),
  // clusterrole-clusterrolebinding: `pods/*` is not a wildcard in RBAC (only `*` and `*/subresource` are), so the
  // rule grants no port-forward; kubescape fails it. We report the `*` apiGroups only.
  ks('rule-can-portforward-v1/clusterrole-clusterrolebinding', ['ZT-RBAC-001 Group/dev medium', 'ZT-RBAC-001 Group/manager medium']),
  ks('rule-can-portforward-v1/clusterrole-rolebinding', [
    'ZT-RBAC-001 User/jane medium',
    'ZT-RBAC-003 User/jane medium',
    'ZT-RBAC-004 User/jane medium',
    'ZT-RBAC-005 User/jane medium',
    'ZT-RBAC-006 User/jane high',
    'ZT-RBAC-013 User/jane medium',
  ]),
  ks('rule-can-portforward-v1/role-rolebinding', [
    'ZT-RBAC-001 User/jane medium',
    'ZT-RBAC-003 User/jane medium',
    'ZT-RBAC-004 User/jane medium',
    'ZT-RBAC-005 User/jane medium',
    'ZT-RBAC-013 User/jane medium',
  ]),
  // role-rolebinding: a RoleBinding never grants impersonating users or groups (they are not namespaced); the Role
  // has `*` everywhere, so it is namespace admin (ZT-RBAC-002 high), which covers impersonating its service accounts.
  ks('rule-can-impersonate-users-groups-v1/clusterrole-clusterrolebinding', [
    'ZT-RBAC-001 Group/dev medium',
    'ZT-RBAC-001 Group/manager medium',
    'ZT-RBAC-006 Group/dev critical',
    'ZT-RBAC-006 Group/manager critical',
  ]),
  ks('rule-can-impersonate-users-groups-v1/clusterrole-rolebinding', [
    'ZT-RBAC-001 User/jane medium',
    'ZT-RBAC-003 User/jane medium',
    'ZT-RBAC-004 User/jane medium',
    'ZT-RBAC-005 User/jane medium',
    'ZT-RBAC-006 User/jane high',
    'ZT-RBAC-013 User/jane medium',
  ]),
  ks('rule-can-impersonate-users-groups-v1/role-rolebinding', ['ZT-RBAC-002 User/jane high']),
  // nodes/proxy through a RoleBinding grants nothing (nodes are not namespaced): no ZT-RBAC-007, unlike kubescape;
  // the same rule creates pods in kube-system (ZT-RBAC-005).
  ks('rule-can-access-proxy-subresource/clusterrole-clusterrolebinding', []),
  ks('rule-can-access-proxy-subresource/clusterrole-rolebinding', ['ZT-RBAC-001 User/jane low', 'ZT-RBAC-005 User/jane medium']),
  ks('rule-can-access-proxy-subresource/role-rolebinding', ['ZT-RBAC-001 User/jane low', 'ZT-RBAC-005 User/jane medium']),
  // Approval needs update on certificatesigningrequests/approval AND approve on a signer, cluster-wide; none of these
  // inputs has both, and a RoleBinding grants neither, so ZT-RBAC-014 passes where kubescape fails.
  ks('rule-can-approve-cert-signing-request/clusterrole-clusterrolebinding', []),
  ks('rule-can-approve-cert-signing-request/clusterrole-rolebinding', ['ZT-RBAC-001 User/jane low']),
  ks('rule-can-approve-cert-signing-request/role-rolebinding', ['ZT-RBAC-001 User/jane low', 'ZT-RBAC-005 User/jane medium']),
  ks('rule-can-create-service-account-token/clusterrole-clusterrolebinding', []),
  ks('rule-can-create-service-account-token/clusterrole-rolebinding', ['ZT-RBAC-001 User/jane low', 'ZT-RBAC-013 User/jane medium']),
  ks('rule-can-create-service-account-token/role-rolebinding', [
    'ZT-RBAC-001 User/jane low',
    'ZT-RBAC-005 User/jane medium',
    'ZT-RBAC-013 User/jane medium',
  ]),
  // Webhook configurations are not namespaced: a RoleBinding grants nothing on them (kubescape fails both).
  ks('rule-can-modify-admission-webhooks/clusterrole-clusterrolebinding', []),
  ks('rule-can-modify-admission-webhooks/clusterrole-rolebinding', []),
  ks('rule-can-modify-admission-webhooks/role-rolebinding', ['ZT-RBAC-001 User/jane low', 'ZT-RBAC-005 User/jane medium']),
  // clusterrole: `pods/*` is not a wildcard, so no exec (kubescape fails it). role: `*` everywhere, namespace admin.
  ks('exec-into-container-v1/clusterrole', []),
  ks('exec-into-container-v1/role', ['ZT-RBAC-002 User/jane high']),
  // ZT-RBAC-009 fires on the pod when its mounted token reaches a high or critical permission. pass-wl-limited-permissions:
  // kubescape passes, but the default account lists every Secret of the cluster (high): ours fails it.
  ks('workload-with-administrative-roles/fail-wl-creates-pod', [
    'ZT-RBAC-001 Group/manager high',
    'ZT-RBAC-001 ServiceAccount/default/default high',
    'ZT-RBAC-003 Group/manager high',
    'ZT-RBAC-003 ServiceAccount/default/default high',
    'ZT-RBAC-004 Group/manager high',
    'ZT-RBAC-004 ServiceAccount/default/default high',
    'ZT-RBAC-005 Group/manager high',
    'ZT-RBAC-005 ServiceAccount/default/default high',
    'ZT-RBAC-006 Group/manager critical',
    'ZT-RBAC-006 ServiceAccount/default/default critical',
    'ZT-RBAC-007 Group/manager high',
    'ZT-RBAC-007 ServiceAccount/default/default high',
    'ZT-RBAC-009 Pod/default/test-pd critical',
    'ZT-RBAC-010 ServiceAccount/default/default medium',
    'ZT-RBAC-013 Group/manager high',
    'ZT-RBAC-013 ServiceAccount/default/default high',
  ]),
  ks('workload-with-administrative-roles/pass-wl-limited-permissions', [
    'ZT-RBAC-001 Group/dev medium',
    'ZT-RBAC-001 ServiceAccount/default/default medium',
    'ZT-RBAC-003 Group/dev high',
    'ZT-RBAC-003 ServiceAccount/default/default high',
    'ZT-RBAC-004 Group/dev medium',
    'ZT-RBAC-004 ServiceAccount/default/default medium',
    'ZT-RBAC-007 Group/dev high',
    'ZT-RBAC-007 ServiceAccount/default/default high',
    'ZT-RBAC-009 Pod/default/test-pd high',
    'ZT-RBAC-010 ServiceAccount/default/default medium',
  ]),
  ks('workload-with-administrative-roles/pass-wl-not-mount-sa-token', ['ZT-RBAC-002 Group/dev critical', 'ZT-RBAC-002 Group/manager critical']),
  ks('workload-with-administrative-roles/pass-wl-rolebinding', [
    'ZT-RBAC-001 User/jane medium',
    'ZT-RBAC-003 User/jane medium',
    'ZT-RBAC-004 User/jane medium',
    'ZT-RBAC-005 User/jane medium',
    'ZT-RBAC-006 User/jane high',
    'ZT-RBAC-013 User/jane medium',
  ]),
  ks('workload-with-cluster-takeover-roles/fail-wl-creates-pod', [
    'ZT-RBAC-005 Group/manager high',
    'ZT-RBAC-005 ServiceAccount/default/default high',
    'ZT-RBAC-009 Pod/default/test-pd high',
    'ZT-RBAC-010 ServiceAccount/default/default medium',
  ]),
  ks('workload-with-cluster-takeover-roles/fail-wl-gets-secrets', [
    'ZT-RBAC-001 Group/dev low',
    'ZT-RBAC-001 ServiceAccount/default/default low',
    'ZT-RBAC-003 Group/dev high',
    'ZT-RBAC-003 ServiceAccount/default/default high',
    'ZT-RBAC-009 Pod/default/test-pd high',
    'ZT-RBAC-010 ServiceAccount/default/default medium',
  ]),
  ks('workload-with-cluster-takeover-roles/pass-wl-limited-permissions', ['ZT-RBAC-002 Group/dev critical', 'ZT-RBAC-002 Group/manager critical']),
  ks('workload-with-cluster-takeover-roles/pass-wl-not-mount-sa-token', ['ZT-RBAC-002 Group/dev critical', 'ZT-RBAC-002 Group/manager critical']),
  ks('workload-with-cluster-takeover-roles/pass-wl-rolebinding', [
    'ZT-RBAC-001 User/jane medium',
    'ZT-RBAC-003 User/jane medium',
    'ZT-RBAC-004 User/jane medium',
    'ZT-RBAC-005 User/jane medium',
    'ZT-RBAC-006 User/jane high',
    'ZT-RBAC-013 User/jane medium',
  ]),
  // success: kubescape only flags take-over roles; any grant to system:authenticated is ours (read only: high).
  ks('system-authenticated-allowed-to-take-over-cluster/fail', ['ZT-RBAC-008 Group/system:authenticated high']),
  ks('system-authenticated-allowed-to-take-over-cluster/success', ['ZT-RBAC-008 Group/system:authenticated high']),
  // fail: the bootstrap binding system:public-info-viewer (labelled, with the subjects Kubernetes binds) is
  // Kubernetes' own and never a finding; kubescape reports it.
  ks('anonymous-access-enabled/fail', []),
  ks('anonymous-access-enabled/success', ['ZT-RBAC-015 User/jane info']),
  // ZT-RBAC-010 reports every binding of a default account, even to a missing role; the roles are missing
  // (ZT-RBAC-015, info). passed_rolebinding_one_subject: kubescape trusts the bootstrapping label on the binding,
  // ours does not for a subject Kubernetes does not bind (default/default).
  ks('ensure-default-service-accounts-has-only-default-roles/failed_clusterrolebinding', [
    'ZT-RBAC-010 ServiceAccount/n1/default medium',
    'ZT-RBAC-015 Group/dev info',
    'ZT-RBAC-015 ServiceAccount/n1/default info',
  ]),
  ks('ensure-default-service-accounts-has-only-default-roles/failed_clusterrolebinding_boots_none_default', [
    'ZT-RBAC-010 ServiceAccount/n1/default medium',
    'ZT-RBAC-015 Group/dev info',
    'ZT-RBAC-015 ServiceAccount/n1/default info',
  ]),
  ks('ensure-default-service-accounts-has-only-default-roles/pass_rolebinding_two_subjects', [
    'ZT-RBAC-015 ServiceAccount/default/john-dev info',
    'ZT-RBAC-015 User/jane info',
  ]),
  ks('ensure-default-service-accounts-has-only-default-roles/passed_clusterrolebinding', ['ZT-RBAC-015 Group/dev info', 'ZT-RBAC-015 Group/manager info']),
  ks('ensure-default-service-accounts-has-only-default-roles/passed_rolebinding_one_subject', [
    'ZT-RBAC-010 ServiceAccount/default/default medium',
    'ZT-RBAC-015 ServiceAccount/default/default info',
  ]),
  // C-0034 flags every mounted token; ZT-RBAC-009 only tokens of accounts that hold a high or critical permission,
  // and these accounts hold none.
  ks('automount-service-account/both-mount', []),
  ks('automount-service-account/both-mount-default', []),
  ks('automount-service-account/cronjob-pod-true-sa-false', []),
  ks('automount-service-account/deployment-pod-false-sa-false', []),
  ks('automount-service-account/deployment-pod-false-sa-true', []),
  ks('automount-service-account/deployment-pod-true-sa-false', []),
  ks('automount-service-account/deployment-pod-true-sa-true', []),
  ks('automount-service-account/pod-mount', []),
  ks('automount-service-account/sa-mount', []),
  // pod-mount-and-rb-bind: the RoleBinding's Role is missing, so the mounted token reaches nothing (no ZT-RBAC-009);
  // the binding itself is reported (default account bound, dangling role).
  ks('serviceaccount-token-mount/both-mount', []),
  ks('serviceaccount-token-mount/both-mount-default', []),
  ks('serviceaccount-token-mount/pod-mount', []),
  ks('serviceaccount-token-mount/pod-mount-and-rb-bind', [
    'ZT-RBAC-010 ServiceAccount/default/default medium',
    'ZT-RBAC-015 ServiceAccount/default/default info',
  ]),
  ks('serviceaccount-token-mount/sa-mount', []),

]

// --- stackrox-kube-linter ---------------------------------------------------------------------------------------

const KUBE_LINTER = 'stackrox-kube-linter'
const kubeLinterCases: Case[] = [
  peer(KUBE_LINTER, 'access-to-create-pods', ['ZT-RBAC-005 ServiceAccount/namespace-dev/account1 medium']),
  peer(KUBE_LINTER, 'access-to-secrets', ['ZT-RBAC-003 ServiceAccount/namespace-dev/account1 medium']),
  // the `dont-fire` binding gives the built-in `admin` cluster-wide (through a ClusterRoleBinding): kube-linter only
  // checks the name cluster-admin, but admin everywhere reads every Secret, execs into every pod, impersonates every
  // service account, writes NetworkPolicies and issues tokens
  peer(KUBE_LINTER, 'cluster-admin-role-binding', [
    'ZT-RBAC-002 ServiceAccount/namespace-dev/account1 critical',
    'ZT-RBAC-003 ServiceAccount/namespace-dev/account1 high',
    'ZT-RBAC-004 ServiceAccount/namespace-dev/account1 high',
    'ZT-RBAC-005 ServiceAccount/namespace-dev/account1 high',
    'ZT-RBAC-006 ServiceAccount/namespace-dev/account1 critical',
    'ZT-RBAC-011 ServiceAccount/namespace-dev/account1 high',
    'ZT-RBAC-013 ServiceAccount/namespace-dev/account1 high',
  ]),
  // the role with `*` verbs is bound to nobody: it grants nothing
  peer(KUBE_LINTER, 'wildcard-in-rules', []),
  // running as `default` is no finding when the account holds nothing
  peer(KUBE_LINTER, 'default-service-account', []),
]

// --- derailed-popeye: dangling references ------------------------------------------------------------------------

const POPEYE = 'derailed-popeye'
// POP-1300 (a binding to a missing role) is ZT-RBAC-015, on each subject the binding names; a ClusterRoleBinding
// that refers to a Role is dangling too. POP-400 (an unused role) and the ServiceAccount checks are not ours.
const popeyeCases: Case[] = [
  peer(POPEYE, 'cr:TestCRLint', [
    'ZT-RBAC-015 ServiceAccount/default/sa-bozo info',
    'ZT-RBAC-015 ServiceAccount/default/sa-bozo info',
    'ZT-RBAC-015 ServiceAccount/default/sa-bozo info',
    'ZT-RBAC-015 ServiceAccount/default/sa2 info',
    'ZT-RBAC-015 User/fred info',
  ]),
  peer(POPEYE, 'cr:TestCRLintAggregations', []),
  peer(POPEYE, 'crb:TestCRBLint', ['ZT-RBAC-015 ServiceAccount/default/sa-bozo info', 'ZT-RBAC-015 ServiceAccount/default/sa2 info']),
  peer(POPEYE, 'rb:TestRBLint', [
    'ZT-RBAC-015 ServiceAccount/default/sa-bozo info',
    'ZT-RBAC-015 ServiceAccount/default/sa-bozo info',
    'ZT-RBAC-015 ServiceAccount/default/sa-bozo info',
    'ZT-RBAC-015 ServiceAccount/default/sa2 info',
  ]),
  peer(POPEYE, 'ro:TestROLint', [
    'ZT-RBAC-015 ServiceAccount/default/sa-bozo info',
    'ZT-RBAC-015 ServiceAccount/default/sa-bozo info',
    'ZT-RBAC-015 ServiceAccount/default/sa-bozo info',
    'ZT-RBAC-015 ServiceAccount/default/sa2 info',
    'ZT-RBAC-015 User/fred info',
  ]),
  peer(POPEYE, 'sa:TestSALint', [
    'ZT-RBAC-015 ServiceAccount/default/sa-bozo info',
    'ZT-RBAC-015 ServiceAccount/default/sa-bozo info',
    'ZT-RBAC-015 ServiceAccount/default/sa-bozo info',
    'ZT-RBAC-015 ServiceAccount/default/sa2 info',
    'ZT-RBAC-015 User/fred info',
    'ZT-RBAC-015 User/fred info',
  ]),
]

// --- kubernetes-goat ----------------------------------------------------------------------------------------------

const GOAT = 'kubernetes-goat'
const goatCases: Case[] = [
  // the account is in kube-system, which the default configuration skips (reported as skipped, no finding) ...
  peer(GOAT, 'insecure-rbac', []),
  // ... and with no namespace skipped it is cluster-admin, and not one of Kubernetes' own accounts
  {...peer(GOAT, 'insecure-rbac', ['ZT-RBAC-002 ServiceAccount/kube-system/superadmin critical']), name: 'insecure-rbac', unskipped: true},
  // every core resource of the namespace, Secrets included, read by the account the deployment runs as; in one
  // namespace, so the token is not high enough for ZT-RBAC-009
  peer(GOAT, 'hunger-check', [
    'ZT-RBAC-001 ServiceAccount/big-monolith/big-monolith-sa low',
    'ZT-RBAC-003 ServiceAccount/big-monolith/big-monolith-sa medium',
    'ZT-RBAC-004 ServiceAccount/big-monolith/big-monolith-sa low',
  ]),
  peer(GOAT, 'helm-tiller pwnchart', [], {skip: 'a Helm chart: the binding\'s subject is a template ({{ .Values.name }}), so nothing binds the all-powerful role until rendered'}),
]

// --- the controllers' own RBAC: false-positive checks --------------------------------------------------------------

// These installs hold genuinely broad permissions; what must not appear is anything they do not hold: no
// cluster-admin, no escalate/bind/impersonate, no exec, no grant to everyone, no CSR approval.
const TAKEOVER = new Set(['ZT-RBAC-002', 'ZT-RBAC-004', 'ZT-RBAC-006', 'ZT-RBAC-008', 'ZT-RBAC-014'])
const ingressNginx = (version: string): Case => ({
  source: 'kubernetes-ingress-nginx',
  name: `install ${version} (ours)`,
  files: [`_versions/controller-${version}`],
  // the controller lists and watches every Secret of the cluster (TLS certificates; the CVE-2025-1974 impact) and
  // of its namespace; the admission jobs may update any ValidatingWebhookConfiguration (no resourceNames)
  findings: [
    'ZT-RBAC-003 ServiceAccount/ingress-nginx/ingress-nginx high',
    'ZT-RBAC-003 ServiceAccount/ingress-nginx/ingress-nginx medium',
    'ZT-RBAC-003 ServiceAccount/ingress-nginx/ingress-nginx-admission medium',
    'ZT-RBAC-009 Deployment/ingress-nginx/ingress-nginx-controller high',
    'ZT-RBAC-009 Job/ingress-nginx/ingress-nginx-admission-create high',
    'ZT-RBAC-009 Job/ingress-nginx/ingress-nginx-admission-patch high',
    'ZT-RBAC-012 ServiceAccount/ingress-nginx/ingress-nginx-admission high',
  ],
})

const installCases: Case[] = [
  ingressNginx('v0.35.0'),
  ingressNginx('v1.9.4'),
  ingressNginx('v1.15.1'),
  // Linkerd: the destination controller reads its namespace's Secrets (multicluster remote discovery); viz's
  // Prometheus gets nodes/proxy cluster-wide (kubelet API, enough for a WebSocket exec); viz's web may watch every
  // tap.linkerd.io resource (its own API, read only: low). The tap server's binding to the built-in
  // kube-system/extension-apiserver-authentication-reader resolves from the shipped defaults.
  {
    source: 'linkerd-linkerd2',
    name: 'install_default goldens: control plane, viz, multicluster (ours)',
    files: ['cli/cmd/testdata/install_default.golden', 'viz/cmd/testdata/install_default.golden', 'multicluster/cmd/testdata/install_default.golden'],
    findings: [
      'ZT-RBAC-001 ServiceAccount/linkerd-viz/web low',
      'ZT-RBAC-003 ServiceAccount/linkerd/linkerd-destination medium',
      'ZT-RBAC-007 ServiceAccount/linkerd-viz/prometheus high',
      'ZT-RBAC-009 Deployment/linkerd-viz/prometheus high',
    ],
  },
  // istiod reads every Secret (gateway certificates), creates Deployments everywhere (the gateway controller),
  // patches its injection webhook (no resourceNames), and reads every resource of Istio's own API groups
  {
    source: 'istio-istio',
    name: 'manifest-generate pilot_default golden (ours)',
    files: ['operator/cmd/mesh/testdata/manifest-generate/output/pilot_default.golden.yaml'],
    findings: [
      'ZT-RBAC-001 ServiceAccount/istio-system/istio-reader-service-account low',
      'ZT-RBAC-001 ServiceAccount/istio-system/istiod medium',
      'ZT-RBAC-003 ServiceAccount/istio-system/istio-reader-service-account high',
      'ZT-RBAC-003 ServiceAccount/istio-system/istiod high',
      'ZT-RBAC-003 ServiceAccount/istio-system/istiod medium',
      'ZT-RBAC-005 ServiceAccount/istio-system/istiod high',
      'ZT-RBAC-009 Deployment/istio-system/istiod high',
      'ZT-RBAC-012 ServiceAccount/istio-system/istiod high',
    ],
  },
]

const SOURCES: {source: string; cases: Case[]}[] = [
  {source: KUBESCAPE, cases: kubescapeCases},
  {source: KUBE_LINTER, cases: kubeLinterCases},
  {source: POPEYE, cases: popeyeCases},
  {source: GOAT, cases: goatCases},
  {source: 'controller installs', cases: installCases},
]

// --- fairwindsops-polaris: verdicts per check -------------------------------------------------------------------

const POLARIS = 'fairwindsops-polaris'
/** polaris' check → the rules that answer it (full admin answers exec too); undefined: the check reads roles alone */
const POLARIS_CHECKS: Readonly<Record<string, readonly string[] | undefined>> = {
  clusterrolePodExecAttach: undefined,
  rolePodExecAttach: undefined,
  clusterrolebindingPodExecAttach: ['ZT-RBAC-004', 'ZT-RBAC-002'],
  rolebindingClusterRolePodExecAttach: ['ZT-RBAC-004', 'ZT-RBAC-002'],
  rolebindingRolePodExecAttach: ['ZT-RBAC-004', 'ZT-RBAC-002'],
  clusterrolebindingClusterAdmin: ['ZT-RBAC-002'],
  rolebindingClusterAdminClusterRole: ['ZT-RBAC-002'],
  rolebindingClusterAdminRole: ['ZT-RBAC-002'],
}
/** cases (by file name) where our verdict is the opposite of polaris', and why */
const POLARIS_DIFFERS: Readonly<Record<string, string>> = {
  'failure.binding_points_to_missing_ref.yaml': 'the role is missing, so the binding grants nothing (ZT-RBAC-015, info)',
  'failure.all_verbs.yaml': 'verbs listed one by one leave out escalate, bind and impersonate: not cluster-admin; ZT-RBAC-001 (high) and the permission rules report it',
  'failure.all_verbs_different_order.yaml': 'as failure.all_verbs.yaml',
  'success.gce_calico_binding.yaml': 'a binding\'s name exempts nothing: a full-admin role bound to a user',
  'success.system_prefix_binding.yaml': 'a `system:` binding name exempts nothing: a full-admin role bound to a user',
  'success.defaultclusterrolebinding_clusteradmin.yaml': 'a user added to the cluster-admin binding is not a subject Kubernetes binds',
  'success.defaultclusterrolebinding_system-controller-generic-garbage-collector.yaml': 'an unlabelled binding with a controller\'s name, to a user, is not Kubernetes\' own',
  'success.role_binding_cluster_role_binding.yaml': 'polaris reads RoleBinding→Role only; the RoleBinding to a full-admin ClusterRole is namespace admin (exec included)',
}

// --- bridgecrewio-checkov graph checks: verdicts per binding ------------------------------------------------------

const CHECKOV = 'bridgecrewio-checkov'
const CHECKOV_GRAPH: Readonly<Record<string, readonly string[]>> = {
  'graph:ImpersonatePermissions': ['ZT-RBAC-006'],
  'graph:NoCreateNodesProxyOrPodsExec': ['ZT-RBAC-004', 'ZT-RBAC-007'],
  'graph:ReadAllSecrets': ['ZT-RBAC-003'],
  'graph:RoleBindingPE': ['ZT-RBAC-006'],
}
/** bindings (checkov's Kind.namespace.name) where our verdict differs, and why */
const CHECKOV_DIFFERS: Readonly<Record<string, string>> = {
  'graph:NoCreateNodesProxyOrPodsExec RoleBinding.kube-system.failing-rb3': 'nodes/proxy through a RoleBinding grants nothing (its pods create is ZT-RBAC-005)',
  'graph:NoCreateNodesProxyOrPodsExec ClusterRoleBinding.default.failing-crb4': 'bind and create on RBAC resources is escalation (ZT-RBAC-006), not exec',
  'graph:NoCreateNodesProxyOrPodsExec ClusterRoleBinding.default.passing-crb2': '`get` on nodes/proxy reaches the kubelet API (a WebSocket exec needs no more)',
  'graph:ReadAllSecrets ClusterRoleBinding.default.read-secrets-global': 'its ServiceAccount has no namespace, which a ClusterRoleBinding must give: the API server rejects it',
  'graph:ReadAllSecrets RoleBinding.my-namespace.my-role-binding': 'a read limited to one named Secret is still a read (low)',
  'graph:RoleBindingPE ClusterRoleBinding.default.failing-crb1': '`*` on clusterrolebindings without `bind` on roles binds only what the holder already has (ZT-RBAC-001 reports the wildcard)',
  'graph:RoleBindingPE RoleBinding.kube-system.failing-rb3': '`bind` is checked on roles, not on rolebindings: this rule binds nothing',
  'graph:RoleBindingPE ClusterRoleBinding.default.passing-crb2': 'checkov exempts users; `bind` on every RBAC resource is escalation whoever holds it',
}

const bindingOf = (f: Finding): string => {
  const binding = typeof f.evidence?.binding === 'string' ? f.evidence.binding : ''
  const [kind, ...rest] = binding.split('/')
  return rest.length === 2 ? `${kind}.${rest[0]}.${rest[1]}` : `${kind}.default.${rest[0]}`
}

describe('RBAC rules against the shared corpus', function () {
  before(async function () {
    if (!CORPUS) {
      console.log(`    skipped: ${SKIP_CORPUS}`)
      this.skip()
    }
    rules = (await loadBuiltinRules()).map((r) => r.rule).filter((r) => r.meta.category === 'rbac-overreach')
  })

  for (const {source, cases} of SOURCES) {
    describe(source, () => {
      for (const c of cases) {
        const title = `${c.source} ${c.name}${c.unskipped ? ' (no namespace skipped)' : ''}`
        if (c.skip) {
          it.skip(`${title} (${c.skip})`)
          continue
        }
        it(title, async () => {
          const files = c.files.length > 0 ? c.files : peerCases(c.source).find((p) => p.case === c.name)!.files.filter((f) => /\.(ya?ml|json|golden)$/.test(f))
          const findings = await scanRbac(c.source, files, c.unskipped)
          expect(findings.map(keyOf).sort(), 'RBAC findings').to.deep.equal([...c.findings].sort())
          if (c.source !== KUBESCAPE && c.name.includes('(ours)')) {
            expect(findings.filter((f) => TAKEOVER.has(f.ruleId)).map(keyOf), 'take-over findings on a controller install').to.deep.equal([])
          }
        })
      }
    })
  }

  describe(POLARIS, () => {
    it('every case of the RBAC checks: our verdict is polaris\', except where noted', async function () {
      const cases = peerCases(POLARIS).filter((c) => Object.hasOwn(POLARIS_CHECKS, c.case.split('/')[0]))
      expect(cases.length, 'polaris RBAC cases').to.be.greaterThan(100)
      const wrong: string[] = []
      for (const c of cases) {
        const [check, file] = c.case.split('/')
        const answering = POLARIS_CHECKS[check]
        const findings = await scanRbac(POLARIS, c.files)
        if (!answering) {
          // the role is bound to nobody: dormant, never a finding
          if (findings.length > 0) wrong.push(`${c.case}: ${findings.map(keyOf).join('; ')}`)
          continue
        }
        const fails = findings.some((f) => answering.includes(f.ruleId))
        const expected = (c.expected === 'fail') !== Object.hasOwn(POLARIS_DIFFERS, file)
        if (fails !== expected) wrong.push(`${c.case}: ours ${fails ? 'fail' : 'pass'}`)
      }
      expect(wrong, 'verdicts').to.deep.equal([])
    })
  })

  describe(CHECKOV, () => {
    for (const [name, answering] of Object.entries(CHECKOV_GRAPH)) {
      it(`${name}: our verdict per binding is checkov's, except where noted`, async () => {
        const c = peerCases(CHECKOV).find((p) => p.case === name)!
        const findings = await scanRbac(CHECKOV, c.files)
        const failing = new Set(findings.filter((f) => answering.includes(f.ruleId)).map(bindingOf))
        const wrong: string[] = []
        for (const [binding, peerFails] of [...(c.failing_resources ?? []).map((b) => [b, true] as const), ...(c.passing_resources ?? []).map((b) => [b, false] as const)]) {
          const expected = peerFails !== Object.hasOwn(CHECKOV_DIFFERS, `${name} ${binding}`)
          if (failing.has(binding) !== expected) wrong.push(`${binding}: ours ${failing.has(binding) ? 'fail' : 'pass'}`)
        }
        expect(wrong, 'verdicts').to.deep.equal([])
      })
    }

    it('the role-only checks (wildcards, bind, escalate, webhooks, CSR approval) bind nothing: no finding', async () => {
      const roleOnly = peerCases(CHECKOV).filter((c) => /^example_(WildcardRoles|RbacBindRoleBindings|RbacEscalateRoles|RbacControlWebhooks|RbacApproveCertificateSigningRequests):/.test(c.case))
      expect(roleOnly).to.have.length(5)
      for (const c of roleOnly) expect((await scanRbac(CHECKOV, c.files)).map(keyOf), c.case).to.deep.equal([])
    })
  })

  describe('coverage of the peers\' cases', () => {
    const coverage: {source: string; cases: Case[]; selects: (c: PeerCase) => boolean}[] = [
      {source: KUBESCAPE, cases: kubescapeCases, selects: (c) => KUBESCAPE_CHECKS.includes(c.case.split('/')[0])},
      {source: KUBE_LINTER, cases: kubeLinterCases, selects: (c) => ['access-to-create-pods', 'access-to-secrets', 'cluster-admin-role-binding', 'wildcard-in-rules', 'default-service-account'].includes(c.case)},
      {source: POPEYE, cases: popeyeCases, selects: (c) => /^(cr|crb|rb|ro|sa):/.test(c.case)},
      {source: GOAT, cases: goatCases, selects: (c) => /RBAC/.test((c as PeerCase & {rule_or_check?: string}).rule_or_check ?? '')},
    ]
    for (const {source, cases, selects} of coverage) {
      it(`${source}: every case of the mapped checks is in the table`, () => {
        const wanted = peerCases(source).filter(selects)
        expect(wanted, 'peer cases').to.not.be.empty
        const have = new Set(cases.map((c) => c.name))
        expect(wanted.filter((w) => !have.has(w.case)).map((w) => w.case), 'peer cases missing from the table').to.deep.equal([])
      })
    }
  })
})
