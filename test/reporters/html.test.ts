import {expect} from 'chai'
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {htmlReporter, renderHtml} from '../../src/reporters/html.js'
import {htmlTemplate} from '../../src/reporters/html/templates.js'
import {visible} from '../../src/reporters/html/text.js'
import {largeReport} from '../fixtures/reports/large.js'
import {GOLDEN_DIR, loadScenario, SCENARIOS} from '../fixtures/reports/scenarios.js'

/** ZT_AUDIT_UPDATE_GOLDEN=1 rewrites the golden files from the current output instead of comparing. */
const UPDATE = process.env.ZT_AUDIT_UPDATE_GOLDEN === '1'

/**
 * The golden files hold the document, not the styling: the inline CSS and script and the CSP hashes that
 * follow them are replaced by placeholders (they are checked on their own), blank lines and trailing
 * spaces dropped.
 */
function normalize(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '<style>…</style>')
    .replace(/<script>[\s\S]*?<\/script>/, '<script>…</script>')
    .replace(/'sha256-[A-Za-z0-9+/=]+'/g, "'sha256-…'")
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n')
}

/** The value of the data attribute `attr` on the element marked `data-stat="name"`. */
function stat(html: string, name: string): string | undefined {
  return new RegExp(`data-stat="${name}" data-value="([^"]*)"`).exec(html)?.[1]
}

function all(html: string, pattern: RegExp): string[][] {
  return [...html.matchAll(pattern)].map((m) => m.slice(1))
}

