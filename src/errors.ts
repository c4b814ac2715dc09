/**
 * A mistake the user can fix: a missing path, a malformed config file, input without a single object.
 * Commands print its message on one line (no stack trace) and exit with `exitCode`.
 */
export class UserError extends Error {
  readonly exitCode: number

  constructor(message: string, exitCode = 2) {
    super(message)
    this.name = 'UserError'
    this.exitCode = exitCode
  }
}
