/** A kind the cluster source lists: its API group, a fixed version for built-in kinds, and its resource name. */
export interface ScannedKind {
  /** '' for the core group */
  group: string
  /** fixed for built-in kinds; absent for custom resources, whose served version is discovered */
  version?: string
  kind: string
  /** the resource name in URLs and RBAC rules */
  plural: string
  namespaced: boolean
}

const core = (kind: string, plural: string, namespaced = true): ScannedKind => ({group: '', version: 'v1', kind, plural, namespaced})
const builtIn = (group: string, kind: string, plural: string, namespaced = true): ScannedKind => ({group, version: 'v1', kind, plural, namespaced})
const custom = (group: string, kind: string, plural: string, namespaced = true): ScannedKind => ({group, kind, plural, namespaced})

/**
 * Every kind the rules read (the union of `meta.reads`, the workload kinds included) and what the mesh,
 * ingress, RBAC and certificate rules build on. deploy/rbac.yaml grants exactly these, and a test holds
 * the two together.
 */
export const SCANNED_KINDS: readonly ScannedKind[] = [
  core('Namespace', 'namespaces', false),
  core('Pod', 'pods'),
  core('ReplicationController', 'replicationcontrollers'),
  core('Service', 'services'),
  core('ServiceAccount', 'serviceaccounts'),
  core('ConfigMap', 'configmaps'),
  core('Secret', 'secrets'),
  builtIn('apps', 'Deployment', 'deployments'),
  builtIn('apps', 'StatefulSet', 'statefulsets'),
  builtIn('apps', 'DaemonSet', 'daemonsets'),
  builtIn('apps', 'ReplicaSet', 'replicasets'),
  builtIn('batch', 'Job', 'jobs'),
  builtIn('batch', 'CronJob', 'cronjobs'),
  builtIn('networking.k8s.io', 'NetworkPolicy', 'networkpolicies'),
  builtIn('networking.k8s.io', 'Ingress', 'ingresses'),
  builtIn('networking.k8s.io', 'IngressClass', 'ingressclasses', false),
  builtIn('rbac.authorization.k8s.io', 'Role', 'roles'),
  builtIn('rbac.authorization.k8s.io', 'RoleBinding', 'rolebindings'),
  builtIn('rbac.authorization.k8s.io', 'ClusterRole', 'clusterroles', false),
  builtIn('rbac.authorization.k8s.io', 'ClusterRoleBinding', 'clusterrolebindings', false),
  builtIn('admissionregistration.k8s.io', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false),
  builtIn('admissionregistration.k8s.io', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false),
  custom('apps.openshift.io', 'DeploymentConfig', 'deploymentconfigs'),
  custom('argoproj.io', 'Rollout', 'rollouts'),
  custom('security.istio.io', 'PeerAuthentication', 'peerauthentications'),
  custom('security.istio.io', 'AuthorizationPolicy', 'authorizationpolicies'),
  custom('security.istio.io', 'RequestAuthentication', 'requestauthentications'),
  custom('networking.istio.io', 'DestinationRule', 'destinationrules'),
  custom('networking.istio.io', 'ServiceEntry', 'serviceentries'),
  custom('networking.istio.io', 'Sidecar', 'sidecars'),
  custom('networking.istio.io', 'Gateway', 'gateways'),
  custom('networking.istio.io', 'VirtualService', 'virtualservices'),
  custom('install.istio.io', 'IstioOperator', 'istiooperators'),
  custom('policy.linkerd.io', 'Server', 'servers'),
  custom('policy.linkerd.io', 'ServerAuthorization', 'serverauthorizations'),
  custom('policy.linkerd.io', 'AuthorizationPolicy', 'authorizationpolicies'),
  custom('gateway.networking.k8s.io', 'Gateway', 'gateways'),
  custom('gateway.networking.k8s.io', 'HTTPRoute', 'httproutes'),
  custom('gateway.networking.k8s.io', 'GRPCRoute', 'grpcroutes'),
  custom('gateway.networking.k8s.io', 'ReferenceGrant', 'referencegrants'),
  custom('networking.gke.io', 'FrontendConfig', 'frontendconfigs'),
  custom('cilium.io', 'CiliumNetworkPolicy', 'ciliumnetworkpolicies'),
  custom('cilium.io', 'CiliumClusterwideNetworkPolicy', 'ciliumclusterwidenetworkpolicies', false),
  custom('cert-manager.io', 'Certificate', 'certificates'),
  custom('cert-manager.io', 'Issuer', 'issuers'),
  custom('cert-manager.io', 'ClusterIssuer', 'clusterissuers', false),
]

export function describeKind(kind: Pick<ScannedKind, 'group' | 'kind'>): string {
  return kind.group ? `${kind.kind}.${kind.group}` : kind.kind
}
