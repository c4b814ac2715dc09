// Kubernetes NetworkPolicy rules that are easy to get wrong, each on a small inline manifest, and the
// workload grouping and default-deny helpers built on them.
import {expect} from 'chai'

import {compileSelector, Inventory, type WorkloadView} from '../../src/inventory/index.js'
import {
  admitsEverything,
  type Endpoint,
  namespaceBaseline,
  parseCidr,
  type PodEndpoint,
  portScope,
  type PolicyRule,
  wildcardPeers,
} from '../../src/inventory/network/index.js'
import {resourcesFromYaml} from '../support/netpol-manifests.js'

interface Port {
  name?: string
  containerPort: number
  protocol?: string
}

/** A bare pod `ns/name`, labelled `app: name` unless told otherwise. */
function pod(ref: string, labels: Record<string, string> = {}, ports: Port[] = []): string {
  const [namespace, name] = ref.split('/')
  return `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace}, labels: ${JSON.stringify({app: name, ...labels})}}
spec:
  containers: [{name: main, image: registry.example/app:1, ports: ${JSON.stringify(ports)}}]
`
}

/** A NetworkPolicy `ns/name` with this spec (YAML, indented by two). */
function policy(ref: string, spec: string): string {
  const [namespace, name] = ref.split('/')
  return `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: ${namespace}}
spec:
${spec.replace(/^\n/, '').replace(/^/gm, '  ')}
`
}

/** An inventory with shorthands: endpoints are `ns/name` workloads or CIDRs. */
class Cluster {
  readonly inventory: Inventory

  constructor(...docs: string[]) {
    this.inventory = new Inventory(resourcesFromYaml(docs.join('\n---\n')))
  }

  workload(ref: string): WorkloadView {
    const [namespace, name] = ref.split('/')
    const found = this.inventory.workloads.find((w) => w.namespace === namespace && w.name === name)
    if (!found) throw new Error(`no workload ${ref}`)
    return found
  }

  /** A CIDR (it has dots or colons) as addresses, anything else as a workload. */
  endpoint(ref: string): Endpoint {
    return /[.:]/.test(ref) ? {type: 'address', range: parseCidr(ref)!} : this.pod(ref)
  }

  pod(ref: string): PodEndpoint {
    return this.inventory.network.endpoint(this.workload(ref))
  }

  /** What may go from one endpoint to the other, as PortSet spells it. */
  conn(from: string, to: string): string {
    return this.inventory.network.allowed(this.endpoint(from), this.endpoint(to)).toString()
  }

  policy(name: string) {
    const found = this.inventory.networkPolicies.find((p) => p.name === name)
    if (!found) throw new Error(`no policy ${name}`)
    return found
  }
}

const ALL = 'All Connections'
const NONE = 'No Connections'

/** The first rule of a one-policy cluster in one direction. */
function rule(direction: 'ingress' | 'egress', spec: string): PolicyRule {
  return new Cluster(policy('ns/p', spec)).policy('p')[direction][0]
}

