// A synthetic cluster, one namespace at a time, shaped like a live `kubectl get -A` export:
// server-set fields (uid, resourceVersion, status), managedFields and last-applied annotations included,
// so parsers and scanners pay the same per-object cost they would on a real dump.

import {Rng} from './prng.js'
import {sortKeys} from './yaml-writer.js'

const TEAMS = ['payments', 'checkout', 'search', 'identity', 'catalog', 'billing', 'orders', 'shipping',
  'analytics', 'platform', 'ledger', 'notify', 'media', 'inventory', 'profile', 'reviews']
const APPS = ['api', 'web', 'worker', 'gateway', 'cache', 'queue', 'auth', 'frontend', 'backend',
  'scheduler', 'indexer', 'exporter', 'sync', 'notifier', 'renderer', 'reporter']
const STATEFUL = ['postgres', 'redis', 'kafka', 'elasticsearch', 'zookeeper', 'mongodb']
const DAEMONS = ['log-agent', 'node-exporter', 'fluent-bit', 'datadog-agent']
const JOBS = ['backup', 'cleanup', 'report', 'reindex', 'rotate-keys']
const TIERS = ['frontend', 'backend', 'data', 'batch']
const REGISTRIES = ['docker.io/library', 'gcr.io/acme-prod', 'quay.io/acme', 'ghcr.io/acme',
  '123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'registry.k8s.io', 'acme.azurecr.io/apps']
const ISTIO_VERSIONS = ['1.18.7', '1.20.8', '1.22.6', '1.24.3', '1.26.2']
const EXTERNAL_HOSTS = ['api.stripe.com', 'hooks.slack.com', 'sqs.eu-west-1.amazonaws.com', '*.googleapis.com',
  'api.github.com', '*.amazonaws.com', 'login.microsoftonline.com', 'smtp.sendgrid.net']
const BASE_TIME = Date.UTC(2025, 11, 1)
const DAY = 86400000
const RBAC = 'rbac.authorization.k8s.io'
const LIVE_SHARE = 0.7

export class Cluster {
  constructor(seed) {
    this.rng = new Rng(seed)
    this.rv = 1000000
    this.istioVersion = this.rng.pick(ISTIO_VERSIONS)
    this.nodes = Array.from({length: 64}, () => ({
      name: `ip-10-0-${this.rng.int(0, 255)}-${this.rng.int(1, 254)}.eu-west-1.compute.internal`,
      ip: this.ip('10.0'),
    }))
  }

  ip(prefix) {
    return `${prefix}.${this.rng.int(0, 255)}.${this.rng.int(1, 254)}`
  }

  time(maxDaysAgo = 400) {
    return new Date(BASE_TIME - Math.floor(this.rng.next() * maxDaysAgo * DAY)).toISOString().slice(0, 19) + 'Z'
  }

  meta(name, namespace, fields = {}) {
    this.rv += this.rng.int(1, 4000)
    const m = {name, uid: this.rng.uid(), resourceVersion: String(this.rv), creationTimestamp: this.time(), ...fields}
    if (namespace) m.namespace = namespace
    return m
  }

  /** Every object of namespace number `index`, in the order they would be created. */
  * namespace(index) {
    const ns = this.plan(index)
    yield this.namespaceObject(ns)
    yield * this.configMaps(ns)
    yield * this.serviceAccounts(ns)
    for (const w of ns.workloads) {
      yield this.live(this.workload(ns, w))
      yield * this.pods(ns, w)
      if (w.kind !== 'CronJob' && w.kind !== 'DaemonSet') yield this.live(this.service(ns, w))
    }
    yield * this.networkPolicies(ns)
    yield * this.rbac(ns)
    yield * this.istio(ns)
    if (this.rng.chance(0.5)) yield this.live(this.ingress(ns))
  }

  plan(index) {
    const rng = this.rng
    const team = TEAMS[index % TEAMS.length]
    const env = rng.weighted([['prod', 4], ['staging', 2], ['dev', 2], ['qa', 1]])
    const name = index === 0 ? 'istio-system' : `${team}-${env}-${index}`
    const ns = {name, team, env, injected: index !== 0 && rng.chance(0.7), workloads: []}
    const apps = new Set()
    const add = (kind, pool) => {
      let app = rng.pick(pool)
      while (apps.has(app)) app = `${rng.pick(pool)}-${rng.suffix(3)}`
      apps.add(app)
      ns.workloads.push(this.describe(ns, kind, app))
    }
    if (index === 0) {
      ns.workloads.push(this.describe(ns, 'Deployment', 'istiod'), this.describe(ns, 'Deployment', 'istio-ingressgateway'))
      return ns
    }
    for (let i = rng.int(2, 4); i > 0; i--) add('Deployment', APPS)
    if (rng.chance(0.35)) add('StatefulSet', STATEFUL)
    if (rng.chance(0.1)) add('DaemonSet', DAEMONS)
    if (rng.chance(0.4)) add('CronJob', JOBS)
    return ns
  }

  describe(ns, kind, app) {
    const rng = this.rng
    const istio = app.startsWith('istio')
    const tier = kind === 'CronJob' ? 'batch' : kind === 'StatefulSet' ? 'data' : rng.pick(TIERS)
    const version = `v${rng.int(1, 4)}.${rng.int(0, 20)}.${rng.int(0, 9)}`
    const tag = rng.weighted([[version, 8], ['latest', 1], [`${version}@sha256:${rng.hex(64)}`, 1]])
    const image = istio
      ? `docker.io/istio/${app === 'istiod' ? 'pilot' : 'proxyv2'}:${this.istioVersion}`
      : `${rng.pick(REGISTRIES)}/${app}:${tag}`
    const ports = [{name: 'http', containerPort: rng.pick([8080, 8000, 3000, 9000])}]
    if (rng.chance(0.3)) ports.push({name: 'grpc', containerPort: 9090})
    if (rng.chance(0.5)) ports.push({name: 'metrics', containerPort: 9102})
    const replicas = kind === 'DaemonSet' ? rng.int(1, 2) : kind === 'CronJob' ? 0 : rng.weighted([[1, 5], [2, 3], [3, 2]])
    return {kind, name: app, app, tier, version, image, ports, replicas, hash: rng.suffix(10), sa: app,
      uid: rng.uid(), rsUid: rng.uid()}
  }

  /**
   * Adds what `kubectl apply` and the API server leave on a live object. Pods are created by controllers, not
   * applied, so they never get it; the other kinds get it often enough that about half of all objects carry it.
   */
  live(obj) {
    if (!this.rng.chance(LIVE_SHARE)) return obj
    const {metadata, status, ...content} = obj
    const applied = {...content, metadata: {name: metadata.name, namespace: metadata.namespace}}
    if (metadata.labels) applied.metadata.labels = metadata.labels
    if (metadata.annotations) applied.metadata.annotations = metadata.annotations
    metadata.annotations = {
      ...metadata.annotations,
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(sortKeys(applied)) + '\n',
    }
    const fields = {...applied}
    delete fields.apiVersion
    delete fields.kind
    metadata.managedFields = [{
      apiVersion: obj.apiVersion,
      fieldsType: 'FieldsV1',
      fieldsV1: managed({...fields, metadata: {...fields.metadata, annotations: metadata.annotations}}),
      manager: 'kubectl-client-side-apply',
      operation: 'Update',
      time: metadata.creationTimestamp,
    }]
    if (status && Object.keys(status).length > 0) {
      metadata.managedFields.push({
        apiVersion: obj.apiVersion,
        fieldsType: 'FieldsV1',
        fieldsV1: {'f:status': managed(status, 2)},
        manager: obj.kind === 'Pod' ? 'kubelet' : 'kube-controller-manager',
        operation: 'Update',
        subresource: 'status',
        time: this.time(30),
      })
    }
    return obj
  }

  namespaceObject(ns) {
    const labels = {'kubernetes.io/metadata.name': ns.name, team: ns.team, env: ns.env}
    if (ns.injected) labels['istio-injection'] = 'enabled'
    if (this.rng.chance(0.3)) labels['pod-security.kubernetes.io/enforce'] = this.rng.pick(['restricted', 'baseline'])
    return this.live({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: this.meta(ns.name, undefined, {labels}),
      spec: {finalizers: ['kubernetes']},
      status: {phase: 'Active'},
    })
  }

  * configMaps(ns) {
    yield this.configMap(ns, 'kube-root-ca.crt', {'ca.crt': pem(this.rng)}, {})
    if (ns.injected) {
      yield this.configMap(ns, 'istio-ca-root-cert', {'root-cert.pem': pem(this.rng)}, {'istio.io/config': 'true'})
    }
    for (const w of ns.workloads) {
      if (w.kind === 'DaemonSet' || !this.rng.chance(0.6)) continue
      const data = {
        LOG_LEVEL: this.rng.pick(['info', 'debug', 'warn']),
        'application.yaml': `server:\n  port: ${w.ports[0].containerPort}\nfeatures:\n  cache: ${this.rng.chance(0.5)}\n  tracing: true\n`,
      }
      yield this.live(this.configMap(ns, `${w.app}-config`, data, {app: w.app}))
    }
  }

  configMap(ns, name, data, labels) {
    const metadata = this.meta(name, ns.name)
    if (Object.keys(labels).length > 0) metadata.labels = labels
    return {apiVersion: 'v1', kind: 'ConfigMap', metadata, data}
  }

  * serviceAccounts(ns) {
    yield {apiVersion: 'v1', kind: 'ServiceAccount', metadata: this.meta('default', ns.name)}
    for (const w of ns.workloads) {
      const metadata = this.meta(w.sa, ns.name, {labels: {app: w.app}})
      if (this.rng.chance(0.2)) {
        metadata.annotations = {'eks.amazonaws.com/role-arn': `arn:aws:iam::123456789012:role/${ns.name}-${w.app}`}
      }
      const sa = {apiVersion: 'v1', kind: 'ServiceAccount', metadata}
      if (this.rng.chance(0.3)) sa.automountServiceAccountToken = false
      yield this.live(sa)
    }
  }

  podLabels(w) {
    return {app: w.app, tier: w.tier, version: w.version, 'app.kubernetes.io/name': w.app}
  }

  container(w) {
    const rng = this.rng
    const port = w.ports[0].containerPort
    const probe = (path, delay) => ({
      httpGet: {path, port: 'http', scheme: 'HTTP'},
      initialDelaySeconds: delay, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3,
    })
    const c = {
      name: w.app,
      image: w.image,
      imagePullPolicy: w.image.endsWith(':latest') ? 'Always' : 'IfNotPresent',
      ports: w.ports.map((p) => ({name: p.name, containerPort: p.containerPort, protocol: 'TCP'})),
      env: [{name: 'PORT', value: String(port)}],
      resources: {
        limits: {cpu: rng.pick(['500m', '1', '2']), memory: rng.pick(['256Mi', '512Mi', '1Gi'])},
        requests: {cpu: rng.pick(['50m', '100m', '250m']), memory: rng.pick(['64Mi', '128Mi', '256Mi'])},
      },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    }
    if (w.kind !== 'CronJob') {
      c.livenessProbe = probe('/healthz', 10)
      c.readinessProbe = probe('/ready', 5)
    }
    const hardened = rng.chance(0.8)
    c.securityContext = hardened
      ? {allowPrivilegeEscalation: false, capabilities: {drop: ['ALL']}, readOnlyRootFilesystem: true,
          runAsNonRoot: true, runAsUser: 10001}
      : rng.pick([{privileged: true}, {runAsUser: 0}, {allowPrivilegeEscalation: true}])
    return c
  }

  podSpec(w, restartPolicy = 'Always') {
    return {
      containers: [this.container(w)],
      dnsPolicy: 'ClusterFirst',
      restartPolicy,
      schedulerName: 'default-scheduler',
      securityContext: {fsGroup: 10001, seccompProfile: {type: 'RuntimeDefault'}},
      serviceAccountName: w.sa,
      terminationGracePeriodSeconds: 30,
    }
  }

  template(w, restartPolicy) {
    const annotations = {'prometheus.io/scrape': 'true', 'prometheus.io/port': '9102'}
    return {metadata: {labels: this.podLabels(w), annotations}, spec: this.podSpec(w, restartPolicy)}
  }

  workload(ns, w) {
    const metadata = this.meta(w.name, ns.name, {uid: w.uid, generation: this.rng.int(1, 12), labels: {app: w.app, tier: w.tier}})
    const selector = {matchLabels: {app: w.app}}
    const ready = {availableReplicas: w.replicas, readyReplicas: w.replicas, replicas: w.replicas}
    switch (w.kind) {
      case 'Deployment':
        metadata.annotations = {'deployment.kubernetes.io/revision': String(this.rng.int(1, 30))}
        return {
          apiVersion: 'apps/v1', kind: 'Deployment', metadata,
          spec: {
            progressDeadlineSeconds: 600, replicas: w.replicas, revisionHistoryLimit: 10, selector,
            strategy: {rollingUpdate: {maxSurge: '25%', maxUnavailable: '25%'}, type: 'RollingUpdate'},
            template: this.template(w),
          },
          status: {...ready, conditions: this.conditions(['Available', 'Progressing']),
            observedGeneration: metadata.generation, updatedReplicas: w.replicas},
        }
      case 'StatefulSet':
        return {
          apiVersion: 'apps/v1', kind: 'StatefulSet', metadata,
          spec: {
            podManagementPolicy: 'OrderedReady', replicas: w.replicas, selector, serviceName: w.name,
            template: this.template(w),
            updateStrategy: {rollingUpdate: {partition: 0}, type: 'RollingUpdate'},
            volumeClaimTemplates: [{
              apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'data'},
              spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '20Gi'}}, storageClassName: 'gp3'},
            }],
          },
          status: {...ready, currentReplicas: w.replicas, observedGeneration: metadata.generation},
        }
      case 'DaemonSet':
        return {
          apiVersion: 'apps/v1', kind: 'DaemonSet', metadata,
          spec: {revisionHistoryLimit: 10, selector, template: this.template(w),
            updateStrategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 1}, type: 'RollingUpdate'}},
          status: {currentNumberScheduled: w.replicas, desiredNumberScheduled: w.replicas, numberAvailable: w.replicas,
            numberMisscheduled: 0, numberReady: w.replicas, observedGeneration: metadata.generation},
        }
      default:
        return {
          apiVersion: 'batch/v1', kind: 'CronJob', metadata,
          spec: {
            concurrencyPolicy: 'Forbid', failedJobsHistoryLimit: 1,
            jobTemplate: {spec: {backoffLimit: 3, template: this.template(w, 'OnFailure')}},
            schedule: this.rng.pick(['*/15 * * * *', '0 2 * * *', '30 3 * * 0', '0 * * * *']),
            successfulJobsHistoryLimit: 3, suspend: false,
          },
          status: {lastScheduleTime: this.time(1)},
        }
    }
  }

  conditions(types) {
    const t = this.time(60)
    return types.map((type) => ({lastTransitionTime: t, lastUpdateTime: t, status: 'True', type}))
  }

  * pods(ns, w) {
    if (w.kind === 'CronJob') return
    for (let i = 0; i < w.replicas; i++) yield this.pod(ns, w, i)
  }

  pod(ns, w, i) {
    const rng = this.rng
    const owner = {
      Deployment: ['ReplicaSet', `${w.name}-${w.hash}`, w.rsUid],
      StatefulSet: ['StatefulSet', w.name, w.uid],
      DaemonSet: ['DaemonSet', w.name, w.uid],
    }[w.kind]
    const name = w.kind === 'StatefulSet' ? `${w.name}-${i}` : `${owner[1]}-${rng.suffix(5)}`
    const labels = {...this.podLabels(w)}
    if (w.kind === 'Deployment') labels['pod-template-hash'] = w.hash
    const metadata = this.meta(name, ns.name, {
      generateName: w.kind === 'StatefulSet' ? `${w.name}-` : `${owner[1]}-`,
      labels,
      ownerReferences: [{apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: owner[0],
        name: owner[1], uid: owner[2]}],
    })
    const node = rng.pick(this.nodes)
    const spec = {...this.podSpec(w), enableServiceLinks: true, nodeName: node.name, preemptionPolicy: 'PreemptLowerPriority',
      priority: 0, tolerations: tolerations()}
    const token = `kube-api-access-${rng.suffix(5)}`
    spec.containers[0].volumeMounts = [{mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: token, readOnly: true}]
    spec.volumes = [{name: token, projected: {defaultMode: 420, sources: [
      {serviceAccountToken: {expirationSeconds: 3607, path: 'token'}},
      {configMap: {items: [{key: 'ca.crt', path: 'ca.crt'}], name: 'kube-root-ca.crt'}},
    ]}}]
    if (ns.injected) this.inject(metadata, spec)
    const podIP = this.ip('10.244')
    const started = this.time(30)
    return {
      apiVersion: 'v1', kind: 'Pod', metadata, spec,
      status: {
        conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled']
          .map((type) => ({lastProbeTime: null, lastTransitionTime: started, status: 'True', type})),
        containerStatuses: spec.containers.map((c) => ({
          containerID: `containerd://${rng.hex(64)}`, image: c.image, imageID: `${c.image.split(/[:@]/)[0]}@sha256:${rng.hex(64)}`,
          lastState: {}, name: c.name, ready: true, restartCount: rng.weighted([[0, 8], [1, 1], [rng.int(2, 40), 1]]),
          started: true, state: {running: {startedAt: started}},
        })),
        hostIP: node.ip, hostIPs: [{ip: node.ip}], phase: 'Running', podIP, podIPs: [{ip: podIP}],
        qosClass: 'Burstable', startTime: started,
      },
    }
  }

  // What the Istio sidecar injector adds to a pod in an `istio-injection: enabled` namespace.
  inject(metadata, spec) {
    const image = `docker.io/istio/proxyv2:${this.istioVersion}`
    metadata.labels['security.istio.io/tlsMode'] = 'istio'
    metadata.labels['service.istio.io/canonical-name'] = metadata.labels.app
    metadata.annotations = {
      'kubectl.kubernetes.io/default-container': metadata.labels.app,
      'sidecar.istio.io/status': '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy","istio-token","istiod-ca-cert"],"imagePullSecrets":null}',
    }
    spec.initContainers = [{
      name: 'istio-init', image, imagePullPolicy: 'IfNotPresent',
      args: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020'],
      resources: {limits: {cpu: '2', memory: '1Gi'}, requests: {cpu: '100m', memory: '128Mi'}},
      securityContext: {allowPrivilegeEscalation: false, capabilities: {add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL']},
        privileged: false, readOnlyRootFilesystem: false, runAsGroup: 0, runAsNonRoot: false, runAsUser: 0},
    }]
    spec.containers.push({
      name: 'istio-proxy', image,
      args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local'],
      env: [
        {name: 'CA_ADDR', value: 'istiod.istio-system.svc:15012'},
        {name: 'POD_NAMESPACE', valueFrom: {fieldRef: {apiVersion: 'v1', fieldPath: 'metadata.namespace'}}},
      ],
      ports: [{containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP'}],
      readinessProbe: {failureThreshold: 4, httpGet: {path: '/healthz/ready', port: 15021, scheme: 'HTTP'}, periodSeconds: 15, timeoutSeconds: 3},
      resources: {limits: {cpu: '2', memory: '1Gi'}, requests: {cpu: '100m', memory: '128Mi'}},
      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: ['ALL']}, readOnlyRootFilesystem: true,
        runAsGroup: 1337, runAsNonRoot: true, runAsUser: 1337},
      volumeMounts: [
        {mountPath: '/var/run/secrets/istio', name: 'istiod-ca-cert'},
        {mountPath: '/etc/istio/proxy', name: 'istio-envoy'},
        {mountPath: '/var/run/secrets/tokens', name: 'istio-token'},
      ],
    })
    spec.volumes.push(
      {emptyDir: {medium: 'Memory'}, name: 'istio-envoy'},
      {name: 'istio-token', projected: {defaultMode: 420, sources: [{serviceAccountToken: {audience: 'istio-ca', expirationSeconds: 43200, path: 'istio-token'}}]}},
      {configMap: {defaultMode: 420, name: 'istio-ca-root-cert'}, name: 'istiod-ca-cert'},
    )
  }

  service(ns, w) {
    const rng = this.rng
    const headless = w.kind === 'StatefulSet'
    const type = headless ? 'ClusterIP' : rng.weighted([['ClusterIP', 17], ['LoadBalancer', 2], ['NodePort', 1]])
    const clusterIP = headless ? 'None' : this.ip('172.20')
    const ports = w.ports.map((p) => ({name: p.name, port: p.name === 'http' ? 80 : p.containerPort, protocol: 'TCP', targetPort: p.name}))
    if (type !== 'ClusterIP') ports.forEach((p) => { p.nodePort = rng.int(30000, 32767) })
    const spec = {clusterIP, clusterIPs: [clusterIP], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack', ports, selector: {app: w.app}, sessionAffinity: 'None', type}
    if (type !== 'ClusterIP') spec.externalTrafficPolicy = 'Cluster'
    const status = {loadBalancer: type === 'LoadBalancer' ? {ingress: [{hostname: `a${rng.hex(31)}.elb.eu-west-1.amazonaws.com`}]} : {}}
    return {apiVersion: 'v1', kind: 'Service', metadata: this.meta(w.name, ns.name, {labels: {app: w.app}}), spec, status}
  }

  networkPolicy(ns, name, spec) {
    return this.live({apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
      metadata: this.meta(name, ns.name, {generation: 1}), spec})
  }

  * networkPolicies(ns) {
    const rng = this.rng
    if (rng.chance(0.8)) {
      const types = rng.chance(0.25) ? ['Ingress'] : ['Ingress', 'Egress']
      yield this.networkPolicy(ns, 'default-deny', {podSelector: {}, policyTypes: types})
    }
    const served = ns.workloads.filter((w) => w.kind !== 'CronJob')
    for (let i = rng.int(0, 3); i > 0; i--) {
      const w = rng.pick(served)
      const [name, spec] = this.allowPolicy(ns, w)
      yield this.networkPolicy(ns, `${name}-${w.app}`, spec)
    }
  }

  allowPolicy(ns, w) {
    const rng = this.rng
    const podSelector = {matchLabels: {app: w.app}}
    const port = [{port: w.ports[0].name, protocol: 'TCP'}]
    switch (rng.int(0, 6)) {
      case 0:
        return ['allow-frontend', {podSelector, policyTypes: ['Ingress'],
          ingress: [{from: [{podSelector: {matchLabels: {tier: 'frontend'}}}], ports: port}]}]
      case 1:
        return ['allow-team', {podSelector, policyTypes: ['Ingress'], ingress: [{from: [{
          namespaceSelector: {matchExpressions: [{key: 'env', operator: 'In', values: ['prod', 'staging']}], matchLabels: {team: ns.team}},
          podSelector: {matchExpressions: [{key: 'tier', operator: 'NotIn', values: ['batch']}]},
        }], ports: port}]}]
      case 2:
        return ['allow-ingress-nginx', {podSelector, policyTypes: ['Ingress'], ingress: [{from: [
          {namespaceSelector: {matchLabels: {'kubernetes.io/metadata.name': 'ingress-nginx'}}},
        ]}]}]
      case 3:
        return ['allow-vpc', {podSelector, policyTypes: ['Ingress'], ingress: [{from: [
          {ipBlock: {cidr: '10.0.0.0/8', except: ['10.96.0.0/12', '10.244.0.0/16']}},
        ], ports: port}]}]
      case 4:
        return ['allow-dns', {podSelector: {}, policyTypes: ['Egress'], egress: [{
          ports: [{port: 53, protocol: 'UDP'}, {port: 53, protocol: 'TCP'}],
          to: [{namespaceSelector: {}, podSelector: {matchLabels: {'k8s-app': 'kube-dns'}}}],
        }]}]
      case 5:
        return ['allow-all-egress', {podSelector, policyTypes: ['Egress'], egress: [{}]}]
      default:
        return ['allow-internet', {podSelector, policyTypes: ['Egress'], egress: [{to: [
          {ipBlock: {cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '10.0.0.0/8']}},
        ], ports: [{port: 443, protocol: 'TCP'}]}]}]
    }
  }

  * rbac(ns) {
    const rng = this.rng
    for (let i = rng.int(1, 2); i > 0; i--) {
      const w = rng.pick(ns.workloads)
      const name = `${w.app}-${rng.pick(['reader', 'operator', 'leader-election'])}`
      const rules = rng.chance(0.1)
        ? [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]
        : [{apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'list', 'watch']},
            {apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update']}]
      yield this.live({apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: this.meta(name, ns.name), rules})
      yield this.live(this.binding('RoleBinding', ns, name, 'Role', name, w))
    }
    if (rng.chance(0.4)) {
      const group = [{apiGroup: RBAC, kind: 'Group', name: `${ns.team}-developers`}]
      yield this.live({...this.binding('RoleBinding', ns, `${ns.team}-edit`, 'ClusterRole', 'edit'), subjects: group})
    }
    if (rng.chance(0.3)) {
      const w = rng.pick(ns.workloads)
      const name = `${ns.name}:${w.app}`
      const admin = rng.chance(0.2)
      const rules = admin
        ? [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}, {nonResourceURLs: ['*'], verbs: ['*']}]
        : [{apiGroups: [''], resources: ['namespaces', 'nodes', 'pods'], verbs: ['get', 'list', 'watch']}]
      yield this.live({apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: this.meta(name), rules})
      yield this.live(this.binding('ClusterRoleBinding', null, name, 'ClusterRole', rng.chance(0.5) && admin ? 'cluster-admin' : name, w, ns))
    }
  }

  binding(kind, ns, name, roleKind, roleName, w, subjectNs = ns) {
    const subjects = w ? [{kind: 'ServiceAccount', name: w.sa, namespace: subjectNs.name}] : []
    return {apiVersion: `${RBAC}/v1`, kind, metadata: this.meta(name, ns?.name),
      roleRef: {apiGroup: RBAC, kind: roleKind, name: roleName}, subjects}
  }

  istioObject(apiVersion, kind, ns, name, spec) {
    return this.live({apiVersion, kind, metadata: this.meta(name, ns.name, {generation: 1}), spec})
  }

  * istio(ns) {
    const rng = this.rng
    if (ns.name === 'istio-system') {
      yield this.istioObject('security.istio.io/v1', 'PeerAuthentication', ns, 'default', {mtls: {mode: rng.pick(['STRICT', 'PERMISSIVE'])}})
      return
    }
    const served = ns.workloads.filter((w) => w.kind !== 'CronJob')
    if (ns.injected && rng.chance(0.7)) {
      const mode = rng.weighted([['STRICT', 6], ['PERMISSIVE', 3], ['DISABLE', 1]])
      yield this.istioObject('security.istio.io/v1beta1', 'PeerAuthentication', ns, 'default', {mtls: {mode}})
      if (rng.chance(0.2)) {
        const w = rng.pick(served)
        yield this.istioObject('security.istio.io/v1beta1', 'PeerAuthentication', ns, `${w.app}-metrics`, {
          selector: {matchLabels: {app: w.app}}, mtls: {mode: 'STRICT'},
          portLevelMtls: {[w.ports[w.ports.length - 1].containerPort]: {mode: rng.pick(['DISABLE', 'PERMISSIVE'])}},
        })
      }
    }
    if (rng.chance(0.6)) {
      const w = rng.pick(served)
      yield this.istioObject('networking.istio.io/v1beta1', 'DestinationRule', ns, w.app, {
        host: `${w.app}.${ns.name}.svc.cluster.local`,
        trafficPolicy: {
          connectionPool: {http: {http1MaxPendingRequests: 1024, maxRequestsPerConnection: 100}, tcp: {maxConnections: 1000}},
          outlierDetection: {baseEjectionTime: '30s', consecutive5xxErrors: 5, interval: '10s'},
          tls: {mode: rng.weighted([['ISTIO_MUTUAL', 6], ['DISABLE', 2], ['SIMPLE', 1]])},
        },
      })
    }
    for (let i = ns.injected ? rng.int(0, 2) : 0; i > 0; i--) {
      yield this.authorizationPolicy(ns, rng.pick(served))
    }
    if (rng.chance(0.3)) {
      const host = rng.pick(EXTERNAL_HOSTS)
      yield this.istioObject('networking.istio.io/v1beta1', 'ServiceEntry', ns, host.replace('*.', 'any.').replaceAll('.', '-'), {
        hosts: [host], location: 'MESH_EXTERNAL', ports: [{name: 'https', number: 443, protocol: 'TLS'}],
        resolution: host.startsWith('*') ? 'NONE' : 'DNS',
      })
    }
  }

  authorizationPolicy(ns, w) {
    const rng = this.rng
    const kind = rng.weighted([['scoped', 7], ['allow-all', 1.5], ['deny-all', 1.5]])
    const selector = {matchLabels: {app: w.app}}
    const spec = kind === 'deny-all'
      ? {}
      : kind === 'allow-all'
        ? {action: 'ALLOW', rules: [{}], selector}
        : {action: 'ALLOW', selector, rules: [{
            from: [{source: {principals: [`cluster.local/ns/${ns.name}/sa/${rng.pick(ns.workloads).sa}`]}}],
            to: [{operation: {methods: ['GET', 'POST'], paths: ['/api/*']}}],
          }]}
    return this.istioObject('security.istio.io/v1', 'AuthorizationPolicy', ns, `${w.app}-${kind}`, spec)
  }

  ingress(ns) {
    const rng = this.rng
    const w = rng.pick(ns.workloads.filter((x) => x.kind === 'Deployment'))
    const host = `${w.app}.${ns.name}.example.com`
    const spec = {
      ingressClassName: 'nginx',
      rules: [{host, http: {paths: [{backend: {service: {name: w.name, port: {name: 'http'}}}, path: '/', pathType: 'Prefix'}]}}],
    }
    const annotations = {'nginx.ingress.kubernetes.io/proxy-body-size': '8m'}
    if (rng.chance(0.75)) {
      spec.tls = [{hosts: [host], secretName: `${w.app}-tls`}]
      annotations['cert-manager.io/cluster-issuer'] = 'letsencrypt-prod'
    }
    return {apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
      metadata: this.meta(w.name, ns.name, {annotations, generation: 1}), spec,
      status: {loadBalancer: {ingress: [{hostname: `k8s-ingress-${rng.hex(10)}.elb.eu-west-1.amazonaws.com`}]}}}
  }
}

