import type {AuditReport} from '../model/report.js'

export interface Reporter {
  format: string
  /** the file it writes in the output folder; absent for the console summary */
  fileName?: string
  render(report: AuditReport, options: RenderOptions): string | Buffer | Promise<string | Buffer>
  /** the same output in pieces, for reports too large to hold as one string */
  chunks?(report: AuditReport, options: RenderOptions): Iterable<string>
}

export interface RenderOptions {
  /** ANSI colour, for terminals */
  color: boolean
}
