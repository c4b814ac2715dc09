import {readFileSync} from 'node:fs'

import {UserError} from '../errors.js'
import type {AuditReport} from '../model/report.js'
import {isRecord} from '../util/guards.js'

/** Reads a saved JSON report (a baseline, or either side of a diff), with a clear message when it is not one. */
export function readReport(file: string): AuditReport {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new UserError(`cannot read report ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new UserError(`${file} is not JSON: ${(error as Error).message}`)
  }
  if (!isRecord(value) || value.schemaVersion !== '1' || !isRecord(value.tool) || value.tool.name !== 'zt-audit' || !Array.isArray(value.findings)) {
    throw new UserError(`${file} is not a zt-audit report (schemaVersion 1); write one with \`zt-audit scan --format json\``)
  }
  return value as unknown as AuditReport
}
