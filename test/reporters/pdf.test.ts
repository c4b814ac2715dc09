import {expect} from 'chai'
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {pdfReporter, renderPdf} from '../../src/reporters/pdf.js'
import {hasCommand, loadScenario, REPORTS_DIR, type Scenario, skipBecause} from '../fixtures/reports/scenarios.js'

const POPPLER = hasCommand('pdfinfo')
const NO_POPPLER = 'poppler-utils (pdfinfo, pdftotext, pdftohtml, pdffonts, pdftoppm) is not installed'
const OUT = mkdtempSync(path.join(tmpdir(), 'zt-pdf-'))

const written = new Map<Scenario, string>()
/** Each scenario rendered once into the temporary folder. */
async function pdfOf(name: Scenario): Promise<string> {
  let file = written.get(name)
  if (!file) {
    file = path.join(OUT, `${name}.pdf`)
    writeFileSync(file, await renderPdf(loadScenario(name)))
    written.set(name, file)
  }
  return file
}

const run = (command: string, ...args: string[]): string => execFileSync(command, args, {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
/** The text with runs of white space (line ends included) as one space, so wrapped sentences read whole. */
const text = (file: string): string => run('pdftotext', '-enc', 'UTF-8', file, '-').replace(/\s+/g, ' ')
const layoutText = (file: string): string => run('pdftotext', '-enc', 'UTF-8', '-layout', file, '-')
const info = (file: string): Record<string, string> =>
  Object.fromEntries(
    run('pdfinfo', '-isodates', file)
      .split('\n')
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]),
  )
/** The bookmarks, as poppler reads them, one title per line in document order. */
const outline = (file: string): string[] =>
  [...run('pdftohtml', '-xml', '-stdout', '-i', '-q', file).matchAll(/<item page="\d+">([^<]*)<\/item>/g)].map((m) => m[1].replaceAll('&amp;', '&'))

/** pdfkit writes page objects uncompressed, so pages can be counted without a PDF library. */
const pageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length