describe('html reporter', () => {
  describe('golden files', () => {
    for (const name of SCENARIOS) {
      it(`renders the ${name} report as test/fixtures/reports/golden/${name}.html has it`, () => {
        const actual = normalize(renderHtml(loadScenario(name)))
        const file = path.join(GOLDEN_DIR, `${name}.html`)
        if (UPDATE) {
          mkdirSync(GOLDEN_DIR, {recursive: true})
          writeFileSync(file, actual)
        }
        expect(existsSync(file), `${file} is missing; ZT_AUDIT_UPDATE_GOLDEN=1 writes it`).to.equal(true)
        expect(actual, `differs from ${file}; ZT_AUDIT_UPDATE_GOLDEN=1 rewrites it`).to.equal(readFileSync(file, 'utf8'))
      })
    }
  })

  it('states the data the rules judged by, and warns when the version data is stale', () => {
    const report = loadScenario('mixed')
    const fresh = renderHtml({...report, scan: {...report.scan, versionData: {file: 'built-in', asOf: '2026-03-01', ageDays: 92, stale: false}}})
    expect(fresh).to.contain('<div><dt>Version data</dt><dd>2026-03-01</dd></div>')
    const stale = renderHtml({...report, scan: {...report.scan, versionData: {file: 'built-in', asOf: '2025-01-01', ageDays: 516, stale: true}}})
    expect(stale).to.contain('<dd class="stale">2025-01-01 — 516 days old: end-of-life and advisory findings may be missing</dd>')
  })

  it('is one self-contained file: no remote or external resource, a restrictive CSP whose hashes match the inline style and script', () => {
    const html = renderHtml(loadScenario('mixed'))
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]
    expect(csp).to.be.a('string')
    expect(csp).to.match(/^default-src 'none'; /)
    expect(csp).to.contain('img-src data:')
    expect(csp).to.not.contain('unsafe-inline')
    const sha = (text: string): string => createHash('sha256').update(text).digest('base64')
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]
    expect(csp).to.contain(`style-src 'sha256-${sha(style)}'`)
    expect(csp).to.contain(`script-src 'sha256-${sha(script)}'`)
    expect(html.match(/<style[\s>]/g)).to.have.length(1)
    expect(html.match(/<script[\s>]/g)).to.have.length(1)
    // nothing is fetched: the only src/href values are in-page anchors and the data: favicon placeholder
    const urls = all(html, /\s(?:src|href)="([^"]*)"/g).map(([u]) => u)
    expect(urls.filter((u) => !u.startsWith('#'))).to.deep.equal(['data:,'])
    // inline style attributes would be blocked by the CSP
    expect(html).to.not.match(/\sstyle="/)
  })

  it('links every in-page anchor to an element that exists', () => {
    for (const name of SCENARIOS) {
      const html = renderHtml(loadScenario(name))
      const ids = new Set(all(html, /\sid="([^"]+)"/g).map(([id]) => id))
      const targets = all(html, /href="#([^"]*)"/g).map(([t]) => t)
      expect(targets.filter((t) => !ids.has(t)), name).to.deep.equal([])
      expect(ids.size, `${name}: ids are unique`).to.equal(all(html, /\sid="([^"]+)"/g).length)
    }
  })

  it('shows the summary numbers of the report', () => {
    const report = loadScenario('mixed')
    const html = renderHtml(report)
    expect(stat(html, 'open-findings')).to.equal('30')
    expect(stat(html, 'suppressed')).to.equal('1')
    expect(stat(html, 'objects')).to.equal('148')
    expect(stat(html, 'rules')).to.equal('7')
    expect(/data-stat="score" data-value="([^"]+)" data-grade="([A-F])"/.exec(html)?.slice(1)).to.deep.equal(['69.1', 'D'])
    const severities = Object.fromEntries(all(html, /<tr data-severity="(\w+)" data-count="(\d+)">/g).map(([s, n]) => [s, Number(n)]))
    expect(severities).to.deep.equal(report.summary.bySeverity)
    const categories = Object.fromEntries(all(html, /<tr data-category="([^"]+)" data-count="(\d+)">/g).map(([c, n]) => [c, Number(n)]))
    expect(categories).to.deep.equal(report.summary.byCategory)
    expect(all(html, /data-namespace-score="([^"]+)" data-value="([^"]+)"/g)).to.deep.include(['monitoring', '41.7'])
    // every open finding once in the findings section, the suppressed one apart
    const [open, rest] = html.split('<section id="suppressed">')
    expect(open.match(/<li class="finding /g)).to.have.length(30)
    expect(rest.match(/<li class="finding /g)).to.have.length(1)
    expect(rest).to.contain('default namespace holds no workloads by policy')
    expect(stat(html, 'skipped-documents')).to.equal('2')
    expect(stat(html, 'input-errors')).to.equal('2')
  })

  it('renders the control matrix of each framework with statuses linked to the findings of its rules', () => {
    const html = renderHtml(loadScenario('mixed'))
    const rows = all(html, /data-control="([^"]+)" data-status="([^"]+)"/g)
    expect(rows).to.deep.include(['5.3.2', 'fail'])
    expect(rows).to.deep.include(['SC-7(21)', 'pass'])
    expect(rows).to.deep.include(['5.3.1', 'not-assessed'])
    const row = /<tr id="control-cis-k8s-5_3_2"[\s\S]*?<\/tr>/.exec(html)![0]
    expect(row).to.contain('<a href="#findings-ZT-NET-001">ZT-NET-001</a>')
    // findings link back to the control rows
    expect(html).to.contain('<a class="chip" href="#control-cis-k8s-5_3_2">cis-k8s 5.3.2</a>')
    expect(html).to.contain('data-compliance="0"')
    expect(renderHtml(loadScenario('live-cluster'))).to.not.contain('id="controls"')
  })

  it('shows kinds that could not be read prominently, before the findings', () => {
    const html = renderHtml(loadScenario('live-cluster'))
    expect(stat(html, 'gaps')).to.equal('2')
    expect(stat(html, 'not-read')).to.equal('2')
    const alert = /<div class="alert" role="alert"[\s\S]*?<\/div>/.exec(html)![0]
    expect(alert).to.contain('<li data-gap="NetworkPolicy"><strong>NetworkPolicy</strong> — forbidden: networkpolicies.networking.k8s.io is forbidden')
    expect(alert).to.contain('data-gap="CronJob"')
    expect(alert).to.not.contain('PeerAuthentication') // absent is not a failure to read, but is said apart
    expect(stat(html, 'absent')).to.equal('1')
    expect(html).to.contain('<li data-absent="PeerAuthentication"><strong>PeerAuthentication</strong> (security.istio.io/v1): the API server does not serve security.istio.io</li>')
    expect(html).to.contain('data-kind="PeerAuthentication" data-status="absent"')
    expect(html.indexOf('role="alert"')).to.be.lessThan(html.indexOf('id="findings"'))
    expect(html).to.contain('<span class="badge sev-medium">medium</span>')
    expect(html).to.not.contain('class="where"') // findings from a cluster have no file
  })

  it('flags expired exceptions and lists owners, reasons and expiry dates', () => {
    const html = renderHtml(loadScenario('mixed'))
    expect(stat(html, 'expired-exceptions')).to.equal('1')
    expect(all(html, /data-exception-status="(\w+)"/g).map(([s]) => s)).to.deep.equal(['active', 'expired', 'unused'])
    expect(html).to.match(/<tr class="exc-expired"[^>]*><td><code>ZT-EGR-002<\/code><\/td><td>NetworkPolicy\/shop\/legacy-\*<\/td><td>payments<\/td><td>legacy egress until the payment gateway moves<\/td><td>2026-03-31<\/td><td><span class="badge exc-badge-expired">expired<\/span>/)
  })

  it('says plainly when there is nothing to report', () => {
    const empty = renderHtml(loadScenario('empty'))
    expect(empty).to.contain('data-stat="no-findings">No open findings.')
    expect(empty).to.contain('No rules ran.')
    expect(empty).to.not.contain('id="finding-filters"')
    const pass = renderHtml(loadScenario('all-pass'))
    expect(stat(pass, 'open-findings')).to.equal('0')
    expect(pass).to.not.match(/data-status="fail"/)
  })

  describe('hostile input', () => {
    const html = renderHtml(loadScenario('hostile'))
    const body = html.replace(/<script>[\s\S]*?<\/script>/, '').replace(/<style>[\s\S]*?<\/style>/, '')

    it('escapes markup from names, messages, evidence, exceptions, errors and catalogs', () => {
      // the trusted inline script and style are the only elements of their kind
      expect(body).to.not.match(/<script|<\/script|<style|<img|<svg onload|<b>|<i>|<a>/i)
      expect(body).to.not.match(/\son(error|load|mouseover)=/i)
      expect(body).to.contain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
      expect(body).to.contain('&lt;value onmouseover&#x3D;&quot;alert(4)&quot;&gt;')
      expect(body).to.contain('&lt;/pre&gt;&lt;script&gt;alert(6)&lt;/script&gt;')
      expect(body).to.contain('Zoë O&#x27;Brien')
      // attribute values cannot be closed early
      expect(body).to.contain('data-resource="Namespace/&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;"')
    })

    it('never evaluates template syntax that is in the data', () => {
      expect(body).to.contain('{{constructor.constructor(&#x27;alert(1)&#x27;)()}}')
    })

    it('keeps non-Latin names and makes bidi overrides and zero-width characters visible', () => {
      expect(body).to.contain('Namespace/платежи')
      expect(body).to.contain('Deployment/πληρωμές/a-very-long-name')
      expect(body).to.contain('<li data-gap')
      expect(body).to.contain('支付')
      expect(body).to.contain('bidi-[U+202E]evil[U+202C]-name')
      expect(body).to.contain('[U+200B]zero[U+200B]width')
      expect(body).to.not.match(/[\u202A-\u202E\u2066-\u2069\u200B]/)
      expect(visible('a\u0007b\u2067c\td\ne')).to.equal('a[U+0007]b[U+2067]c\td\ne')
    })
  })

  it('compiles the templates once per process', () => {
    const first = htmlTemplate()
    renderHtml(loadScenario('mixed'))
    expect(htmlTemplate()).to.equal(first)
  })

  it('renders a report of 10,000 findings, each once', async () => {
    const html = (await htmlReporter.render(largeReport(10_000), {color: false})) as string
    expect(html.match(/<li class="finding /g)).to.have.length(10_000)
    expect(stat(html, 'open-findings')).to.equal('10000')
  })
})