function tolerations() {
  return ['not-ready', 'unreachable'].map((t) => ({
    effect: 'NoExecute', key: `node.kubernetes.io/${t}`, operator: 'Exists', tolerationSeconds: 300,
  }))
}

function pem(rng) {
  const lines = Array.from({length: 8}, () => rng.chars(64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'))
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`
}

// The FieldsV1 set of a value: `f:` per map key, `k:` per keyed list entry, `.` for a map that is set.
function managed(value, depth = 8) {
  if (depth === 0 || value === null || typeof value !== 'object') return {}
  if (Array.isArray(value)) {
    const out = {}
    for (const item of value) {
      const key = listKey(item)
      if (!key) return {}
      out[`k:${key}`] = {'.': {}, ...managed(item, depth - 1)}
    }
    return out
  }
  const out = {}
  for (const key of Object.keys(value)) out[`f:${key}`] = managed(value[key], depth - 1)
  return out
}

function listKey(item) {
  if (item === null || typeof item !== 'object') return undefined
  if ('containerPort' in item) return JSON.stringify({containerPort: item.containerPort, protocol: item.protocol})
  if ('port' in item && 'protocol' in item && !('name' in item)) return JSON.stringify({port: item.port, protocol: item.protocol})
  if ('name' in item) return JSON.stringify({name: item.name})
  if ('type' in item) return JSON.stringify({type: item.type})
  return undefined
}
