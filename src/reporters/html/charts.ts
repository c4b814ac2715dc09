import type {CountRow, ScoreRow} from './view.js'

/**
 * Geometry for the inline SVG charts. The templates only place these numbers; all of them are computed
 * here, rounded, so the same report always gives the same markup.
 */
const round = (n: number): string => String(Math.round(n * 100) / 100)

/** A circle of this radius has a circumference of 100, so dash lengths are percentages. */
export const RING_RADIUS = '15.9155'

export interface DonutSegment {
  key: string
  label: string
  count: number
  dash: string
  offset: string
}

export function donut(rows: CountRow[]): DonutSegment[] {
  const total = rows.reduce((sum, r) => sum + r.count, 0)
  if (total === 0) return []
  let start = 0
  return rows
    .filter((r) => r.count > 0)
    .map((r) => {
      const length = (r.count / total) * 100
      const segment = {key: r.key, label: r.label, count: r.count, dash: `${round(length)} ${round(100 - length)}`, offset: round(25 - start)}
      start += length
      return segment
    })
}

export interface Bar {
  key: string
  /** colour class: a severity, a score band, or the neutral accent */
  tone: string
  label: string
  /** the label cut to fit beside the bar; the full one is the bar's tooltip */
  short: string
  value: string
  y: number
  textY: number
  width: string
  valueX: string
}

export interface BarChart {
  height: number
  bars: Bar[]
}

const ROW = 26
const BAR = 16
/** bars start after the labels and leave room for the value at their end */
export const BAR_X = 150
export const LABEL_X = BAR_X - 8
const BAR_SPACE = 210
const LABEL_CHARS = 22

const barWidth = (share: number): number => Math.max(share > 0 ? 2 : 0, share * BAR_SPACE)

export function barChart(rows: {key: string; tone: string; label: string; value: string; share: number}[]): BarChart {
  return {
    height: Math.max(ROW, rows.length * ROW),
    bars: rows.map((r, i) => ({
      key: r.key,
      tone: r.tone,
      label: r.label,
      short: [...r.label].length > LABEL_CHARS ? `${[...r.label].slice(0, LABEL_CHARS - 1).join('')}…` : r.label,
      value: r.value,
      y: i * ROW + (ROW - BAR) / 2,
      textY: i * ROW + ROW / 2 + 4,
      width: round(barWidth(r.share)),
      valueX: round(BAR_X + barWidth(r.share) + 5),
    })),
  }
}

export function countBars(rows: CountRow[], tone?: string): BarChart {
  return barChart(rows.map((r) => ({key: r.key, tone: tone ?? r.key, label: r.label, value: String(r.count), share: r.share})))
}

export function scoreBars(rows: ScoreRow[]): BarChart {
  return barChart(rows.map((r) => ({key: r.name, tone: r.band, label: r.name, value: `${r.valueText} (${r.grade})`, share: r.value / 100})))
}

export function ringDash(value: number): string {
  const length = Math.min(100, Math.max(0, value))
  return `${round(length)} ${round(100 - length)}`
}
