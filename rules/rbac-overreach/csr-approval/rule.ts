import {defineRule, type Grant, isFullWildcard, rbacAllows, type RbacRule, type RbacSubjectView} from '../../../src/sdk/index.js'
import {grantFinding, SUBJECT_READS, SYSTEM_NOTE, subjectGrants} from '../grant-rule.js'

const CERTIFICATES = 'certificates.k8s.io'
const CLUSTER = {type: 'cluster'} as const
/** Signers whose certificates authenticate to the API server as any name the request chooses. */
const CLIENT_SIGNERS = ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/*', '*']

interface Found {
  grant: Grant
  rule: RbacRule
}

function find(grants: readonly Grant[], rulesOf: (g: Grant) => readonly RbacRule[], test: (rule: RbacRule) => boolean): Found | undefined {
  for (const grant of grants) {
    const rule = rulesOf(grant).find(test)
    if (rule) return {grant, rule}
  }
  return undefined
}

export default defineRule<RbacSubjectView>({
  meta: {
    id: 'ZT-RBAC-014',
    slug: 'csr-approval',
    category: 'rbac-overreach',
    title: 'Subject can approve certificate signing requests',
    severity: 'high',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `Approving a CertificateSigningRequest needs two permissions: \`update\` (or \`patch\`) on \`certificatesigningrequests/approval\`, and \`approve\` on the signer (\`signers\`, limited by \`resourceNames\` to signer names). Together they let the holder issue itself a client certificate for any user and group the request names, \`system:masters\` included, when the signer is \`kubernetes.io/kube-apiserver-client\`. A subject that holds both, through one binding or several, cluster-wide (CSRs and signers are not namespaced) is reported, pointing at the binding's entry that grants the approval. Holding only one half is not reported. Full admin rights are ZT-RBAC-002's.

${SYSTEM_NOTE}`,
    severityNotes: '- **high**: the signers include `kubernetes.io/kube-apiserver-client` (any client identity), or are not limited;\n- **medium**: other signers only (for example kubelet serving certificates).',
    remediation: 'Leave approval to the controller manager\'s approvers and to a dedicated approver (for example for kubelet serving certificates) limited to its signer with `resourceNames`; people should not hold `approve` on `kubernetes.io/kube-apiserver-client`.',
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: csr-viewer
rules:
  - apiGroups: [certificates.k8s.io]
    resources: [certificatesigningrequests]
    verbs: [get, list, watch]`,
    controls: {
      'cis-k8s': ['5.1.11'],
      'nsa-cisa': ['NSA-AA-RBAC'],
      'nist-800-207': ['T6'],
      'nist-800-53': ['AC-6', 'IA-5'],
      'pci-dss': ['7.2.2'],
    },
    tags: ['rbac', 'credential-access', 'privilege-escalation'],
  },
  check(subject, ctx) {
    const graph = ctx.inventory.rbac
    const grants = subjectGrants(subject, ctx).grants.filter((g) => g.scope.type === 'cluster')
    const rulesOf = (g: Grant): readonly RbacRule[] => graph.rulesOf(g.role)
    // full admin rights are ZT-RBAC-002's
    const canApproval = (rule: RbacRule): boolean =>
      !isFullWildcard(rule) &&
      ['update', 'patch'].some((verb) => rbacAllows(rule, {verb, group: CERTIFICATES, resource: 'certificatesigningrequests/approval'}, CLUSTER))
    const canSign = (rule: RbacRule): boolean => !isFullWildcard(rule) && rbacAllows(rule, {verb: 'approve', group: CERTIFICATES, resource: 'signers'}, CLUSTER)
    const approval = find(grants, rulesOf, canApproval)
    if (!approval) return
    // the broadest signer grant decides
    const signers = grants.flatMap((grant) => rulesOf(grant).filter(canSign).map((rule) => ({grant, rule})))
    if (signers.length === 0) return
    const client = signers.find(({rule}) => rule.resourceNames.length === 0 || rule.resourceNames.some((n) => CLIENT_SIGNERS.includes(n)))
    const signer = client ?? signers[0]
    const names = signer.rule.resourceNames.length > 0 ? signer.rule.resourceNames.join(', ') : 'every signer'
    const finding = grantFinding(ctx, approval.grant, {severity: client ? 'high' : 'medium', rule: approval.rule, detail: ''}, `can approve certificate signing requests for ${names}`)
    ctx.report({...finding, evidence: {...finding.evidence, signerBinding: [signer.grant.binding.kind, signer.grant.binding.namespace, signer.grant.binding.name].filter(Boolean).join('/'), signers: names}})
  },
})
