import type {ReportView} from '../html/view.js'
import type {Canvas} from './canvas.js'
import {callout} from './coverage.js'
import {table} from './table.js'

/** Exceptions with owner, reason and expiry; expired ones are flagged, since they no longer apply. */
export function drawExceptions(canvas: Canvas, view: ReportView): void {
  canvas.chapter('Exceptions')
  if (view.exceptions.length === 0) {
    canvas.text('No exceptions are configured.', {color: canvas.color('muted')})
    return
  }
  if (view.expiredExceptions) callout(canvas, `${view.expiredExceptions} exception(s) have expired and no longer suppress findings.`)
  table(
    canvas,
    [
      {header: 'Rule', share: 1.5, face: 'mono'},
      {header: 'Resource', share: 2.4},
      {header: 'Owner', share: 1.4},
      {header: 'Reason', share: 3},
      {header: 'Expires', share: 1.5},
      {header: 'Status', share: 1.4},
      {header: 'Matched', share: 1.2, align: 'right'},
    ],
    view.exceptions.map((e) => [
      {text: e.rule},
      {text: e.resource},
      {text: e.owner},
      {text: e.reason},
      {text: e.expires},
      {text: e.status, badge: e.status},
      {text: String(e.matched)},
    ]),
    (i) => (view.exceptions[i].expired ? 'alert' : undefined),
  )
}

/** Every rule that ran with its check tallies: the denominators behind the score. */
export function drawRules(canvas: Canvas, view: ReportView): void {
  canvas.chapter('Rules and checks')
  if (view.rules.length === 0) {
    canvas.text('No rules ran.', {color: canvas.color('muted')})
    return
  }
  table(
    canvas,
    [
      {header: 'Rule', share: 1.3, face: 'mono'},
      {header: 'Title', share: 4},
      {header: 'Severity', share: 1.2},
      {header: 'Pass', share: 0.7, align: 'right'},
      {header: 'Fail', share: 0.7, align: 'right'},
      {header: 'Skip', share: 0.7, align: 'right'},
      {header: 'Error', share: 0.7, align: 'right'},
      {header: 'Findings', share: 0.9, align: 'right'},
    ],
    view.rules.map((r) => [
      {text: r.id, destination: r.anchor},
      {text: `${r.title}${r.category ? ` (${r.category})` : ''}`},
      r.severity ? {text: r.severity, badge: r.severity} : {text: ''},
      {text: String(r.pass)},
      {text: String(r.fail)},
      {text: String(r.skip)},
      {text: String(r.error)},
      {text: String(r.findings), goTo: r.findings ? r.target : undefined},
    ]),
  )
}
