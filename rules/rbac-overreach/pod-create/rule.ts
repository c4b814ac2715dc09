import {grantRule, SUBJECT_READS, SYSTEM_NOTE} from '../grant-rule.js'
import {podCreate} from '../permissions.js'

export default grantRule(
  {
    id: 'ZT-RBAC-005',
    slug: 'pod-create',
    category: 'rbac-overreach',
    title: 'Subject can create pods or pod-bearing workloads',
    severity: 'high',
    target: 'RbacSubject',
    reads: SUBJECT_READS,
    description: `Whoever can create a pod, directly or through a Deployment, DaemonSet, StatefulSet, ReplicaSet, ReplicationController, Job or CronJob, chooses its \`serviceAccountName\`: it can run code with the token of any service account in the namespace, mount any Secret and ConfigMap there, and, unless admission forbids it, a privileged or host-network pod. Each binding in the input that grants \`create\` on one of those resources is reported on the subject, pointing at the binding's entry that names it. \`resourceNames\` cannot limit \`create\`. The built-in \`edit\` and \`admin\` roles include it. Full admin rights are ZT-RBAC-002's.

${SYSTEM_NOTE}`,
    severityNotes: '- **high**: in every namespace (ClusterRoleBinding), which includes kube-system and the controllers\' service accounts;\n- **medium**: in one namespace (RoleBinding).',
    remediation: 'Give pod creation to the deployment pipeline only, scoped to the namespaces it deploys, and keep powerful service accounts out of namespaces where others can create pods. Enforce Pod Security Admission `restricted` on those namespaces.',
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: scaler
  namespace: shop
rules:
  - apiGroups: [apps]
    resources: [deployments/scale]
    verbs: [get, update, patch]`,
    controls: {
      'cis-k8s': ['5.1.4'],
      'nsa-cisa': ['NSA-AA-RBAC'],
      'nist-800-207': ['T6'],
      'nist-800-53': ['AC-6'],
      'pci-dss': ['7.2.2'],
    },
    tags: ['rbac', 'privilege-escalation'],
  },
  podCreate,
)
