import type {Reporter} from './types.js'

/** The report as the public JSON contract has it. Stable key order and sorting make it reproducible. */
export const jsonReporter: Reporter = {
  format: 'json',
  fileName: 'zt-audit.json',
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
}
