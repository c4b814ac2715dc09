import {grantRule, SUBJECT_READS, SYSTEM_NOTE} from '../grant-rule.js'
import {zeroTrustWrite} from '../permissions.js'

export default grantRule(
  {
    id: 'ZT-RBAC-011',
    slug: 'zero-trust-policy-write',
    category: 'rbac-overreach',
    title: 'Subject can change NetworkPolicies or mesh security policy',
    severity: 'high',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `Whoever can create, update, patch or delete the zero-trust controls can switch them off: a NetworkPolicy that admits everything undoes a default deny, a PERMISSIVE PeerAuthentication lets plaintext in, an ALLOW AuthorizationPolicy or an EnvoyFilter opens or reroutes traffic. Checked resources: NetworkPolicy (\`networking.k8s.io\`, \`extensions\`), AdminNetworkPolicy and BaselineAdminNetworkPolicy, Cilium and Calico network policies, Istio's \`security.istio.io\` PeerAuthentication, AuthorizationPolicy and RequestAuthentication, \`networking.istio.io\` EnvoyFilter and Sidecar, and Linkerd's \`policy.linkerd.io\` Server, ServerAuthorization, AuthorizationPolicy, MeshTLSAuthentication and NetworkAuthentication. Each binding in the input that grants such a write is reported on the subject, pointing at the binding's entry that names it. The built-in \`edit\` and \`admin\` roles write NetworkPolicies. Full admin rights are ZT-RBAC-002's.

${SYSTEM_NOTE}`,
    severityNotes: '- **high**: in every namespace (ClusterRoleBinding);\n- **medium**: in one namespace (RoleBinding);\n- one level lower when `resourceNames` limits the rule to named policies.',
    remediation: 'Keep network and mesh security policy with the platform or security team (GitOps with review), and give application teams read access only. Bind `view` rather than `edit` where teams only need to look.',
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: policy-reader
  namespace: shop
rules:
  - apiGroups: [networking.k8s.io, security.istio.io]
    resources: [networkpolicies, authorizationpolicies, peerauthentications]
    verbs: [get, list, watch]`,
    controls: {
      'nsa-cisa': ['NSA-AA-RBAC'],
      'nist-800-207': ['T6'],
      'nist-800-53': ['AC-6(1)', 'CM-6'],
      'pci-dss': ['7.2.2'],
    },
    tags: ['rbac', 'defense-evasion', 'network-policy', 'mesh'],
  },
  zeroTrustWrite,
)
