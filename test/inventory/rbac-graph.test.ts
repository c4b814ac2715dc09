// The RBAC graph on small inline manifests: scope of RoleBindings, aggregation (input and shipped defaults),
// the built-in roles, implicit groups, subject normalisation, the request matcher, Kubernetes' own grants,
// token mounting, and the cost of building it for a large dump.
import {expect} from 'chai'

import {Inventory} from '../../src/inventory/index.js'
import {
  type BindingView,
  defaultRbac,
  describeRbacRule,
  type Grant,
  NO_DEFAULT_RBAC,
  RbacGraph,
  type RbacIdentity,
  type RbacRule,
  rbacAllows,
  readDefaultRbac,
  serviceAccountToken,
  shippedDefaultRbacFile,
} from '../../src/inventory/rbac/index.js'
import {resourcesFromYaml} from '../support/netpol-manifests.js'

const RBAC = 'rbac.authorization.k8s.io/v1'

function clusterRole(name: string, rules: string, extra = ''): string {
  return `apiVersion: ${RBAC}\nkind: ClusterRole\nmetadata: {name: ${JSON.stringify(name)}${extra}}\nrules: ${rules}\n`
}

/** A ClusterRole that aggregates those labelled `select: "true"`, with its own labels and rules. */
function aggregatedRole(name: string, select: string, labels = '{}', rules = '[]'): string {
  return `apiVersion: ${RBAC}\nkind: ClusterRole\nmetadata: {name: ${name}, labels: ${labels}}\naggregationRule: {clusterRoleSelectors: [{matchLabels: {${select}: "true"}}]}\nrules: ${rules}\n`
}

function role(ref: string, rules: string): string {
  const [namespace, name] = ref.split('/')
  return `apiVersion: ${RBAC}\nkind: Role\nmetadata: {name: ${name}, namespace: ${namespace}}\nrules: ${rules}\n`
}

function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', ref: string, roleRef: string, subjects: string, labels = ''): string {
  const [namespace, name] = kind === 'RoleBinding' ? ref.split('/') : [undefined, ref]
  const [roleKind, roleName] = roleRef.split('/')
  const meta = `{name: ${JSON.stringify(name)}${namespace ? `, namespace: ${namespace}` : ''}${labels}}`
  return `apiVersion: ${RBAC}\nkind: ${kind}\nmetadata: ${meta}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${JSON.stringify(roleName)}}\nsubjects: ${subjects}\n`
}

const user = (name: string): string => `[{apiGroup: rbac.authorization.k8s.io, kind: User, name: ${JSON.stringify(name)}}]`
const group = (name: string): string => `[{apiGroup: rbac.authorization.k8s.io, kind: Group, name: ${JSON.stringify(name)}}]`
const sa = (ref: string): string => {
  const [namespace, name] = ref.split('/')
  return `[{kind: ServiceAccount, name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}]`
}

const graphOf = (...docs: string[]): RbacGraph => new Inventory(resourcesFromYaml(docs.join('---\n'))).rbac
const U = (name: string): RbacIdentity => ({kind: 'User', name})
const SA = (namespace: string, name: string): RbacIdentity => ({kind: 'ServiceAccount', namespace, name})

/** What a grant lets its holder do, as `verb group/resource@scope` for the requests asked about. */
function can(graph: RbacGraph, grants: readonly Grant[], verb: string, resource: string, group = ''): string[] {
  const found = new Set<string>()
  for (const grant of grants) {
    for (const rule of graph.rulesOf(grant.role)) {
      if (rbacAllows(rule, {verb, group, resource}, grant.scope)) found.add(grant.scope.type === 'cluster' ? 'cluster' : grant.scope.namespace)
    }
  }
  return [...found].sort()
}

