import type {AuditReport} from '../model/report.js'

export interface Reporter {
  format: string
  /** the file it writes in the output folder; absent for the console summary */
  fileName?: string
  render(report: AuditReport, options: RenderOptions): string | Buffer | Promise<string | Buffer>
}

export interface RenderOptions {
  /** ANSI colour, for terminals */
  color: boolean
}