describe('pdf reporter', function () {
  this.timeout(120_000)

  it('is byte-identical for the same report: creation date from scan.startedAt, no random ids', async () => {
    const report = loadScenario('mixed')
    const first = (await pdfReporter.render(report, {color: false})) as Buffer
    const second = await renderPdf(report)
    expect(first.subarray(0, 8).toString('latin1')).to.equal('%PDF-1.7')
    expect(Buffer.compare(first, second)).to.equal(0)
    // and the date comes from the report, not the clock
    const later = await renderPdf({...report, scan: {...report.scan, startedAt: '2026-07-01T00:00:00.000Z'}})
    expect(Buffer.compare(first, later)).to.not.equal(0)
  })

  it('carries the metadata and one page per chapter at least, numbered "page N of M"', async function () {
    if (!POPPLER) skipBecause(this, NO_POPPLER)
    const file = await pdfOf('mixed')
    const meta = info(file)
    expect(meta.Title).to.equal('Zero-trust audit: examples/cluster')
    expect(meta.Author).to.equal('zt-audit')
    expect(meta.Creator).to.equal('zt-audit 0.1.0')
    expect(meta.CreationDate).to.match(/^2026-06-01T00:00:00(Z|\+00)/)
    const pages = Number(meta.Pages)
    expect(pages).to.be.within(8, 20)
    const body = text(file)
    expect(body).to.contain(`Page 2 of ${pages}`)
    expect(body).to.contain(`Page ${pages} of ${pages}`)
    expect(body).to.not.contain('Page 1 of') // the cover has no footer
  })

  it('holds the score, grade, rule titles, resources, locations, coverage, controls and exceptions as text', async function () {
    if (!POPPLER) skipBecause(this, NO_POPPLER)
    const body = text(await pdfOf('mixed'))
    for (const expected of [
      '69.1 / 100',
      'It scored 69.1 of 100, grade D, with 30 open findings (5 high, 24 medium, 1 low)',
      'Namespace has no default-deny ingress NetworkPolicy',
      'NetworkPolicy allows egress to any address (0.0.0.0/0 or ::/0)',
      'Deployment/ci/gitlab-runner',
      'examples/cluster/ci/gitlab-runner.yaml:83',
      'Documents skipped because they were not Kubernetes objects: 2.',
      'examples/cluster/broken.yaml:7',
      'CIS Kubernetes Benchmark v1.12',
      'SC-7(21)',
      'legacy egress until the payment gateway moves',
      'default namespace holds no workloads by policy',
    ]) {
      expect(body, expected).to.contain(expected)
    }
  })

  it('prints non-Latin names with its embedded fonts, and code points for what they lack', async function () {
    if (!POPPLER) skipBecause(this, NO_POPPLER)
    const file = await pdfOf('hostile')
    const body = text(file)
    for (const expected of ['Namespace/платежи', 'Ελληνικά και Кириллица', 'значение ÄÖÜ ß čšž ő', 'Deployment/πληρωμές/', '<script>alert("x")</script>', 'bidi-[U+202E]evil[U+202C]-name', '[U+652F][U+4ED8]']) {
      expect(body, expected).to.contain(expected)
    }
    // long names wrap inside the page instead of running off it
    expect(layoutText(file)).to.match(/Deployment\/πληρωμές\/a-very-long-name-that-keeps-going-and-going-without-any- *\n +space-to-break-at/)
    const fonts = run('pdffonts', file).split('\n').slice(2).filter(Boolean)
    expect(fonts.length).to.be.greaterThan(0)
    for (const line of fonts) expect(line, line).to.match(/^\w{6}\+DejaVuSans\S*\s+CID TrueType\s+Identity-H\s+yes yes yes/)
  })

  it('has a document outline: chapters, frameworks, categories and rules', async function () {
    if (!POPPLER) skipBecause(this, NO_POPPLER)
    const items = outline(await pdfOf('mixed'))
    expect(items.slice(0, 4)).to.deep.equal(['Cover', 'Executive summary', 'Scan coverage', 'Input problems'])
    for (const expected of [
      'Controls',
      'CIS Kubernetes Benchmark v1.12',
      'Findings (30)',
      'default-deny — 27 findings, score 48.2 (F)',
      'ZT-NET-001  Namespace has no default-deny ingress NetworkPolicy',
      'Suppressed findings (1)',
      'Exceptions',
      'Rules and checks',
    ]) {
      expect(items).to.include(expected)
    }
    expect(outline(await pdfOf('live-cluster'))).to.not.include('Controls')
  })

  it('renders every scenario, including one with nothing to report', async function () {
    if (!POPPLER) skipBecause(this, NO_POPPLER)
    const empty = text(await pdfOf('empty'))
    expect(empty).to.contain('No open findings.')
    expect(empty).to.contain('No rules ran.')
    const live = text(await pdfOf('live-cluster'))
    expect(live).to.contain('Not assessed: 2 resource kind(s) could not be read')
    expect(live).to.contain('NetworkPolicy — forbidden')
    expect(live).to.contain('Not served by the cluster: 1 kind(s).')
    expect(text(await pdfOf('all-pass'))).to.contain('It scored 100 of 100, grade A, with 0 open findings')
  })

  it('draws pages that render as images (cover, summary, findings)', async function () {
    if (!POPPLER) skipBecause(this, NO_POPPLER)
    const file = await pdfOf('mixed')
    const prefix = path.join(OUT, 'mixed-page')
    run('pdftoppm', '-png', '-r', '50', '-f', '1', '-l', '5', file, prefix)
    const pngs = readdirSync(OUT).filter((f) => f.startsWith('mixed-page') && f.endsWith('.png'))
    expect(pngs).to.have.length(5)
    for (const png of pngs) expect(statSync(path.join(OUT, png)).size).to.be.greaterThan(5000)
    process.stderr.write(`  pages as images: ${OUT}/mixed-page-*.png\n`)
  })

  it('renders 10,000 findings in a 384 MB heap, with a plausible page count', function () {
    this.timeout(300_000)
    const file = path.join(OUT, 'large.pdf')
    const script = path.join(REPORTS_DIR, 'render-large.ts')
    const result = spawnSync(process.execPath, ['--max-old-space-size=384', '--import', 'tsx', script, file, '10000'], {
      encoding: 'utf8',
      cwd: path.resolve(fileURLToPath(import.meta.url), '../../..'),
    })
    expect(result.status, result.stderr).to.equal(0)
    const pdf = readFileSync(file)
    const pages = pageCount(pdf)
    // about a dozen findings a page, plus the chapters
    expect(pages).to.be.within(10_000 / 25, 10_000 / 5)
    if (POPPLER) expect(Number(info(file).Pages)).to.equal(pages)
  })
})
