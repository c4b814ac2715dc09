// ingress-nginx controllers and the ConfigMap each reads its global settings from: the one named by the
// controller's `--configmap` argument, else the names the Helm chart and the static manifests use.
import type {Resource} from '../../model/resource.js'
import {asArray, asRecord} from '../../util/guards.js'
import type {ServiceView, WorkloadView} from '../views.js'
import {exposureOf} from './exposure.js'
import type {NginxConfigView, NginxSetting} from './views.js'

/** ConfigMap defaults of the controller (docs/user-guide/nginx-configuration/configmap.md). */
export const NGINX_DEFAULTS: Readonly<Record<string, string>> = {
  'ssl-protocols': 'TLSv1.2 TLSv1.3',
  'ssl-ciphers':
    'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384',
  'ssl-redirect': 'true',
  'force-ssl-redirect': 'false',
  hsts: 'true',
}

// the community controller's images and entrypoint; NGINX Inc's controller (nginx/nginx-ingress) is another product
const CONTROLLER_IMAGE = /(^|\/)(ingress-nginx\/controller|nginx-ingress-controller|ingress-nginx-controller)([:@]|$)/
const CONTROLLER_BINARY = '/nginx-ingress-controller'
const STANDARD_NAMES = ['ingress-nginx-controller', 'nginx-configuration']

interface ControllerArgs {
  configMap?: {namespace: string; name: string}
  ingressClass?: string
  controllerClass?: string
}

function isController(workload: WorkloadView): boolean {
  return workload.containers.some((c) => {
    if (CONTROLLER_IMAGE.test(c.image)) return true
    const spec = asRecord(workload.podSpec)
    const raw = asArray(spec[c.kind === 'container' ? 'containers' : 'initContainers']).map(asRecord).find((r) => r.name === c.name)
    return [...asArray(raw?.command), ...asArray(raw?.args)].some((a) => a === CONTROLLER_BINARY)
  })
}

/** `$(VAR)` from the container's env: literal values, and metadata.namespace through the downward API. */
function expand(value: string, env: Record<string, unknown>[], namespace: string): string {
  return value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => {
    const entry = env.find((e) => e.name === name)
    if (typeof entry?.value === 'string') return entry.value
    if (asRecord(asRecord(entry?.valueFrom).fieldRef).fieldPath === 'metadata.namespace' || name === 'POD_NAMESPACE') return namespace
    return whole
  })
}

function argsOf(workload: WorkloadView): ControllerArgs {
  const result: ControllerArgs = {}
  for (const raw of asArray(asRecord(workload.podSpec).containers).map(asRecord)) {
    const env = asArray(raw.env).map(asRecord)
    const args = [...asArray(raw.command), ...asArray(raw.args)].filter((a): a is string => typeof a === 'string')
    args.forEach((arg, i) => {
      const match = /^--?([a-z-]+)(?:=(.*))?$/.exec(arg)
      if (!match) return
      const value = match[2] ?? (args[i + 1]?.startsWith('-') ? undefined : args[i + 1])
      if (value === undefined) return
      const expanded = expand(value, env, workload.namespace)
      if (match[1] === 'configmap') {
        const [namespace, name] = expanded.includes('/') ? expanded.split('/', 2) : [workload.namespace, expanded]
        result.configMap = {namespace, name}
      } else if (match[1] === 'ingress-class') result.ingressClass = expanded
      else if (match[1] === 'controller-class') result.controllerClass = expanded
    })
  }
  return result
}

function makeView(
  configMap: Resource | undefined,
  controllers: WorkloadView[],
  args: ControllerArgs,
  services: readonly ServiceView[],
): NginxConfigView {
  const resource = configMap ?? controllers[0].resource
  const data = asRecord(configMap?.object.data)
  return {
    type: 'nginx-config',
    ref: resource.ref,
    resource,
    name: resource.ref.name,
    namespace: resource.ref.namespace ?? 'default',
    ...(configMap ? {configMap} : {}),
    controllers,
    ingressClass: args.ingressClass ?? 'nginx',
    controllerClass: args.controllerClass ?? 'k8s.io/ingress-nginx',
    exposure: exposureOf(controllers, services),
    setting(key: string): NginxSetting {
      const value = data[key]
      // ConfigMap values are strings; YAML may have read an unquoted one as a number or boolean
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return {value: String(value), explicit: true, path: ['data', key]}
      return {value: NGINX_DEFAULTS[key] ?? '', explicit: false, path: configMap ? ['data'] : []}
    },
  }
}

/**
 * One view per ingress-nginx controller configuration: each controller with the ConfigMap it reads, and
 * ConfigMaps that carry a standard controller name without a controller in the input.
 */
export function buildNginxConfigs(
  workloads: readonly WorkloadView[],
  configMaps: readonly Resource[],
  services: readonly ServiceView[],
): NginxConfigView[] {
  const find = (namespace: string, name: string): Resource | undefined => configMaps.find((c) => c.ref.namespace === namespace && c.ref.name === name)
  const byConfig = new Map<Resource | string, {configMap?: Resource; controllers: WorkloadView[]; args: ControllerArgs}>()
  for (const workload of workloads.filter(isController)) {
    const args = argsOf(workload)
    const named = args.configMap ? find(args.configMap.namespace, args.configMap.name) : undefined
    const configMap = named ?? (args.configMap ? undefined : [workload.name, ...STANDARD_NAMES].map((n) => find(workload.namespace, n)).find(Boolean))
    // controllers sharing a ConfigMap are one configuration
    const key = configMap ?? `${workload.namespace}/${workload.name}`
    const entry = byConfig.get(key)
    if (entry) entry.controllers.push(workload)
    else byConfig.set(key, {...(configMap ? {configMap} : {}), controllers: [workload], args})
  }
  const views = [...byConfig.values()].map((e) => makeView(e.configMap, e.controllers, e.args, services))
  const claimed = new Set(views.map((v) => v.configMap))
  for (const configMap of configMaps) {
    if (claimed.has(configMap)) continue
    const name = configMap.ref.name
    if (STANDARD_NAMES.includes(name) || name.endsWith('-ingress-nginx-controller')) views.push(makeView(configMap, [], {}, services))
  }
  return views
}
