import type {FieldPath, Resource} from '../../model/resource.js'
import {asArray, asRecord} from '../../util/guards.js'

export interface TokenMount {
  mounted: boolean
  /** the field that decides, in words */
  why: string
  /** that field in the pod spec, when the pod sets it */
  path?: FieldPath
}

/**
 * Whether a pod gets an API token for its service account: the pod's `automountServiceAccountToken` overrides
 * the ServiceAccount's, which defaults to true; a projected serviceAccountToken volume without an audience
 * (so for the API server) mounts one whatever they say.
 */
export function serviceAccountToken(podSpec: Readonly<Record<string, unknown>>, serviceAccount?: Resource): TokenMount {
  const projected = asArray(podSpec.volumes).findIndex((volume) =>
    asArray(asRecord(asRecord(volume).projected).sources).some((source) => {
      const token = asRecord(source).serviceAccountToken
      return token !== undefined && token !== null && asRecord(token).audience === undefined
    }),
  )
  if (projected >= 0) return {mounted: true, why: 'a projected serviceAccountToken volume mounts it', path: ['volumes', projected]}
  if (typeof podSpec.automountServiceAccountToken === 'boolean') {
    const mounted = podSpec.automountServiceAccountToken
    return {mounted, why: `the pod sets automountServiceAccountToken: ${mounted}`, path: ['automountServiceAccountToken']}
  }
  const fromAccount = serviceAccount?.object.automountServiceAccountToken
  if (typeof fromAccount === 'boolean') return {mounted: fromAccount, why: `its ServiceAccount sets automountServiceAccountToken: ${fromAccount}`}
  return {mounted: true, why: 'automountServiceAccountToken is not set, and defaults to true'}
}
