/**
 * How many nodes a parsed YAML value has once every alias is expanded, counting up to just past `limit`.
 *
 * js-yaml shares one object between an anchor and its aliases, so a "billion laughs" document loads fast and
 * small, but anything walking or serialising it later would visit every expansion. Counting with a memo per
 * object keeps this linear in the distinct objects.
 */
export function expandedNodeCount(root: unknown, limit: number): number {
  const memo = new Map<object, number>()
  const count = (value: unknown): number => {
    if (typeof value !== 'object' || value === null) return 1
    const known = memo.get(value)
    if (known !== undefined) return known
    // reaching an object again while counting it would be a cycle: treat it as unbounded
    memo.set(value, Infinity)
    let total = 1
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      total += count(child)
      if (total > limit) break
    }
    memo.set(value, total)
    return total
  }
  return count(root)
}
