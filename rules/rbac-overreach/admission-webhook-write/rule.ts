import {grantRule, SUBJECT_READS, SYSTEM_NOTE} from '../grant-rule.js'
import {admissionWrite} from '../permissions.js'

export default grantRule(
  {
    id: 'ZT-RBAC-012',
    slug: 'admission-webhook-write',
    category: 'rbac-overreach',
    title: 'Subject can change admission webhooks or admission policies',
    severity: 'high',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `Validating and mutating webhook configurations and admission policies decide what the cluster accepts: whoever writes them can disable the checks that keep privileged pods out, or register a mutating webhook that receives every object (Secrets included) and rewrites pods, for example to drop the mesh sidecar. These resources are not namespaced, so only a ClusterRoleBinding grants them. Each binding in the input that grants create, update, patch or delete on them is reported on the subject, pointing at the binding's entry that names it. Full admin rights are ZT-RBAC-002's.

${SYSTEM_NOTE}`,
    severityNotes: '**high**; one level lower when `resourceNames` limits the rule to named configurations (a controller that updates its own webhook\'s CA bundle).',
    remediation: 'Only the components that own a webhook should update it, limited with `resourceNames` to their own configuration; people should change admission through reviewed GitOps.',
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: admission-auditor
rules:
  - apiGroups: [admissionregistration.k8s.io]
    resources: [validatingwebhookconfigurations, mutatingwebhookconfigurations]
    verbs: [get, list, watch]`,
    controls: {
      'cis-k8s': ['5.1.12'],
      'nsa-cisa': ['NSA-AA-RBAC'],
      'nist-800-207': ['T6'],
      'nist-800-53': ['AC-6', 'AC-6(1)'],
      'pci-dss': ['7.2.2'],
    },
    tags: ['rbac', 'defense-evasion'],
  },
  admissionWrite,
)
