import type {AuditReport} from '../model/report.js'
import {BAR_X, countBars, LABEL_X, donut, RING_RADIUS, ringDash, scoreBars} from './html/charts.js'
import {htmlTemplate} from './html/templates.js'
import {buildView} from './html/view.js'
import type {Reporter} from './types.js'

/** Renders the report as one self-contained HTML file: no remote assets, scripts optional. */
export function renderHtml(report: AuditReport): string {
  const template = htmlTemplate()
  const view = buildView(report)
  return template.render({
    ...view,
    page: {csp: template.csp, style: template.style, script: template.script},
    charts: {
      ring: {radius: RING_RADIUS, dash: ringDash(view.score.value)},
      severityDonut: donut(view.severities),
      severityBars: countBars(view.severities),
      categoryBars: countBars(view.categories, 'accent'),
      categoryScores: scoreBars(view.categoryScores),
      namespaceScores: scoreBars(view.namespaceScores),
      barX: BAR_X,
      labelX: LABEL_X,
    },
  })
}

export const htmlReporter: Reporter = {
  format: 'html',
  fileName: 'zt-audit.html',
  render: (report) => renderHtml(report),
}
