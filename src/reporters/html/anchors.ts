/**
 * Fragment ids for in-document links. Built from rule, category and control ids, which come from plug-ins
 * and catalogs, so they are reduced to safe characters and made unique.
 */
export class Anchors {
  private readonly given = new Map<string, string>()
  private readonly taken = new Set<string>()

  id(prefix: string, key: string): string {
    const full = `${prefix}\u0000${key}`
    const known = this.given.get(full)
    if (known) return known
    const base = `${prefix}-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`
    let id = base
    for (let n = 2; this.taken.has(id); n++) id = `${base}-${n}`
    this.given.set(full, id)
    this.taken.add(id)
    return id
  }
}