describe('NetworkPolicy semantics', () => {
  describe('podSelector', () => {
    it('`{}` selects every pod of its own namespace and none elsewhere', () => {
      const c = new Cluster(pod('a/x'), pod('a/y'), pod('b/z'), policy('a/deny', 'podSelector: {}\npolicyTypes: [Ingress]'))
      expect(c.conn('b/z', 'a/x')).to.equal(NONE)
      expect(c.conn('a/y', 'a/x')).to.equal(NONE)
      expect(c.conn('a/x', 'b/z')).to.equal(ALL)
      expect(c.inventory.network.selecting('b', {app: 'z'})).to.be.empty
    })

    it('matchLabels selects only the pods carrying the labels', () => {
      const c = new Cluster(pod('a/web'), pod('a/db'), pod('a/client'), policy('a/deny-web', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]'))
      expect(c.conn('a/client', 'a/web')).to.equal(NONE)
      expect(c.conn('a/client', 'a/db')).to.equal(ALL)
    })
  })

  describe('policyTypes defaults', () => {
    const isolates = (spec: string) => new Cluster(policy('ns/p', spec)).policy('p').isolates

    it('absent: Ingress only, when there are no egress rules', () => {
      expect(isolates('podSelector: {}\ningress: [{from: [{podSelector: {}}]}]')).to.deep.equal({ingress: true, egress: false})
      expect(isolates('podSelector: {}')).to.deep.equal({ingress: true, egress: false})
    })

    it('absent: Ingress plus Egress when `egress` has a rule', () => {
      expect(isolates('podSelector: {}\negress: [{to: [{podSelector: {}}]}]')).to.deep.equal({ingress: true, egress: true})
    })

    it('absent with `egress: []` does not add Egress', () => {
      expect(isolates('podSelector: {}\negress: []')).to.deep.equal({ingress: true, egress: false})
    })

    it('`policyTypes: []` counts as absent', () => {
      expect(isolates('podSelector: {}\npolicyTypes: []')).to.deep.equal({ingress: true, egress: false})
      expect(isolates('podSelector: {}\npolicyTypes: []\negress: [{}]')).to.deep.equal({ingress: true, egress: true})
    })

    it('declared: only the listed directions, whatever rules are written', () => {
      expect(isolates('podSelector: {}\npolicyTypes: [Egress]\ningress: [{}]')).to.deep.equal({ingress: false, egress: true})
      const c = new Cluster(pod('ns/a'), pod('ns/b'), policy('ns/egress-only', 'podSelector: {}\npolicyTypes: [Egress]\ningress: [{from: [{podSelector: {matchLabels: {app: nobody}}}]}]'))
      // ingress is not isolated, so its rules restrict nothing; egress is denied
      expect(c.inventory.network.ingressAllowed(c.pod('ns/a'), c.pod('ns/b')).toString()).to.equal(ALL)
      expect(c.conn('ns/b', 'ns/a')).to.equal(NONE)
    })

    it('an egress-isolated pod with no egress rules reaches nothing, not even addresses', () => {
      const c = new Cluster(pod('ns/a'), pod('other/b'), policy('ns/deny-egress', 'podSelector: {}\npolicyTypes: [Egress]'))
      expect(c.conn('ns/a', 'other/b')).to.equal(NONE)
      expect(c.conn('ns/a', '8.8.8.8/32')).to.equal(NONE)
      expect(c.conn('other/b', 'ns/a')).to.equal(ALL)
    })
  })

  describe('peers (`from`/`to`)', () => {
    const pods = [pod('ns/server'), pod('ns/neighbour'), pod('other/client')]

    for (const [title, from] of [
      ['absent', ''],
      ['empty', '\n  from: []'],
    ] as const) {
      it(`${title} \`from\` admits every source: pods anywhere and addresses`, () => {
        const c = new Cluster(...pods, policy('ns/p', `podSelector: {matchLabels: {app: server}}\ningress:\n- ports: [{port: 80}]${from}`))
        expect(c.conn('other/client', 'ns/server')).to.equal('TCP 80')
        expect(c.conn('ns/neighbour', 'ns/server')).to.equal('TCP 80')
        expect(c.conn('203.0.113.0/24', 'ns/server')).to.equal('TCP 80')
      })
    }

    it('`from: [{podSelector: {}}]` admits every pod of the policy namespace only', () => {
      const c = new Cluster(...pods, policy('ns/p', 'podSelector: {matchLabels: {app: server}}\ningress: [{from: [{podSelector: {}}]}]'))
      expect(c.conn('ns/neighbour', 'ns/server')).to.equal(ALL)
      expect(c.conn('other/client', 'ns/server')).to.equal(NONE)
      expect(c.conn('203.0.113.0/24', 'ns/server')).to.equal(NONE)
    })

    it('`namespaceSelector: {}` admits every pod in every namespace, but no address', () => {
      const c = new Cluster(...pods, policy('ns/p', 'podSelector: {matchLabels: {app: server}}\ningress: [{from: [{namespaceSelector: {}}]}]'))
      expect(c.conn('ns/neighbour', 'ns/server')).to.equal(ALL)
      expect(c.conn('other/client', 'ns/server')).to.equal(ALL)
      expect(c.conn('203.0.113.0/24', 'ns/server')).to.equal(NONE)
    })

    it('absent and empty `to` admit every destination', () => {
      for (const to of ['', '\n  to: []']) {
        const c = new Cluster(...pods, policy('ns/p', `podSelector: {matchLabels: {app: server}}\npolicyTypes: [Egress]\negress:\n- ports: [{port: 443}]${to}`))
        expect(c.conn('ns/server', 'other/client')).to.equal('TCP 443')
        expect(c.conn('ns/server', '198.51.100.7/32')).to.equal('TCP 443')
      }
    })

    // clients in two labelled namespaces and in the server's own, and one pod that is no client
    const teams = (): string[] => [
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: team-x, labels: {team: x}}',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: team-y, labels: {team: y}}',
      pod('team-x/client', {role: 'client'}),
      pod('team-x/other'),
      pod('team-y/client', {role: 'client'}),
      pod('ns/client', {role: 'client'}),
      pod('ns/server'),
    ]

    it('namespaceSelector and podSelector in one peer are ANDed', () => {
      const c = new Cluster(
        ...teams(),
        policy('ns/p', `
podSelector: {matchLabels: {app: server}}
ingress:
- from:
  - namespaceSelector: {matchLabels: {team: x}}
    podSelector: {matchLabels: {role: client}}`),
      )
      expect(c.conn('team-x/client', 'ns/server')).to.equal(ALL)
      expect(c.conn('team-x/other', 'ns/server')).to.equal(NONE)
      expect(c.conn('team-y/client', 'ns/server')).to.equal(NONE)
      expect(c.conn('ns/client', 'ns/server')).to.equal(NONE)
    })

    it('namespaceSelector and podSelector in two peers are ORed, the podSelector staying in the policy namespace', () => {
      const c = new Cluster(
        ...teams(),
        policy('ns/p', `
podSelector: {matchLabels: {app: server}}
ingress:
- from:
  - namespaceSelector: {matchLabels: {team: x}}
  - podSelector: {matchLabels: {role: client}}`),
      )
      expect(c.conn('team-x/client', 'ns/server')).to.equal(ALL)
      expect(c.conn('team-x/other', 'ns/server')).to.equal(ALL)
      expect(c.conn('team-y/client', 'ns/server')).to.equal(NONE)
      expect(c.conn('ns/client', 'ns/server')).to.equal(ALL)
    })

    it('an empty peer (`from: [{}]`, rejected by the API server) admits nothing', () => {
      const c = new Cluster(pod('ns/server'), pod('ns/client'), policy('ns/p', 'podSelector: {}\ningress: [{from: [{}]}]'))
      expect(c.conn('ns/client', 'ns/server')).to.equal(NONE)
    })
  })

  describe('namespaceSelector and the automatic `kubernetes.io/metadata.name` label', () => {
    const byName = (name: string): string =>
      policy('ns/p', `podSelector: {matchLabels: {app: server}}\ningress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ${name}}}}]}]`)

    it('matches a declared Namespace that does not write the label', () => {
      const c = new Cluster('apiVersion: v1\nkind: Namespace\nmetadata: {name: prod, labels: {env: production}}', pod('prod/client'), pod('dev/client'), pod('ns/server'), byName('prod'))
      expect(c.conn('prod/client', 'ns/server')).to.equal(ALL)
      expect(c.conn('dev/client', 'ns/server')).to.equal(NONE)
    })

    it('matches a namespace with no Namespace object in the input', () => {
      const c = new Cluster(pod('dev/client'), pod('qa/client'), pod('ns/server'), byName('dev'))
      expect(c.inventory.namespace('dev')?.declared).to.equal(false)
      expect(c.conn('dev/client', 'ns/server')).to.equal(ALL)
      expect(c.conn('qa/client', 'ns/server')).to.equal(NONE)
    })

    it('is the namespace name even when the object writes another value', () => {
      const c = new Cluster(
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: prod, labels: {kubernetes.io/metadata.name: spoofed}}',
        pod('prod/client'),
        pod('ns/server'),
        byName('spoofed'),
      )
      expect(c.conn('prod/client', 'ns/server')).to.equal(NONE)
    })

    it('also counts for the policy namespace itself', () => {
      const c = new Cluster(pod('ns/client'), pod('ns/server'), byName('ns'))
      expect(c.conn('ns/client', 'ns/server')).to.equal(ALL)
    })
  })

  describe('matchExpressions', () => {
    const select = (expr: string) => compileSelector({matchExpressions: [JSON.parse(expr)]})
    const cases: [string, Record<string, string>, boolean][] = [
      ['{"key": "tier", "operator": "In", "values": ["web", "api"]}', {tier: 'web'}, true],
      ['{"key": "tier", "operator": "In", "values": ["web", "api"]}', {tier: 'db'}, false],
      ['{"key": "tier", "operator": "In", "values": ["web", "api"]}', {}, false],
      ['{"key": "tier", "operator": "NotIn", "values": ["db"]}', {tier: 'web'}, true],
      ['{"key": "tier", "operator": "NotIn", "values": ["db"]}', {tier: 'db'}, false],
      ['{"key": "tier", "operator": "NotIn", "values": ["db"]}', {}, true],
      ['{"key": "tier", "operator": "Exists"}', {tier: ''}, true],
      ['{"key": "tier", "operator": "Exists"}', {}, false],
      ['{"key": "tier", "operator": "DoesNotExist"}', {}, true],
      ['{"key": "tier", "operator": "DoesNotExist"}', {tier: 'web'}, false],
    ]
    for (const [expr, labels, expected] of cases) {
      it(`${expr} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(labels)}`, () => {
        expect(select(expr).matches(labels)).to.equal(expected)
      })
    }

    it('are ANDed with each other and with matchLabels', () => {
      const selector = compileSelector({
        matchLabels: {app: 'web'},
        matchExpressions: [
          {key: 'tier', operator: 'NotIn', values: ['db']},
          {key: 'canary', operator: 'DoesNotExist'},
        ],
      })
      expect(selector.matches({app: 'web'})).to.equal(true)
      expect(selector.matches({app: 'web', tier: 'db'})).to.equal(false)
      expect(selector.matches({app: 'web', canary: 'true'})).to.equal(false)
      expect(selector.matches({tier: 'front'})).to.equal(false)
    })

    it('an unknown operator selects nothing (the API server would reject the object)', () => {
      expect(compileSelector({matchExpressions: [{key: 'tier', operator: 'Gt', values: ['1']}]}).matches({tier: '2'})).to.equal(false)
    })

    it('NotIn in a policy podSelector isolates pods without the key', () => {
      const c = new Cluster(pod('ns/plain'), pod('ns/db', {tier: 'db'}), pod('ns/client'), policy('ns/p', `
podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [db]}, {key: app, operator: NotIn, values: [client]}]}
policyTypes: [Ingress]`))
      expect(c.conn('ns/client', 'ns/plain')).to.equal(NONE)
      expect(c.conn('ns/client', 'ns/db')).to.equal(ALL)
    })

    it('DoesNotExist in a namespaceSelector matches namespaces without the label', () => {
      const c = new Cluster(
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: quarantined, labels: {quarantine: "true"}}',
        pod('quarantined/client'),
        pod('other/client'),
        pod('ns/server'),
        policy('ns/p', 'podSelector: {}\ningress: [{from: [{namespaceSelector: {matchExpressions: [{key: quarantine, operator: DoesNotExist}]}}]}]'),
      )
      expect(c.conn('other/client', 'ns/server')).to.equal(ALL)
      expect(c.conn('quarantined/client', 'ns/server')).to.equal(NONE)
    })
  })

  describe('ipBlock', () => {
    const ingressFrom = policy('ns/p', `
podSelector: {matchLabels: {app: server}}
ingress:
- from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]`)

    it('admits address ranges inside the block and outside its excepts', () => {
      const c = new Cluster(pod('ns/server'), ingressFrom)
      expect(c.conn('10.2.0.0/16', 'ns/server')).to.equal(ALL)
      expect(c.conn('10.255.255.255/32', 'ns/server')).to.equal(ALL)
      expect(c.conn('10.1.0.0/16', 'ns/server')).to.equal(NONE)
      expect(c.conn('10.1.2.3/32', 'ns/server')).to.equal(NONE)
      expect(c.conn('11.0.0.1/32', 'ns/server')).to.equal(NONE)
    })

    it('does not admit a range only partly inside the block', () => {
      const c = new Cluster(pod('ns/server'), ingressFrom)
      expect(c.conn('10.0.0.0/7', 'ns/server')).to.equal(NONE)
      expect(c.conn('10.0.0.0/15', 'ns/server')).to.equal(NONE)
    })

    it('does not match pods, whatever their namespace', () => {
      const c = new Cluster(pod('ns/server'), pod('ns/client'), pod('other/client'), ingressFrom)
      expect(c.conn('ns/client', 'ns/server')).to.equal(NONE)
      expect(c.conn('other/client', 'ns/server')).to.equal(NONE)
    })

    it('an IPv4 block does not match IPv6 addresses', () => {
      const c = new Cluster(pod('ns/server'), policy('ns/p', 'podSelector: {}\ningress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]'))
      expect(c.conn('2001:db8::/32', 'ns/server')).to.equal(NONE)
      expect(c.conn('192.0.2.0/24', 'ns/server')).to.equal(ALL)
    })

    it('limits egress to addresses, not to pods', () => {
      const c = new Cluster(pod('ns/app'), pod('other/db'), policy('ns/p', 'podSelector: {}\negress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]'))
      expect(c.conn('ns/app', '93.184.216.34/32')).to.equal(ALL)
      expect(c.conn('ns/app', 'other/db')).to.equal(NONE)
    })
  })

  describe('ports', () => {
    const server = (ports: string): Cluster =>
      new Cluster(pod('ns/server'), pod('ns/client'), policy('ns/p', `podSelector: {matchLabels: {app: server}}\ningress:\n- from: [{podSelector: {}}]${ports}`))

    it('absent and empty `ports` admit every port of every protocol', () => {
      expect(server('').conn('ns/client', 'ns/server')).to.equal(ALL)
      expect(server('\n  ports: []').conn('ns/client', 'ns/server')).to.equal(ALL)
    })

    it('a port without protocol is TCP; a protocol without port is all its ports', () => {
      expect(server('\n  ports: [{port: 53}]').conn('ns/client', 'ns/server')).to.equal('TCP 53')
      expect(server('\n  ports: [{protocol: UDP}]').conn('ns/client', 'ns/server')).to.equal('UDP 1-65535')
      expect(server('\n  ports: [{port: 1}]').conn('ns/client', 'ns/server')).to.equal('TCP 1')
    })

    it('endPort makes a range, and ranges merge with single ports', () => {
      expect(server('\n  ports: [{port: 8000, endPort: 8100, protocol: UDP}]').conn('ns/client', 'ns/server')).to.equal('UDP 8000-8100')
      expect(server('\n  ports: [{port: 80}, {port: 8000, endPort: 8100}, {port: 8050}, {port: 8101}]').conn('ns/client', 'ns/server')).to.equal('TCP 80,8000-8101')
    })

    describe('named ports', () => {
      const ports: Port[] = [
        {name: 'http', containerPort: 8080},
        {name: 'dns', containerPort: 5353, protocol: 'UDP'},
      ]
      const named = (rulePorts: string): Cluster =>
        new Cluster(pod('ns/server', {}, ports), pod('ns/client', {}, [{name: 'http', containerPort: 1111}]), policy('ns/p', `podSelector: {}\ningress: [{ports: ${rulePorts}}]`))

      it('resolve against the destination pod container ports', () => {
        expect(named('[{port: http}]').conn('ns/client', 'ns/server')).to.equal('TCP 8080')
        expect(named('[{port: http}]').conn('ns/server', 'ns/client')).to.equal('TCP 1111')
      })

      it('must match the protocol too', () => {
        expect(named('[{port: dns}]').conn('ns/client', 'ns/server')).to.equal(NONE)
        expect(named('[{port: dns, protocol: UDP}]').conn('ns/client', 'ns/server')).to.equal('UDP 5353')
        expect(named('[{port: http, protocol: UDP}]').conn('ns/client', 'ns/server')).to.equal(NONE)
      })

      it('a name no container declares admits nothing', () => {
        expect(named('[{port: grpc}]').conn('ns/client', 'ns/server')).to.equal(NONE)
      })

      it('in egress rules resolve against the destination, not the source', () => {
        const c = new Cluster(
          pod('ns/client', {}, [{name: 'http', containerPort: 1111}]),
          pod('ns/a', {}, [{name: 'http', containerPort: 8080}]),
          pod('ns/b', {}, [{name: 'http', containerPort: 9000}]),
          policy('ns/p', 'podSelector: {matchLabels: {app: client}}\npolicyTypes: [Egress]\negress: [{ports: [{port: http}]}]'),
        )
        expect(c.conn('ns/client', 'ns/a')).to.equal('TCP 8080')
        expect(c.conn('ns/client', 'ns/b')).to.equal('TCP 9000')
        // an address has no named ports
        expect(c.conn('ns/client', '192.0.2.1/32')).to.equal(NONE)
      })
    })
  })

  describe('both ends', () => {
    it('a connection needs the source egress and the destination ingress', () => {
      const c = new Cluster(
        pod('a/client'),
        pod('b/server'),
        policy('a/out', 'podSelector: {}\npolicyTypes: [Egress]\negress: [{ports: [{port: 80}, {port: 443}]}]'),
        policy('b/in', 'podSelector: {}\ningress: [{ports: [{port: 443}, {port: 8443}]}]'),
      )
      const {network} = c.inventory
      const client = c.pod('a/client')
      const server = c.pod('b/server')
      expect(network.egressAllowed(client, server).toString()).to.equal('TCP 80,443')
      expect(network.ingressAllowed(server, client).toString()).to.equal('TCP 443,8443')
      expect(c.conn('a/client', 'b/server')).to.equal('TCP 443')
    })

    it('an open ingress does not help a source whose egress is denied', () => {
      const c = new Cluster(pod('a/client'), pod('b/server'), policy('a/deny', 'podSelector: {}\npolicyTypes: [Egress]'))
      expect(c.conn('a/client', 'b/server')).to.equal(NONE)
    })

    it('from an address only the destination ingress counts; to an address only the source egress', () => {
      const c = new Cluster(pod('ns/server'), policy('ns/in', 'podSelector: {}\ningress: [{ports: [{port: 443}]}]'))
      expect(c.conn('192.0.2.0/24', 'ns/server')).to.equal('TCP 443')
      expect(c.conn('ns/server', '192.0.2.0/24')).to.equal(ALL)
    })

    it('pods no policy isolates allow everything, both ways', () => {
      const c = new Cluster(pod('a/x'), pod('b/y'))
      expect(c.conn('a/x', 'b/y')).to.equal(ALL)
      expect(c.conn('b/y', '0.0.0.0/0')).to.equal(ALL)
      expect(c.conn('0.0.0.0/0', 'a/x')).to.equal(ALL)
    })

    it('a policy isolating egress only leaves ingress open', () => {
      const c = new Cluster(pod('a/x'), pod('b/y'), policy('a/deny-egress', 'podSelector: {}\npolicyTypes: [Egress]'))
      expect(c.conn('b/y', 'a/x')).to.equal(ALL)
    })
  })

  describe('several policies', () => {
    const c = new Cluster(
      pod('ns/server', {tier: 'backend'}),
      pod('ns/front', {role: 'frontend'}),
      pod('ns/blue', {team: 'blue'}),
      pod('ns/both', {role: 'frontend', team: 'blue'}),
      pod('ns/other'),
      policy('ns/deny', 'podSelector: {}\npolicyTypes: [Ingress]'),
      policy('ns/web', 'podSelector: {matchLabels: {app: server}}\ningress: [{from: [{podSelector: {matchLabels: {role: frontend}}}], ports: [{port: 80}]}]'),
      policy('ns/tls', 'podSelector: {matchLabels: {tier: backend}}\ningress: [{from: [{podSelector: {matchLabels: {team: blue}}}], ports: [{port: 443}]}]'),
    )

    it('union: each peer gets what any policy selecting the pod allows it', () => {
      expect(c.conn('ns/front', 'ns/server')).to.equal('TCP 80')
      expect(c.conn('ns/blue', 'ns/server')).to.equal('TCP 443')
      expect(c.conn('ns/both', 'ns/server')).to.equal('TCP 80,443')
    })

    it('a deny-all among them takes nothing away, and admits nobody else', () => {
      expect(c.conn('ns/other', 'ns/server')).to.equal(NONE)
      expect(c.conn('ns/server', 'ns/front')).to.equal(NONE)
    })
  })

  it('only Kubernetes NetworkPolicy objects count, not same-named kinds of other groups', () => {
    const c = new Cluster(pod('ns/server'), pod('ns/client'), 'apiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata: {name: calico, namespace: ns}\nspec: {podSelector: {}}')
    expect(c.inventory.networkPolicies).to.be.empty
    expect(c.conn('ns/client', 'ns/server')).to.equal(ALL)
  })
})