describe('RBAC graph', () => {
  describe('scope', () => {
    it('a RoleBinding to a ClusterRole grants it in the binding\'s namespace only', () => {
      const graph = graphOf(
        clusterRole('secret-reader', '[{apiGroups: [""], resources: [secrets], verbs: [get]}]'),
        binding('RoleBinding', 'shop/jane-secrets', 'ClusterRole/secret-reader', user('jane')),
      )
      const grants = graph.grantsOf(U('jane'))
      expect(grants.map((g) => g.scope)).to.deep.equal([{type: 'namespace', namespace: 'shop'}])
      expect(can(graph, grants, 'get', 'secrets')).to.deep.equal(['shop'])
    })

    it('a ClusterRoleBinding grants everywhere', () => {
      const graph = graphOf(
        clusterRole('secret-reader', '[{apiGroups: [""], resources: [secrets], verbs: [get]}]'),
        binding('ClusterRoleBinding', 'jane-secrets', 'ClusterRole/secret-reader', user('jane')),
      )
      expect(can(graph, graph.grantsOf(U('jane')), 'get', 'secrets')).to.deep.equal(['cluster'])
    })

    it('a RoleBinding never grants cluster-scoped resources (nodes/proxy, webhooks, impersonating users)', () => {
      const graph = graphOf(
        clusterRole('broad', '[{apiGroups: ["*"], resources: ["*"], verbs: [get, create, update, impersonate]}]'),
        binding('RoleBinding', 'shop/broad', 'ClusterRole/broad', user('jane')),
      )
      const grants = graph.grantsOf(U('jane'))
      expect(can(graph, grants, 'get', 'nodes/proxy')).to.deep.equal([])
      expect(can(graph, grants, 'update', 'validatingwebhookconfigurations', 'admissionregistration.k8s.io')).to.deep.equal([])
      expect(can(graph, grants, 'impersonate', 'users')).to.deep.equal([])
      // service accounts are namespaced: impersonating them in the namespace holds
      expect(can(graph, grants, 'impersonate', 'serviceaccounts')).to.deep.equal(['shop'])
      expect(can(graph, grants, 'create', 'pods')).to.deep.equal(['shop'])
    })

    it('a RoleBinding resolves a Role in its own namespace only; a ClusterRoleBinding cannot refer to a Role', () => {
      const graph = graphOf(
        role('shop/reader', '[{apiGroups: [""], resources: [pods], verbs: [get]}]'),
        binding('RoleBinding', 'payments/reader', 'Role/reader', user('jane')),
        binding('RoleBinding', 'shop/reader', 'Role/reader', user('joe')),
        binding('ClusterRoleBinding', 'reader', 'Role/reader', user('ann')),
      )
      expect(graph.grantsOf(U('jane'))).to.deep.equal([])
      expect(graph.grantsOf(U('joe'))).to.have.length(1)
      expect(graph.grantsOf(U('ann'))).to.deep.equal([])
      const dangling = graph.bindings.filter((b) => b.resource && !graph.roleOf(b)).map((b) => `${b.kind}/${b.name}`)
      expect(dangling).to.deep.equal(['RoleBinding/reader', 'ClusterRoleBinding/reader'])
    })
  })

  describe('aggregation', () => {
    it('an aggregated ClusterRole gains the rules of the ClusterRoles its selectors match, with their provenance', () => {
      const graph = graphOf(
        aggregatedRole('monitoring', 'rbac.example.com/aggregate-to-monitoring'),
        clusterRole('monitoring-secrets', '[{apiGroups: [""], resources: [secrets], verbs: [list]}]', ', labels: {rbac.example.com/aggregate-to-monitoring: "true"}'),
        clusterRole('unrelated', '[{apiGroups: [""], resources: [nodes], verbs: [list]}]', ', labels: {team: other}'),
      )
      const aggregated = graph.role('ClusterRole', 'monitoring')!
      expect(graph.aggregatedFrom(aggregated).map((r) => r.name)).to.deep.equal(['monitoring-secrets'])
      const rules = graph.rulesOf(aggregated)
      expect(rules.map(describeRbacRule)).to.deep.equal(['list secrets (apiGroups "")'])
      expect(rules[0].source.name).to.equal('monitoring-secrets')
    })

    it('resolves the built-in admin, edit and view from the shipped defaults, without them in the input', () => {
      const graph = graphOf(binding('RoleBinding', 'shop/devs', 'ClusterRole/edit', group('devs')), binding('RoleBinding', 'shop/viewers', 'ClusterRole/view', group('viewers')))
      const edit = graph.grantsOf({kind: 'Group', name: 'devs'})
      const view = graph.grantsOf({kind: 'Group', name: 'viewers'})
      expect(edit[0].role.builtin).to.equal(true)
      // decided from the shipped data: edit reads and writes Secrets, view does neither
      expect(can(graph, edit, 'list', 'secrets')).to.deep.equal(['shop'])
      expect(can(graph, edit, 'create', 'secrets')).to.deep.equal(['shop'])
      expect(can(graph, edit, 'list', 'pods')).to.deep.equal(['shop'], 'edit includes view')
      expect(can(graph, view, 'list', 'secrets')).to.deep.equal([])
      expect(can(graph, view, 'list', 'pods')).to.deep.equal(['shop'])
      const admin = graph.rulesOf(graph.role('ClusterRole', 'admin')!)
      expect(admin.some((r) => r.resources.includes('rolebindings'))).to.equal(true)
      expect(admin.some((r) => r.resources.includes('secrets'))).to.equal(true, 'admin includes edit')
    })

    it('a ClusterRole in the input labelled aggregate-to-view adds its rules to the built-in view', () => {
      const graph = graphOf(
        clusterRole('crd-view', '[{apiGroups: [""], resources: [secrets], verbs: [get]}]', ', labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}'),
        binding('RoleBinding', 'shop/viewers', 'ClusterRole/view', group('viewers')),
      )
      const grants = graph.grantsOf({kind: 'Group', name: 'viewers'})
      expect(can(graph, grants, 'get', 'secrets')).to.deep.equal(['shop'])
      const rule = graph.rulesOf(grants[0].role).find((r) => r.resources.includes('secrets'))!
      expect(rule.source.name).to.equal('crd-view')
    })

    it('survives a cycle of aggregated roles', () => {
      const graph = graphOf(
        aggregatedRole('ra', 'b', '{a: "true"}', '[{apiGroups: [""], resources: [pods], verbs: [get]}]'),
        aggregatedRole('rb', 'a', '{b: "true"}', '[{apiGroups: [""], resources: [secrets], verbs: [get]}]'),
      )
      const rules = graph.rulesOf(graph.role('ClusterRole', 'ra')!).map(describeRbacRule).sort()
      expect(rules).to.deep.equal(['get pods (apiGroups "")', 'get secrets (apiGroups "")'])
    })

    it('a default role in the input keeps its own rules and gets the missing default ones back (start-up reconciliation)', () => {
      const reconciled = graphOf(clusterRole('cluster-admin', '[{apiGroups: [""], resources: [pods], verbs: [get]}]'))
      expect(reconciled.rulesOf(reconciled.role('ClusterRole', 'cluster-admin')!).map(describeRbacRule)).to.deep.equal(['get pods (apiGroups "")', '* * (apiGroups *)', '* *'])
      const pinned = graphOf(clusterRole('cluster-admin', '[{apiGroups: [""], resources: [pods], verbs: [get]}]', ', annotations: {rbac.authorization.kubernetes.io/autoupdate: "false"}'))
      expect(pinned.rulesOf(pinned.role('ClusterRole', 'cluster-admin')!).map(describeRbacRule)).to.deep.equal(['get pods (apiGroups "")'])
    })
  })

  describe('subjects', () => {
    it('lists every subject named by a binding in the input, once, and not those only the defaults name', () => {
      const graph = graphOf(
        binding('RoleBinding', 'shop/a', 'ClusterRole/view', `[{kind: ServiceAccount, name: web}, {apiGroup: rbac.authorization.k8s.io, kind: User, name: "system:serviceaccount:shop:web"}]`),
        binding('ClusterRoleBinding', 'b', 'ClusterRole/view', group('devs')),
      )
      expect(graph.subjects.map((s) => s.key)).to.deep.equal(['ServiceAccount/shop/web', 'Group/devs'])
    })

    it('a ServiceAccount without a namespace is in the RoleBinding\'s namespace, and names nobody in a ClusterRoleBinding', () => {
      const graph = graphOf(binding('RoleBinding', 'shop/a', 'ClusterRole/view', sa('/web')), binding('ClusterRoleBinding', 'b', 'ClusterRole/edit', sa('/api')))
      expect(graph.subjects.map((s) => s.key)).to.deep.equal(['ServiceAccount/shop/web'])
    })

    it('a service account holds what its implicit groups hold, including the default bindings', () => {
      const graph = graphOf(
        clusterRole('lister', '[{apiGroups: [""], resources: [secrets], verbs: [list]}]'),
        binding('ClusterRoleBinding', 'jobs', 'ClusterRole/lister', group('system:serviceaccounts:jobs')),
      )
      const grants = graph.grantsOf(SA('jobs', 'reporter'), {implicit: true})
      expect(grants.map((g) => `${g.via} ${g.binding.name}`).sort()).to.deep.equal([
        'system:authenticated system:basic-user',
        'system:authenticated system:discovery',
        'system:authenticated system:public-info-viewer',
        'system:serviceaccounts system:service-account-issuer-discovery',
        'system:serviceaccounts:jobs jobs',
      ])
      expect(graph.grantsOf(SA('other', 'reporter'), {implicit: true}).some((g) => g.binding.name === 'jobs')).to.equal(false)
      expect(graph.grantsOf(U('system:anonymous'), {implicit: true}).map((g) => g.via)).to.deep.equal(['system:unauthenticated'])
    })
  })

  describe("Kubernetes' own grants", () => {
    const reason = (graph: RbacGraph, name: string, subject = 0): string | undefined => {
      const b = graph.bindings.find((x) => x.name === name && x.resource) as BindingView
      return graph.systemReason(b, b.subjects[subject])
    }

    it('recognises the bootstrap binding for the subjects Kubernetes binds, not for anyone added to it', () => {
      const graph = graphOf(
        binding('ClusterRoleBinding', 'cluster-admin', 'ClusterRole/cluster-admin', '[{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:masters"}, {apiGroup: rbac.authorization.k8s.io, kind: User, name: eve}]', ', labels: {kubernetes.io/bootstrapping: rbac-defaults}'),
      )
      expect(reason(graph, 'cluster-admin', 0)).to.be.a('string')
      expect(reason(graph, 'cluster-admin', 1)).to.equal(undefined)
    })

    it('recognises a default binding that lost its label, by name, role and subject', () => {
      const graph = graphOf(binding('ClusterRoleBinding', 'system:discovery', 'ClusterRole/system:discovery', group('system:authenticated')))
      expect(reason(graph, 'system:discovery')).to.be.a('string')
    })

    it('does not trust a `system:` binding name alone', () => {
      const graph = graphOf(binding('ClusterRoleBinding', 'system:backdoor', 'ClusterRole/cluster-admin', user('mallory')))
      expect(reason(graph, 'system:backdoor')).to.equal(undefined)
    })

    it('recognises control-plane identities and the controllers\' kube-system accounts bound to system: roles', () => {
      const graph = graphOf(
        binding('ClusterRoleBinding', 'a', 'ClusterRole/system:node', user('system:node:worker-1')),
        binding('ClusterRoleBinding', 'b', 'ClusterRole/system:controller:job-controller', sa('kube-system/job-controller')),
        binding('ClusterRoleBinding', 'c', 'ClusterRole/cluster-admin', sa('kube-system/tiller')),
      )
      expect(reason(graph, 'a')).to.be.a('string')
      expect(reason(graph, 'b')).to.be.a('string')
      expect(reason(graph, 'c')).to.equal(undefined)
    })
  })

  describe('requests', () => {
    const rule = (fields: Partial<RbacRule>): RbacRule => ({index: 0, path: ['rules', 0], source: {kind: 'ClusterRole', name: 'r'}, verbs: [], apiGroups: [''], resources: [], resourceNames: [], nonResourceURLs: [], ...fields})
    const cluster = {type: 'cluster'} as const

    it('matches `*/subresource` but not `resource/*`, as Kubernetes does', () => {
      expect(rbacAllows(rule({verbs: ['create'], resources: ['*/exec']}), {verb: 'create', group: '', resource: 'pods/exec'}, cluster)).to.equal(true)
      expect(rbacAllows(rule({verbs: ['create'], resources: ['pods/*']}), {verb: 'create', group: '', resource: 'pods/exec'}, cluster)).to.equal(false)
      expect(rbacAllows(rule({verbs: ['*'], resources: ['*']}), {verb: 'create', group: '', resource: 'pods/exec'}, cluster)).to.equal(true)
      expect(rbacAllows(rule({verbs: ['get'], resources: ['pods']}), {verb: 'get', group: '', resource: 'pods/exec'}, cluster)).to.equal(false)
    })

    it('needs the API group to match', () => {
      expect(rbacAllows(rule({verbs: ['get'], apiGroups: ['apps'], resources: ['secrets']}), {verb: 'get', group: '', resource: 'secrets'}, cluster)).to.equal(false)
      expect(rbacAllows(rule({verbs: ['get'], apiGroups: ['*'], resources: ['secrets']}), {verb: 'get', group: '', resource: 'secrets'}, cluster)).to.equal(true)
    })
  })

  describe('tokens', () => {
    const account = (automount?: boolean) => resourcesFromYaml(`apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: n}\n${automount === undefined ? '' : `automountServiceAccountToken: ${automount}`}`)[0]

    it('mounts by default; the pod setting overrides the ServiceAccount\'s', () => {
      expect(serviceAccountToken({}).mounted).to.equal(true)
      expect(serviceAccountToken({}, account(false)).mounted).to.equal(false)
      expect(serviceAccountToken({automountServiceAccountToken: true}, account(false)).mounted).to.equal(true)
      expect(serviceAccountToken({automountServiceAccountToken: false}, account(true)).mounted).to.equal(false)
    })

    it('a projected token volume for the API server mounts one anyway; one for another audience does not', () => {
      const volume = (token: object) => ({automountServiceAccountToken: false, volumes: [{name: 't', projected: {sources: [{serviceAccountToken: token}]}}]})
      expect(serviceAccountToken(volume({path: 'token'})).mounted).to.equal(true)
      expect(serviceAccountToken(volume({path: 'token', audience: 'vault'})).mounted).to.equal(false)
    })
  })

  describe('shipped defaults', () => {
    it('read the shipped file: every role and binding labelled rbac-defaults, including the aggregation labels', () => {
      const defaults = readDefaultRbac(shippedDefaultRbacFile())
      expect(defaults.roles.map((r) => r.metadata.name)).to.include.members(['cluster-admin', 'admin', 'edit', 'view', 'system:aggregate-to-edit', 'system:node', 'extension-apiserver-authentication-reader'])
      expect(defaults.bindings.map((b) => b.metadata.name)).to.include.members(['cluster-admin', 'system:discovery', 'system:public-info-viewer', 'system::leader-locking-kube-scheduler'])
      for (const object of [...defaults.roles, ...defaults.bindings]) {
        expect(object.metadata.labels?.['kubernetes.io/bootstrapping'], object.metadata.name).to.equal('rbac-defaults')
      }
      expect(defaultRbac().roles.length).to.equal(defaults.roles.length)
    })

    it('without defaults, a binding to a built-in role is dangling', () => {
      const resources = resourcesFromYaml(binding('RoleBinding', 'shop/devs', 'ClusterRole/edit', group('devs')))
      const graph = new RbacGraph({roles: [], bindings: resources, serviceAccounts: []}, NO_DEFAULT_RBAC)
      expect(graph.roleOf(graph.bindings[0])).to.equal(undefined)
    })
  })

  describe('scale', () => {
    it('builds and answers for 15k roles and bindings without scanning all pairs', function () {
      const docs: string[] = []
      for (let i = 0; i < 5000; i++) {
        docs.push(role(`ns${i % 500}/r${i}`, '[{apiGroups: [""], resources: [configmaps], verbs: [get]}]'))
        docs.push(binding('RoleBinding', `ns${i % 500}/b${i}`, `Role/r${i}`, sa(`ns${i % 500}/sa${i}`)))
        docs.push(binding('RoleBinding', `ns${i % 500}/e${i}`, 'ClusterRole/edit', user(`u${i % 300}`)))
      }
      const resources = resourcesFromYaml(docs.join('---\n'))
      const started = performance.now()
      const graph = new RbacGraph({roles: resources.filter((r) => r.ref.kind === 'Role'), bindings: resources.filter((r) => r.ref.kind !== 'Role'), serviceAccounts: []})
      let grants = 0
      for (const subject of graph.subjects) for (const grant of graph.grantsOf(subject, {implicit: true})) grants += graph.rulesOf(grant.role).length
      const elapsed = performance.now() - started
      expect(graph.subjects.length).to.equal(5300)
      expect(grants).to.be.greaterThan(0)
      expect(elapsed, `${elapsed.toFixed(0)} ms`).to.be.below(2000)
    })
  })
})
