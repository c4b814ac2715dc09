import {readFileSync} from 'node:fs'

/** One `# expect: Kind/[namespace/]name severity [line N]` header line of a rule fixture. */
export interface Expectation {
  resource: string
  severity: string
  line?: number
}

const EXPECT = /^#\s*expect:\s*(\S+)\s+(critical|high|medium|low|info)(?:\s+line\s+(\d+))?\s*$/

export function readExpectations(file: string): Expectation[] {
  const expectations: Expectation[] = []
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('#')) break
    const match = EXPECT.exec(line)
    if (match) expectations.push({resource: match[1], severity: match[2], ...(match[3] ? {line: Number(match[3])} : {})})
  }
  return expectations
}
