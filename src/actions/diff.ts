import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {diffReports, type ReportDiff} from '../baseline/compare.js'
import {diffMarkdown} from '../baseline/format.js'
import {readReport} from '../baseline/read.js'
import {atLeast, type Severity} from '../model/severity.js'

export interface DiffOutcome {
  diff: ReportDiff
  written: string[]
  /** 1 when a new finding is at or above `failOnNew` */
  exitCode: 0 | 1
}

/** Compares two saved reports and writes the difference as JSON and Markdown into `outputDir`. */
export async function diffSavedReports(before: string, after: string, outputDir: string, failOnNew?: Severity): Promise<DiffOutcome> {
  const diff = diffReports(readReport(before), readReport(after))
  await mkdir(outputDir, {recursive: true})
  const json = path.join(outputDir, 'zt-audit-diff.json')
  const markdown = path.join(outputDir, 'zt-audit-diff.md')
  await writeFile(json, `${JSON.stringify(diff, null, 2)}\n`)
  await writeFile(markdown, diffMarkdown(diff))
  const failing = failOnNew !== undefined && diff.added.some((f) => atLeast(f.severity, failOnNew))
  return {diff, written: [json, markdown], exitCode: failing ? 1 : 0}
}
