// Preloaded into every measured process with `--import`: on exit it writes the process's own peak RSS
// (getrusage maxrss, which the kernel tracks for the whole life of the process, all threads included)
// and CPU time to the file named by ZT_BENCH_USAGE_FILE. The parent never has to sample the child.

import {writeFileSync} from 'node:fs'

const file = process.env.ZT_BENCH_USAGE_FILE

if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(file, JSON.stringify({
      maxRssKiB: usage.maxRSS,
      userCpuUs: usage.userCPUTime,
      systemCpuUs: usage.systemCPUTime,
    }))
  })
}
