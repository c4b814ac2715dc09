// What the container image and the npm package are built from: the Dockerfile's inputs exist, and a packed
// install runs from an empty folder. The image itself is built elsewhere; this checks what can be checked here.
import {expect} from 'chai'
import {execFileSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

const NPM = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm']

function npm(args: string[], cwd: string): string {
  const [command, ...prefix] = NPM
  return execFileSync(command, [...prefix, ...args], {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000})
}

describe('packaging', () => {
  it('copies only files that exist into the image, runs as a non-root user, and enters through zt-audit', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8')
    const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].map((m) => m[1].trim().split(/\s+/).slice(0, -1)).flat()
    expect(copies.length).to.be.greaterThan(3)
    for (const source of copies) expect(existsSync(source), source).to.equal(true)
    expect(dockerfile).to.match(/^USER \d+:\d+$/m)
    expect(dockerfile).to.contain('ENTRYPOINT ["zt-audit"]')
  })

  describe('a packed install', function () {
    this.timeout(900_000)
    let dir: string
    before(function () {
      if (process.env.ZT_AUDIT_SKIP_PACK === '1') this.skip()
      dir = mkdtempSync(path.join(tmpdir(), 'zt-pack-'))
    })
    after(() => dir && rmSync(dir, {recursive: true, force: true}))

    it('installs from the tarball into an empty folder and scans from there', () => {
      const tarball = npm(['pack', '--pack-destination', dir, '--silent'], process.cwd()).trim().split('\n').at(-1)!
      const app = path.join(dir, 'app')
      npm(['init', '-y'], dir)
      execFileSync('mkdir', ['-p', app])
      npm(['init', '-y'], app)
      npm(['install', '--no-audit', '--no-fund', '--omit=dev', path.join(dir, tarball)], app)
      const bin = path.join(app, 'node_modules', '.bin', 'zt-audit')
      const version = execFileSync(process.execPath, [bin, '--version'], {cwd: app, encoding: 'utf8'})
      expect(version).to.match(/^zt-audit\/\d+\.\d+\.\d+ /)
      const out = execFileSync(process.execPath, [bin, 'scan', '--manifests', path.resolve('examples/cluster'), '--format', 'summary,json', '--output-dir', 'out', '--now', '2026-06-01T00:00:00Z'], {cwd: app, encoding: 'utf8'})
      expect(out).to.match(/^zt-audit: score [\d.]+ \([A-F]\); \d+ findings/)
      expect(existsSync(path.join(app, 'out', 'zt-audit.json'))).to.equal(true)
      const rules = execFileSync(process.execPath, [bin, 'rules'], {cwd: app, encoding: 'utf8'})
      expect(rules).to.contain('ZT-NET-001')
    })
  })
})
