import {existsSync, readFileSync} from 'node:fs'

import {loadAll} from 'js-yaml'

import {UserError} from '../../errors.js'
import type {KubeObject} from '../../model/kube.js'
import {isRecord} from '../../util/guards.js'
import {assetPath} from '../../util/assets.js'

/** Kubernetes' default roles and bindings (cluster-wide, and in kube-system and kube-public), as shipped data. */
export interface DefaultRbac {
  /** where they were read from */
  readonly file?: string
  /** ClusterRoles and Roles */
  readonly roles: readonly KubeObject[]
  /** ClusterRoleBindings and RoleBindings */
  readonly bindings: readonly KubeObject[]
}

const FILE_NAME = 'kubernetes-default-rbac.yaml'
/** Overrides the shipped file, e.g. with the defaults of the cluster's own Kubernetes version. */
export const DEFAULT_RBAC_ENV = 'ZT_AUDIT_DEFAULT_RBAC'

/** The defaults zt-audit ships, in `rules/data/`. */
export function shippedDefaultRbacFile(): string {
  return assetPath('rules', 'data', FILE_NAME)
}

export const NO_DEFAULT_RBAC: DefaultRbac = {roles: [], bindings: []}

/** Reads a file of roles and bindings: multi-document YAML or JSON, `kind: List` documents read as their items. */
export function readDefaultRbac(file: string): DefaultRbac {
  const objects: KubeObject[] = []
  const collect = (value: unknown): void => {
    if (!isRecord(value)) return
    if (Array.isArray(value.items) && typeof value.kind === 'string' && value.kind.endsWith('List')) {
      for (const item of value.items) collect(item)
    } else if (typeof value.kind === 'string' && isRecord(value.metadata) && typeof value.metadata.name === 'string') {
      objects.push(value as KubeObject)
    }
  }
  for (const document of loadAll(readFileSync(file, 'utf8'))) collect(document)
  return {
    file,
    roles: objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role'),
    bindings: objects.filter((o) => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding'),
  }
}

const cache = new Map<string, DefaultRbac>()

/** The defaults zt-audit assumes: `$ZT_AUDIT_DEFAULT_RBAC` when set, else the shipped file; read once. */
export function defaultRbac(): DefaultRbac {
  const override = process.env[DEFAULT_RBAC_ENV]
  const file = override || shippedDefaultRbacFile()
  let defaults = cache.get(file)
  if (!defaults) {
    if (override && !existsSync(override)) throw new UserError(`${DEFAULT_RBAC_ENV}: no such file: ${override}`)
    // a package without the data file still scans; bindings to built-in roles then read as dangling
    defaults = existsSync(file) ? readDefaultRbac(file) : {...NO_DEFAULT_RBAC, file}
    cache.set(file, defaults)
  }
  return defaults
}
