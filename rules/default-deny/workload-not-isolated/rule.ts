import {defineRule, type Direction, WORKLOAD_KINDS, type WorkloadView} from '../../../src/sdk/index.js'

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress']

const consequence: Record<Direction, string> = {
  ingress: 'any pod in the cluster, and anything that reaches the node network, can connect to it',
  egress: 'it can connect to any pod and any address',
}

export default defineRule<WorkloadView>({
  meta: {
    id: 'ZT-NET-004',
    slug: 'workload-not-isolated',
    category: 'default-deny',
    title: 'Workload is not selected by any NetworkPolicy',
    severity: 'medium',
    target: 'Workload',
    reads: ['NetworkPolicy', 'Namespace', ...WORKLOAD_KINDS],
    description: `Checks every workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob) on its own: its pods are isolated for a direction only when at least one NetworkPolicy in its namespace selects their labels and isolates that direction. A pod that no policy selects is non-isolated and allows all traffic in that direction, whatever other policies in the namespace say. One finding is reported per direction.

Selection follows Kubernetes exactly: the policy's \`podSelector\` is matched against the pod template's labels (\`matchLabels\` and \`matchExpressions\`, with \`NotIn\` and \`DoesNotExist\` matching pods that lack the key), within the policy's namespace only; \`policyTypes\` defaults to Ingress, plus Egress when the policy has egress rules.

Pods in the host network namespace (\`hostNetwork: true\`) are skipped: NetworkPolicy does not apply to them.`,
    severityNotes: 'Both directions are reported as medium; the namespace-level rules (ZT-NET-001, ZT-NET-002) carry the higher severity of a missing default deny.',
    remediation: 'Add a default-deny policy to the namespace (see ZT-NET-001 and ZT-NET-002), or a policy whose `podSelector` matches this workload\'s pod labels, allowing only the flows it needs.',
    controls: {
      'cis-k8s': ['5.3.2'],
      'nsa-cisa': ['NSA-NS-NP'],
      'nist-800-207': ['T4', 'T6'],
      'nist-800-53': ['AC-4', 'SC-7'],
      'pci-dss': ['1.3.1'],
    },
    tags: ['network-policy'],
  },
  check(workload, ctx) {
    if (workload.podSpec.hostNetwork === true) {
      ctx.skip('runs in the host network namespace, where NetworkPolicy does not apply')
      return
    }
    const {network} = ctx.inventory
    for (const direction of DIRECTIONS) {
      if (network.isolating(workload.namespace, workload.labels, direction).length > 0) continue
      const selecting = network.selecting(workload.namespace, workload.labels).map((p) => p.name)
      const partly = selecting.length > 0 ? ` Policies ${selecting.join(', ')} select it, but none isolates ${direction}.` : ''
      ctx.report({
        message: `${workload.kind} ${workload.namespace}/${workload.name} is not isolated for ${direction}: ${consequence[direction]}.${partly}`,
        path: [...workload.templatePath, 'metadata', 'labels'],
        cause: direction,
        evidence: {direction, labels: workload.labels, selectedBy: selecting},
      })
    }
  },
})
