#!/usr/bin/env node

// Fail fast with a clear message: the CLI framework and the Kubernetes client need Node.js >= 22.19.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(
    `zt-audit requires Node.js >= 22.19.0 (this is ${process.version}). ` +
      'Install a current LTS release, or run it through npm (`npx zt-audit`) inside this project, which brings its own Node.js.\n',
  )
  process.exit(2)
}

const {execute} = await import('@oclif/core')
await execute({dir: import.meta.url})
