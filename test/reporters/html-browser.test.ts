import {expect} from 'chai'
import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {type BrowserContext, chromium, type Page} from 'playwright-core'

import {renderHtml} from '../../src/reporters/html.js'
import {loadScenario, type Scenario, skipBecause} from '../fixtures/reports/scenarios.js'

/** Debian's chromium by default; ZT_AUDIT_CHROMIUM points at another build. */
const CHROMIUM = process.env.ZT_AUDIT_CHROMIUM ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
/** where the screenshots go: ZT_AUDIT_SCREENSHOTS, else a new temporary folder (printed) */
let shots: string | undefined

interface Visit {
  page: Page
  url: string
  requests: string[]
  problems: string[]
  dialogs: string[]
}

/** A fresh browser with an empty profile; every request, console error, CSP violation and dialog is recorded. */
async function launch(javaScriptEnabled = true): Promise<BrowserContext> {
  const profile = mkdtempSync(path.join(tmpdir(), 'zt-chromium-profile-'))
  return chromium.launchPersistentContext(profile, {executablePath: CHROMIUM, args: ARGS, headless: true, javaScriptEnabled, viewport: {width: 1280, height: 900}})
}

async function visit(context: BrowserContext, name: Scenario): Promise<Visit> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'zt-html-')), 'zt-audit.html')
  writeFileSync(file, renderHtml(loadScenario(name)))
  const url = pathToFileURL(file).href
  const visit: Visit = {page: await context.newPage(), url, requests: [], problems: [], dialogs: []}
  const {page} = visit
  page.on('request', (request) => visit.requests.push(request.url()))
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') visit.problems.push(`console ${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => visit.problems.push(`page error: ${error.message}`))
  page.on('dialog', (dialog) => {
    visit.dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  // runs before the page's own script, outside its CSP; a string, since this test is typed for Node, not the DOM
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))",
  })
  // anything but the report itself is refused, and recorded above
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()))
  await page.goto(url, {waitUntil: 'load'})
  return visit
}

async function shoot(page: Page, name: string): Promise<string> {
  shots ??= process.env.ZT_AUDIT_SCREENSHOTS ?? mkdtempSync(path.join(tmpdir(), 'zt-html-shots-'))
  mkdirSync(shots, {recursive: true})
  const file = path.join(shots, `${name}.png`)
  await page.screenshot({path: file, fullPage: true})
  return file
}

const count = (page: Page, selector: string): Promise<number> => page.locator(selector).count()
const visibleFindings = (page: Page): Promise<number> => page.locator('#findings li.finding:visible').count()

