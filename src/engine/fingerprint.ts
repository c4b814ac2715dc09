import {createHash} from 'node:crypto'

import type {ResourceRef} from '../model/resource.js'

/**
 * Identifies a finding across runs: rule, resource and cause, never line numbers, so baselines and
 * code-scanning alerts survive edits elsewhere in a file.
 */
export function fingerprint(ruleId: string, resource: Pick<ResourceRef, 'kind' | 'namespace' | 'name'>, cause: string): string {
  const key = JSON.stringify([ruleId, resource.kind, resource.namespace ?? '', resource.name, cause])
  return createHash('sha256').update(key).digest('hex').slice(0, 32)
}
