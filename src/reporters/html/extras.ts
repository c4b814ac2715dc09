import type {AuditReport} from '../../model/report.js'

/**
 * Report sections that newer reports carry (report.schema.json: `frameworks`; `score.byNamespace`).
 * Read defensively, so that a report saved before they existed, or by another producer, still renders.
 */
export interface FrameworkControl {
  id: string
  title: string
  status: 'pass' | 'fail' | 'not-assessed'
  findings?: number
  rules?: string[]
  assessment?: string
  reason?: string
}

export interface FrameworkStatus {
  id: string
  name: string
  version?: string
  compliance?: number
  controls: FrameworkControl[]
}

const STATUSES = new Set(['pass', 'fail', 'not-assessed'])

function isControl(value: unknown): value is FrameworkControl {
  const c = value as FrameworkControl
  return typeof c === 'object' && c !== null && typeof c.id === 'string' && typeof c.title === 'string' && STATUSES.has(c.status)
}

export function frameworksOf(report: AuditReport): FrameworkStatus[] {
  const raw = (report as {frameworks?: unknown}).frameworks
  if (!Array.isArray(raw)) return []
  return raw
    .filter((f): f is FrameworkStatus => typeof f === 'object' && f !== null && typeof (f as FrameworkStatus).id === 'string' && Array.isArray((f as FrameworkStatus).controls))
    .map((f) => ({...f, name: typeof f.name === 'string' ? f.name : f.id, controls: f.controls.filter(isControl)}))
}

/** Per-namespace scores: a number each, or an object with a `value` should the model grow one. */
export function namespaceScoresOf(report: AuditReport): [string, number][] {
  const raw = (report.score as {byNamespace?: unknown}).byNamespace
  if (typeof raw !== 'object' || raw === null) return []
  const rows: [string, number][] = []
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const score = typeof value === 'number' ? value : (value as {value?: unknown} | null)?.value
    if (typeof score === 'number' && Number.isFinite(score)) rows.push([name, score])
  }
  return rows
}