describe('html report in a real browser (headless Chromium)', function () {
  this.timeout(120_000)
  let context: BrowserContext | undefined

  beforeEach(async function () {
    if (!existsSync(CHROMIUM)) skipBecause(this, `no Chromium at ${CHROMIUM} (apt-get install chromium, or set ZT_AUDIT_CHROMIUM)`)
    context ??= await launch()
  })

  after(async () => {
    await context?.close()
  })

  it('opens offline from a file: URL with no request but the file, no console error, no CSP violation', async () => {
    const {page, url, requests, problems, dialogs} = await visit(context!, 'mixed')
    expect(requests).to.deep.equal([url])
    expect(problems).to.deep.equal([])
    expect(dialogs).to.deep.equal([])
    // the hashed style applied and the hashed script ran
    expect(await page.evaluate("getComputedStyle(document.querySelector('.badge.sev-high')).backgroundColor")).to.equal('rgb(198, 40, 40)')
    expect(await page.locator('#finding-filters').isVisible()).to.equal(true)
    expect(await page.locator('#filter-count').textContent()).to.equal('30 of 30 findings shown')
    process.stderr.write(`  screenshot: ${await shoot(page, 'mixed')}\n`)
    await page.close()
  })

  it('shows the summary numbers of the report in the DOM', async () => {
    const report = loadScenario('mixed')
    const {page} = await visit(context!, 'mixed')
    const value = (stat: string): Promise<string | null> => page.locator(`[data-stat="${stat}"]`).first().getAttribute('data-value')
    expect(await value('open-findings')).to.equal('30')
    expect(await value('suppressed')).to.equal('1')
    expect(await page.locator('[data-stat="score"]').getAttribute('data-grade')).to.equal(report.score.grade)
    for (const [severity, n] of Object.entries(report.summary.bySeverity)) {
      expect(await page.locator(`tr[data-severity="${severity}"] td.num`).textContent(), severity).to.equal(String(n))
    }
    expect(await count(page, '#findings li.finding')).to.equal(30)
    expect(await count(page, '#suppressed li.finding')).to.equal(1)
    expect(await count(page, 'tr[data-status="fail"]')).to.equal(4)
    await page.close()
  })

  it('filters by severity, namespace, rule and text, and sorts, in place', async () => {
    const {page} = await visit(context!, 'mixed')
    await page.selectOption('#filter-severity', 'high')
    expect(await visibleFindings(page)).to.equal(5)
    expect(await page.locator('#filter-count').textContent()).to.equal('5 of 30 findings shown')
    // a category without a match is hidden with its heading
    expect(await page.locator('section[data-category="wildcard-egress"]').isVisible()).to.equal(true)
    await page.selectOption('#filter-rule', 'ZT-NET-001')
    expect(await visibleFindings(page)).to.equal(4)
    expect(await page.locator('section[data-category="wildcard-egress"]').isVisible()).to.equal(false)
    await page.selectOption('#filter-severity', '')
    await page.selectOption('#filter-rule', '')
    await page.selectOption('#filter-namespace', 'ns:shop')
    expect(await visibleFindings(page)).to.equal(6)
    await page.selectOption('#filter-namespace', '')
    await page.fill('#filter-text', 'gitlab-runner')
    expect(await visibleFindings(page)).to.equal(2)
    await page.fill('#filter-text', '')

    const order = async (): Promise<(string | null)[]> => {
      const items = page.locator('#findings-ZT-NET-004 li.finding')
      return Promise.all(Array.from({length: await items.count()}, (_, i) => items.nth(i).getAttribute('data-namespace')))
    }
    const original = await order()
    await page.selectOption('#sort-by', 'namespace')
    const sorted = await order()
    expect(sorted).to.deep.equal([...original].sort())
    await page.selectOption('#sort-by', 'rank')
    expect(await order()).to.deep.equal(original)
    await page.close()
  })

  it('renders hostile names as text: no dialog, no injected element, no request', async () => {
    const {page, url, requests, problems, dialogs} = await visit(context!, 'hostile')
    expect(dialogs).to.deep.equal([])
    expect(requests).to.deep.equal([url])
    expect(problems).to.deep.equal([])
    expect(await count(page, 'script')).to.equal(1)
    expect(await count(page, 'img, iframe, object, embed, [onerror], [onload], [onmouseover]')).to.equal(0)
    expect(await page.locator('#finding-1 .resource').textContent()).to.equal('Namespace/<script>alert("x")</script>"><img src=x onerror=alert(2)>')
    expect(await page.locator('h1.target').textContent()).to.equal('dump "<script>alert("x")</script>" \'q\' & <b>bold</b>.yaml')
    expect(await page.locator('#finding-2 .resource').textContent()).to.equal('Namespace/платежи')
    process.stderr.write(`  screenshot: ${await shoot(page, 'hostile')}\n`)
    await page.close()
  })

  it('prints with the toolbar hidden and every finding shown', async () => {
    const {page} = await visit(context!, 'live-cluster')
    await page.emulateMedia({media: 'print'})
    expect(await page.locator('#finding-filters').isVisible()).to.equal(false)
    expect(await page.locator('nav.toc').isVisible()).to.equal(false)
    expect(await visibleFindings(page)).to.equal(6)
    expect(await page.locator('[role="alert"]').first().isVisible()).to.equal(true)
    process.stderr.write(`  screenshot: ${await shoot(page, 'live-cluster-print')}\n`)
    await page.close()
  })

  it('reads completely with scripts off: no toolbar, every finding listed in its group', async () => {
    const noScript = await launch(false)
    try {
      const {page, problems} = await visit(noScript, 'mixed')
      expect(problems).to.deep.equal([])
      expect(await page.locator('#finding-filters').isVisible()).to.equal(false)
      expect(await visibleFindings(page)).to.equal(30)
      expect(await page.locator('#findings-ZT-NET-001 h4').textContent()).to.contain('Namespace has no default-deny ingress NetworkPolicy')
      process.stderr.write(`  screenshot: ${await shoot(page, 'mixed-no-script')}\n`)
    } finally {
      await noScript.close()
    }
  })
})
