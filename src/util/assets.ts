import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The folder that holds `src/` of the running code: the checkout under development, `dist/` once built
 * (the build copies templates and rule data there, mirroring the source tree).
 */
export const ASSET_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** A file zt-audit ships, e.g. assetPath('rules', 'data', 'mesh-versions.yaml'). */
export function assetPath(...parts: string[]): string {
  return path.join(ASSET_ROOT, ...parts)
}
