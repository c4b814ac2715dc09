import {existsSync} from 'node:fs'
import {isIPv6} from 'node:net'
import path from 'node:path'
import {KubeConfig} from '@kubernetes/client-node'
import {UserError} from '../../errors.js'

/** Where a pod's service-account credentials are mounted. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount'

export interface CredentialOptions {
  kubeconfig?: string
  context?: string
  env: NodeJS.ProcessEnv
  serviceAccountDir: string
}

/** A kubeconfig narrowed to one context: what every request authenticates with. */
export interface Connection {
  kubeConfig: KubeConfig
  context: string
  server: string
  /** how the credentials were found, for messages */
  from: string
}

const NOTHING_TO_SCAN =
  'no cluster to scan: no kubeconfig was found ($KUBECONFIG is not set and ~/.kube/config does not exist) and zt-audit is not running in a pod. ' +
  'Pass --kubeconfig FILE [--context NAME] to scan a live cluster, or --manifests PATH to scan a dump (e.g. the output of `kubectl get -A -o yaml`).'

function readKubeconfigFile(kubeConfig: KubeConfig, file: string): void {
  if (!existsSync(file)) throw new UserError(`kubeconfig ${file} does not exist`)
  try {
    kubeConfig.loadFromFile(file)
  } catch (error) {
    throw new UserError(`cannot read kubeconfig ${file}: ${(error as Error).message}`)
  }
}

/** $KUBECONFIG is a list; as kubectl does, the first file to name a cluster, user or context wins. */
function loadKubeconfigList(files: string[]): KubeConfig {
  const merged = new KubeConfig()
  for (const file of files) {
    const one = new KubeConfig()
    readKubeconfigFile(one, file)
    if (!merged.getCurrentContext() && one.getCurrentContext()) merged.setCurrentContext(one.getCurrentContext())
    for (const cluster of one.getClusters()) if (!merged.getCluster(cluster.name)) merged.addCluster(cluster)
    for (const user of one.getUsers()) if (!merged.getUser(user.name)) merged.addUser(user)
    for (const context of one.getContexts()) if (!merged.getContextObject(context.name)) merged.addContext(context)
  }
  return merged
}

function inPod(options: CredentialOptions): boolean {
  const {KUBERNETES_SERVICE_HOST: host, KUBERNETES_SERVICE_PORT: port} = options.env
  return Boolean(host && port) && existsSync(path.join(options.serviceAccountDir, 'token'))
}

/**
 * What KubeConfig.loadFromCluster builds, but from the given environment and mount point. The token is
 * read through client-node's file authenticator, which re-reads it as the kubelet rotates it.
 */
function inClusterConfig(options: CredentialOptions): KubeConfig {
  const host = options.env.KUBERNETES_SERVICE_HOST ?? ''
  const port = options.env.KUBERNETES_SERVICE_PORT ?? ''
  const server = `https://${isIPv6(host) ? `[${host}]` : host}:${port}`
  const kubeConfig = new KubeConfig()
  kubeConfig.loadFromOptions({
    clusters: [{name: 'in-cluster', server, caFile: path.join(options.serviceAccountDir, 'ca.crt'), skipTLSVerify: false}],
    users: [{name: 'service-account', authProvider: {name: 'tokenFile', config: {tokenFile: path.join(options.serviceAccountDir, 'token')}}}],
    contexts: [{name: 'in-cluster', cluster: 'in-cluster', user: 'service-account'}],
    currentContext: 'in-cluster',
  })
  return kubeConfig
}

function homeKubeconfig(env: NodeJS.ProcessEnv): string | undefined {
  const home = env.HOME ?? env.USERPROFILE
  if (!home) return undefined
  const file = path.join(home, '.kube', 'config')
  return existsSync(file) ? file : undefined
}

/**
 * Finds the credentials as the command-line contract orders them: --kubeconfig; with neither --kubeconfig
 * nor --context, the pod's service account when running in one; then $KUBECONFIG, then ~/.kube/config.
 */
function loadKubeConfig(options: CredentialOptions): {kubeConfig: KubeConfig; from: string} {
  if (options.kubeconfig) {
    const kubeConfig = new KubeConfig()
    readKubeconfigFile(kubeConfig, options.kubeconfig)
    return {kubeConfig, from: options.kubeconfig}
  }
  if (!options.context && inPod(options)) return {kubeConfig: inClusterConfig(options), from: 'the pod service account'}
  const listed = (options.env.KUBECONFIG ?? '').split(path.delimiter).filter((file) => file !== '')
  if (listed.length > 0) {
    const existing = listed.filter((file) => existsSync(file))
    if (existing.length === 0) throw new UserError(`no file of $KUBECONFIG exists (${listed.join(path.delimiter)})`)
    return {kubeConfig: loadKubeconfigList(existing), from: existing.join(path.delimiter)}
  }
  const home = homeKubeconfig(options.env)
  if (home) {
    const kubeConfig = new KubeConfig()
    readKubeconfigFile(kubeConfig, home)
    return {kubeConfig, from: home}
  }
  throw new UserError(options.context ? `--context ${options.context} needs a kubeconfig, and none was found. ${NOTHING_TO_SCAN}` : NOTHING_TO_SCAN)
}

/** Loads the credentials and selects the context; every problem is a UserError that says what to fix. */
export function connect(options: CredentialOptions): Connection {
  const {kubeConfig, from} = loadKubeConfig(options)
  const names = kubeConfig.getContexts().map((c) => c.name)
  const context = options.context ?? kubeConfig.getCurrentContext()
  if (!context) throw new UserError(`${from} sets no current-context; pass --context NAME (contexts: ${names.join(', ') || 'none'})`)
  // setCurrentContext does not check the name, so check it here
  if (!kubeConfig.getContextObject(context)) throw new UserError(`context "${context}" is not in ${from} (contexts: ${names.join(', ') || 'none'})`)
  kubeConfig.setCurrentContext(context)
  const cluster = kubeConfig.getCurrentCluster()
  if (!cluster?.server) throw new UserError(`context "${context}" in ${from} names a cluster that is not defined there`)
  return {kubeConfig, context, server: cluster.server, from}
}
