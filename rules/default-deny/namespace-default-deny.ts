// Shared by the ingress and egress default-deny rules: the same semantics, one direction each.
import {type Direction, type NamespaceView, namespaceBaseline, type Rule, type RuleContext, type RuleMeta, type Severity} from '../../src/sdk/index.js'

const LEGACY_ANNOTATION = 'net.beta.kubernetes.io/network-policy'

const exposure: Record<Direction, string> = {
  ingress: 'every pod in it accepts connections from any pod in the cluster and from outside',
  egress: 'every pod in it can open connections to any pod, the cloud metadata service and the internet',
}

export function namespaceDefaultDenyRule(direction: Direction, meta: RuleMeta): Rule<NamespaceView> {
  return {
    meta,
    check(namespace: NamespaceView, ctx: RuleContext) {
      const {network} = ctx.inventory
      const baseline = namespaceBaseline(network, namespace.name, direction)
      const workloads = ctx.inventory.workloadsIn(namespace.name).length
      // an empty namespace is a gap for the next deployment, not an open door today
      const severity: Severity = workloads === 0 ? 'low' : meta.severity
      const evidence = {
        namespace: namespace.name,
        workloads,
        policies: network.inNamespace(namespace.name).map((p) => p.name),
      }

      if (baseline.denying.length > 0 && baseline.negations.length > 0) {
        const [first] = baseline.negations
        const scope = first.wholeNamespace ? 'every pod' : `pods matching ${first.policy.podSelector.text}`
        const others = baseline.negations.length > 1 ? ` (and ${baseline.negations.length - 1} more such rule(s))` : ''
        ctx.report({
          message: `The ${direction} default deny of namespace ${namespace.name} is undone: NetworkPolicy ${first.policy.name} admits every peer on every port to ${scope}${others}.`,
          at: first.policy.resource,
          path: first.rule.path,
          cause: 'negated',
          severity,
          evidence: {...evidence, negatedBy: baseline.negations.map((n) => ({policy: n.policy.name, rule: `${direction}[${n.rule.index}]`, selects: n.policy.podSelector.text}))},
        })
        return
      }
      if (baseline.denying.length > 0) return

      // no default deny: say what comes close

      const legacy = namespace.annotations[LEGACY_ANNOTATION]
      const notes = baseline.nearMisses.map((m) => `NetworkPolicy ${m.policy.name} ${m.why}`)

      if (legacy !== undefined) notes.push(`the ${LEGACY_ANNOTATION} annotation is ignored by Kubernetes (it was replaced by NetworkPolicy v1)`)
      const none = network.inNamespace(namespace.name).length === 0
      const lead = none
        ? `Namespace ${namespace.name} has no NetworkPolicy, so ${exposure[direction]}.`
        : `Namespace ${namespace.name} has no default-deny ${direction} NetworkPolicy, so pods no policy isolates for ${direction} are open.`
      const [nearest] = baseline.nearMisses
      const others = ctx.inventory.network.unevaluated(namespace.name)
      if (others.length > 0) notes.push(`${others.map((o) => `${o.count} ${o.kind}`).join(' and ')} in the input may enforce a default deny, but zt-audit does not evaluate them`)
      const detail = notes.join('; ')
      ctx.report({
        message: detail ? `${lead} ${detail[0].toUpperCase()}${detail.slice(1)}.` : lead,
        ...(nearest ? {at: nearest.policy.resource, path: nearest.path} : namespace.resource && legacy !== undefined ? {path: ['metadata', 'annotations', LEGACY_ANNOTATION]} : {}),
        cause: 'missing',
        severity,
        evidence: {
          ...evidence,
          nearMisses: baseline.nearMisses.map((m) => ({policy: m.policy.name, why: m.why})),
          ...(legacy === undefined ? {} : {legacyAnnotation: legacy}),
          ...(others.length > 0 ? {unevaluatedPolicies: others} : {}),
        },
      })
    },
  }
}

const typeName = (direction: Direction): string => (direction === 'ingress' ? 'Ingress' : 'Egress')

/** The parts of the documentation that differ only by direction. */
export function defaultDenyDocs(direction: Direction): Pick<RuleMeta, 'description' | 'remediation' | 'severityNotes' | 'example'> {
  const type = typeName(direction)
  return {
    description: `A namespace passes when a NetworkPolicy selects every pod in it (\`podSelector: {}\`) and isolates them for ${direction}: from then on, only ${direction} traffic that some policy explicitly allows is let through. Without it, ${exposure[direction]}.

Kubernetes semantics are applied exactly:
- A policy isolates for ${type} when \`policyTypes\` lists ${type}${direction === 'egress' ? ', or when `policyTypes` is absent and the policy has at least one egress rule (an absent `policyTypes` otherwise means Ingress only)' : ' or is absent (an absent `policyTypes` always includes Ingress)'}.
- A namespace-wide policy with narrow allow rules still counts: isolation denies everything the rules do not allow.
- A rule that admits every peer on every port — \`${direction}: [{}]\`, or a rule without \`${direction === 'ingress' ? 'from' : 'to'}\` and \`ports\` — undoes the default deny for the pods its policy selects. Such a policy anywhere in the namespace fails this rule.

Near-misses that fail: a "deny-all" whose \`podSelector\` selects only some pods; a policy with \`policyTypes: [${direction === 'ingress' ? 'Egress' : 'Ingress'}]\` only; ${direction === 'egress' ? 'a deny-all without `policyTypes` (it isolates ingress only); ' : ''}the legacy \`net.beta.kubernetes.io/network-policy\` namespace annotation, which current Kubernetes ignores; a selector with fields other than \`matchLabels\`/\`matchExpressions\` (e.g. \`podSelector: {app: web}\`), which is rejected when applied and so selects nothing. The check requires a CNI that enforces NetworkPolicy. Policies of other APIs (CiliumNetworkPolicy, Calico, AdminNetworkPolicy) are not evaluated; when the input has some, the finding names them.`,
    severityNotes: `The default severity applies to namespaces that run workloads. A namespace without workloads in the input is reported as **low**: it is a gap for the next deployment rather than an open path today.`,
    remediation: `Add a default-deny policy for ${direction} to the namespace, then allow the flows each workload needs with narrow policies${direction === 'egress' ? ' (remember DNS: allow UDP and TCP 53 to kube-dns)' : ''}. Remove or narrow any rule that admits every peer on every port.`,
    example: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-${direction}
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [${type}]`,
  }
}
