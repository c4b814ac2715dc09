export type Limiter = <T>(task: () => Promise<T>) => Promise<T>

/** Runs at most `max` tasks at a time, in the order they were queued. */
export function limiter(max: number): Limiter {
  let running = 0
  const waiting: (() => void)[] = []
  const release = (): void => {
    // hand the slot straight to the next task, so a newcomer cannot slip in between
    const wake = waiting.shift()
    if (wake) wake()
    else running--
  }
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < max) running++
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await task()
    } finally {
      release()
    }
  }
}
