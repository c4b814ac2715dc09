import {mkdir, open, writeFile} from 'node:fs/promises'
import path from 'node:path'

import type {AuditReport} from '../model/report.js'
import {consoleReporter} from './console.js'
import {htmlReporter} from './html.js'
import {jsonReporter} from './json.js'
import {markdownReporter} from './markdown.js'
import {pdfReporter} from './pdf.js'
import {sarifReporter, type SarifOptions} from './sarif.js'
import {summaryReporter} from './summary.js'
import type {Reporter} from './types.js'

export const REPORTERS: readonly Reporter[] = [consoleReporter, summaryReporter, jsonReporter, markdownReporter, sarifReporter, htmlReporter, pdfReporter]
export const FORMATS = REPORTERS.map((r) => r.format)

export function reporterFor(format: string): Reporter {
  const reporter = REPORTERS.find((r) => r.format === format)
  if (!reporter) throw new Error(`unknown report format ${format}`)
  return reporter
}

/** Writes the file formats into `outputDir`; returns the paths written. `options` reaches reporters that need more than the report (SARIF). */
export async function writeReports(report: AuditReport, formats: readonly string[], outputDir: string, options: SarifOptions = {}): Promise<string[]> {
  const written: string[] = []
  for (const format of formats) {
    const reporter = reporterFor(format)
    if (!reporter.fileName) continue
    await mkdir(outputDir, {recursive: true})
    const file = path.join(outputDir, reporter.fileName)
    const renderOptions = {...options, color: false}
    if (reporter.chunks) await writeChunks(file, reporter.chunks(report, renderOptions))
    else await writeFile(file, await reporter.render(report, renderOptions))
    written.push(file)
  }
  return written
}

async function writeChunks(file: string, chunks: Iterable<string>): Promise<void> {
  const handle = await open(file, 'w')
  try {
    for (const chunk of chunks) await handle.write(chunk)
  } finally {
    await handle.close()
  }
}
