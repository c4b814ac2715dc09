import {UserError} from '../errors.js'

/** `--now`: an ISO-8601 date or time that fixes the clock. */
export function parseNow(text: string): Date {
  const now = new Date(text)
  if (Number.isNaN(now.getTime())) throw new UserError(`--now ${text} is not an ISO-8601 date or time, e.g. 2026-01-01T00:00:00Z`)
  return now
}
