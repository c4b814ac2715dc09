// Kinds that live outside namespaces. Everything else is namespaced: a namespaced object written without
// `metadata.namespace` lands in `default` when applied, and zt-audit reads it that way.
const CLUSTER_SCOPED = new Set([
  'APIService',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'CertificateSigningRequest',
  'CiliumClusterwideNetworkPolicy',
  'ClusterIssuer',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterTrustBundle',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'GatewayClass',
  'GlobalNetworkPolicy',
  'GlobalNetworkSet',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'SecurityContextConstraints',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
])

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind)
}