describe('workload grouping', () => {
  const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: registry.example/web:1}]}
`
  const replicaSet = `
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5d4f8c7b9
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true, uid: d1}]
spec:
  template:
    metadata: {labels: {app: web, pod-template-hash: 5d4f8c7b9}}
    spec: {containers: [{name: web, image: registry.example/web:1}]}
`
  const webPod = (name: string, hash = '5d4f8c7b9'): string => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  labels: {app: web, pod-template-hash: "${hash}"}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f8c7b9, controller: true, uid: r1}]
spec: {containers: [{name: web, image: registry.example/web:1}]}
`
  const workloads = (...docs: string[]): WorkloadView[] => new Cluster(...docs).inventory.workloads as WorkloadView[]
  const summary = (list: readonly WorkloadView[]): string[] => list.map((w) => `${w.kind}/${w.namespace}/${w.name} pods=${w.pods.length}`)

  it('a Deployment, its ReplicaSet and its pods are one workload, in any order', () => {
    expect(summary(workloads(deployment, replicaSet, webPod('web-5d4f8c7b9-aaaaa'), webPod('web-5d4f8c7b9-bbbbb')))).to.deep.equal(['Deployment/shop/web pods=2'])
    expect(summary(workloads(webPod('web-5d4f8c7b9-aaaaa'), replicaSet, deployment))).to.deep.equal(['Deployment/shop/web pods=1'])
  })

  it('pods whose ReplicaSet is missing fold into the Deployment with the matching pod-template-hash', () => {
    expect(summary(workloads(deployment, webPod('web-5d4f8c7b9-aaaaa')))).to.deep.equal(['Deployment/shop/web pods=1'])
  })

  it('pods whose ReplicaSet is missing and whose hash does not match stand for the ReplicaSet', () => {
    const [first, ...rest] = workloads(deployment, webPod('web-5d4f8c7b9-aaaaa', 'other'), webPod('web-5d4f8c7b9-bbbbb', 'other'))
    expect(summary([first, ...rest])).to.deep.equal(['Deployment/shop/web pods=0', 'ReplicaSet/shop/web-5d4f8c7b9 pods=2'])
    expect(rest[0].synthesized).to.equal(true)
    expect(rest[0].labels).to.deep.include({app: 'web'})
  })

  it('a ReplicaSet whose Deployment is missing is its own workload, with its pods', () => {
    expect(summary(workloads(replicaSet, webPod('web-5d4f8c7b9-aaaaa')))).to.deep.equal(['ReplicaSet/shop/web-5d4f8c7b9 pods=1'])
  })

  it('a bare pod is its own workload', () => {
    const list = workloads(pod('shop/debug', {run: 'debug'}))
    expect(summary(list)).to.deep.equal(['Pod/shop/debug pods=0'])
    expect(list[0].labels).to.deep.equal({app: 'debug', run: 'debug'})
  })

  it("a CronJob's labels come from its jobTemplate, and its Jobs and their pods fold into it", () => {
    const cronJob = `
apiVersion: batch/v1
kind: CronJob
metadata: {name: backup, namespace: ops, labels: {owner: ops}}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    metadata: {labels: {kind: job}}
    spec:
      template:
        metadata: {labels: {app: backup}}
        spec: {restartPolicy: OnFailure, containers: [{name: backup, image: registry.example/backup:1}]}
`
    const job = `
apiVersion: batch/v1
kind: Job
metadata:
  name: backup-28000000
  namespace: ops
  ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: backup, controller: true, uid: c1}]
spec:
  template:
    metadata: {labels: {app: backup}}
    spec: {restartPolicy: OnFailure, containers: [{name: backup, image: registry.example/backup:1}]}
`
    // the pod of a later run, whose Job is no longer in the input
    const jobPod = `
apiVersion: v1
kind: Pod
metadata:
  name: backup-28000060-xyz12
  namespace: ops
  labels: {app: backup}
  ownerReferences: [{apiVersion: batch/v1, kind: Job, name: backup-28000060, controller: true, uid: j2}]
spec: {containers: [{name: backup, image: registry.example/backup:1}]}
`
    const list = workloads(cronJob, job, jobPod)
    expect(summary(list)).to.deep.equal(['CronJob/ops/backup pods=1'])
    expect(list[0].labels).to.deep.equal({app: 'backup'})
  })

  // static (mirror) pods are owned by their Node, which is not a workload controller
  it('static pods owned by a Node stay separate Pod workloads', () => {
    const staticPod = (name: string, component: string): string => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}-node-1
  namespace: kube-system
  labels: {component: ${component}, tier: control-plane}
  ownerReferences: [{apiVersion: v1, kind: Node, name: node-1, controller: true, uid: n1}]
spec: {hostNetwork: false, containers: [{name: ${name}, image: registry.k8s.io/${name}:v1.31.0}]}
`
    const list = workloads(staticPod('etcd', 'etcd'), staticPod('kube-scheduler', 'kube-scheduler'))
    expect(summary(list)).to.deep.equal(['Pod/kube-system/etcd-node-1 pods=0', 'Pod/kube-system/kube-scheduler-node-1 pods=0'])
  })
})

describe('default deny and wildcard helpers', () => {
  const baseline = (direction: 'ingress' | 'egress', ...specs: string[]) => {
    const c = new Cluster(...specs.map((spec, i) => policy(`ns/p${i}`, spec)))
    return namespaceBaseline(c.inventory.network, 'ns', direction)
  }
  const names = (list: readonly {name: string}[]): string[] => list.map((p) => p.name)

  describe('namespaceBaseline', () => {
    it('a policy selecting every pod with no rules is a default deny for the directions it isolates', () => {
      const result = baseline('ingress', 'podSelector: {}\npolicyTypes: [Ingress]')
      expect(names(result.denying)).to.deep.equal(['p0'])
      expect(result.nearMisses).to.be.empty
    })

    it('narrow allow rules keep it a default deny (allow-DNS egress included)', () => {
      expect(names(baseline('ingress', 'podSelector: {}\ningress: [{from: [{podSelector: {matchLabels: {app: lb}}}], ports: [{port: 80}]}]').denying)).to.deep.equal(['p0'])
      const dns = baseline('egress', 'podSelector: {}\npolicyTypes: [Egress]\negress: [{ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]}]')
      expect(names(dns.denying)).to.deep.equal(['p0'])
      expect(dns.negations).to.be.empty
    })

    it('a deny selecting only some pods is a near miss, pointing at its podSelector', () => {
      const result = baseline('ingress', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]')
      expect(result.denying).to.be.empty
      expect(result.nearMisses.map((m) => m.path)).to.deep.equal([['spec', 'podSelector']])
      expect(result.nearMisses[0].why).to.contain('app=web')
    })

    it('`ingress: [{}]` negates it: not a deny, reported as a negation', () => {
      const result = baseline('ingress', 'podSelector: {}\ningress: [{}]')
      expect(result.denying).to.be.empty
      expect(result.negations.map((n) => [n.policy.name, n.rule.index, n.wholeNamespace])).to.deep.equal([['p0', 0, true]])
    })

    it('a policy admitting everything to some pods is a negation of the namespace deny, not a whole-namespace one', () => {
      const result = baseline('ingress', 'podSelector: {}\npolicyTypes: [Ingress]', 'podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {}}, {ipBlock: {cidr: 0.0.0.0/0}}]}]')
      expect(names(result.denying)).to.deep.equal(['p0'])
      expect(result.negations.map((n) => [n.policy.name, n.wholeNamespace])).to.deep.equal([['p1', false]])
    })

    it('a whole-namespace policy that leaves the direction out is a near miss, and says why', () => {
      const declared = baseline('egress', 'podSelector: {}\npolicyTypes: [Ingress]\negress: [{}]')
      expect(declared.denying).to.be.empty
      expect(declared.nearMisses.map((m) => m.path)).to.deep.equal([['spec', 'policyTypes']])
      expect(declared.nearMisses[0].why).to.contain('leave Egress out')
      const defaulted = baseline('egress', 'podSelector: {}')
      expect(defaulted.nearMisses.map((m) => m.path)).to.deep.equal([['spec']])
      expect(defaulted.nearMisses[0].why).to.contain('no policyTypes and no egress rules')
    })

    it('`egress: [{to: [{ipBlock: 0.0.0.0/0 except the private ranges}]}]` still counts as a deny', () => {
      const result = baseline('egress', `
podSelector: {}
policyTypes: [Egress]
egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16]}}]}]`)
      expect(names(result.denying)).to.deep.equal(['p0'])
    })
  })

  describe('wildcardPeers', () => {
    const kinds = (spec: string) => wildcardPeers(rule('egress', spec)).map((w) => [w.kind, w.path.join('.'), w.exceptsPrivate])

    it('a rule without `to` admits any peer', () => {
      expect(kinds('podSelector: {}\negress: [{ports: [{port: 443}]}]')).to.deep.equal([['any-peer', 'spec.egress.0', undefined]])
    })

    it('0.0.0.0/0 is any address; excepting every private and link-local range leaves the internet', () => {
      expect(kinds('podSelector: {}\negress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16]}}]}]')).to.deep.equal([
        ['any-address', 'spec.egress.0.to.0.ipBlock.cidr', true],
      ])
      expect(kinds('podSelector: {}\negress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]}]')).to.deep.equal([
        ['any-address', 'spec.egress.0.to.0.ipBlock.cidr', false],
      ])
      expect(kinds('podSelector: {}\negress: [{to: [{ipBlock: {cidr: "::/0", except: ["fc00::/7", "fe80::/10"]}}]}]')).to.deep.equal([
        ['any-address', 'spec.egress.0.to.0.ipBlock.cidr', true],
      ])
    })

    it('a narrower block is no wildcard', () => {
      expect(kinds('podSelector: {}\negress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]')).to.deep.equal([])
    })

    it('`namespaceSelector: {}` alone is every pod of the cluster; with a pod restriction it is not', () => {
      expect(kinds('podSelector: {}\negress: [{to: [{namespaceSelector: {}}]}]')).to.deep.equal([['all-namespaces', 'spec.egress.0.to.0.namespaceSelector', undefined]])
      expect(kinds('podSelector: {}\negress: [{to: [{namespaceSelector: {}, podSelector: {}}]}]')).to.have.length(1)
      expect(kinds('podSelector: {}\negress: [{to: [{namespaceSelector: {}, podSelector: {matchLabels: {app: dns}}}]}]')).to.deep.equal([])
      expect(kinds('podSelector: {}\negress: [{to: [{podSelector: {}}]}]')).to.deep.equal([])
    })
  })

  describe('admitsEverything', () => {
    const admits = (spec: string): boolean => admitsEverything(rule('egress', spec))

    it('`egress: [{}]` and its spelled-out form (every pod and every IPv4 address)', () => {
      expect(admits('podSelector: {}\negress: [{}]')).to.equal(true)
      expect(admits('podSelector: {}\negress: [{to: [], ports: []}]')).to.equal(true)
      expect(admits('podSelector: {}\negress: [{to: [{namespaceSelector: {}}, {ipBlock: {cidr: 0.0.0.0/0}}]}]')).to.equal(true)
    })

    it('not with an except, without the addresses, or with some ports only', () => {
      expect(admits('podSelector: {}\negress: [{to: [{namespaceSelector: {}}, {ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]}]')).to.equal(false)
      expect(admits('podSelector: {}\negress: [{to: [{namespaceSelector: {}}]}]')).to.equal(false)
      expect(admits('podSelector: {}\negress: [{ports: [{port: 53, protocol: UDP}]}]')).to.equal(false)
    })

    it('not when the whole-space block is IPv6 only', () => {
      expect(admits('podSelector: {}\negress: [{to: [{namespaceSelector: {}}, {ipBlock: {cidr: "::/0"}}]}]')).to.equal(false)
    })
  })

  describe('portScope', () => {
    const scope = (ports: string) => portScope(rule('egress', `podSelector: {}\negress: [{${ports}}]`))

    it('no ports, or every port of every protocol, is all', () => {
      expect(scope('')).to.equal('all')
      expect(scope('ports: []')).to.equal('all')
      expect(scope('ports: [{protocol: TCP}, {protocol: UDP}, {protocol: SCTP}]')).to.equal('all')
    })

    it('port 53 only, on UDP or TCP or both, is DNS', () => {
      expect(scope('ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]')).to.equal('dns')
      expect(scope('ports: [{port: 53, protocol: UDP}]')).to.equal('dns')
    })

    it('anything else is some: more than 53, a whole protocol, a named port', () => {
      expect(scope('ports: [{port: 53, endPort: 54, protocol: UDP}]')).to.equal('some')
      expect(scope('ports: [{port: 53, protocol: UDP}, {port: 443}]')).to.equal('some')
      expect(scope('ports: [{protocol: UDP}]')).to.equal('some')
      expect(scope('ports: [{port: dns, protocol: UDP}]')).to.equal('some')
      expect(scope('ports: [{port: 53, protocol: SCTP}]')).to.equal('some')
    })
  })
})
