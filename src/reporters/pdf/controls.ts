import type {ReportView} from '../html/view.js'
import type {Canvas} from './canvas.js'
import {table} from './table.js'

/** One control matrix per framework; a rule in it links to that rule's findings. */
export function drawControls(canvas: Canvas, view: ReportView): void {
  if (view.frameworks.length === 0) return
  const {layout} = canvas
  const item = canvas.chapter('Controls')
  canvas.text("Each control's status as the report gives it, with the rules that map to it. A rule links to its findings.", {
    color: canvas.color('muted'),
    after: 6,
  })
  for (const fw of view.frameworks) {
    canvas.heading(`${fw.name}${fw.version ? ` ${fw.version}` : ''}`, {parent: item, size: layout.sizes.h2, keep: 80})
    const compliance = fw.compliance ? `${fw.compliance}% compliant · ` : ''
    canvas.text(`${compliance}${fw.counts.pass} pass · ${fw.counts.fail} fail · ${fw.counts.notAssessed} not assessed`, {after: 6})
    table(
      canvas,
      [
        {header: 'Control', share: 1.1, face: 'mono'},
        {header: 'Title', share: 3.6},
        {header: 'Status', share: 1.4},
        {header: 'Findings', share: 0.9, align: 'right'},
        {header: 'Rules', share: 2.7, face: 'mono'},
      ],
      fw.controls.map((c) => [
        {text: c.id},
        {text: c.note ? `${c.title}\n${c.note}` : c.title},
        {text: c.statusLabel, badge: c.status},
        {text: c.findings === null ? '' : String(c.findings)},
        // one cell holds one link: to the first rule with findings, else to the first rule's row
        {text: '', list: c.rules.map((r) => r.id), goTo: (c.rules.find((r) => r.anchor.startsWith('findings-')) ?? c.rules.find((r) => r.anchor))?.anchor},
      ]),
      (i) => (fw.controls[i].status === 'fail' ? 'alert' : undefined),
    )
  }
}
