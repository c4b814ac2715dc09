import {Command} from '@oclif/core'

import {UserError} from '../errors.js'

/** A command whose user errors end as one plain line on standard error and the error's exit status. */
export abstract class ZtCommand extends Command {
  protected async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      process.stderr.write(`zt-audit: ${error.message}\n`)
      return this.exit(error.exitCode)
    }
  }
}
