// The SARIF reporter against GitHub code scanning's rules (docs/sarif.md): a unit report that exercises every
// mapping, GitHub's limits, and a golden file from a multi-document manifest scanned through scan(), whose
// every region must sit on the offending field's line. UPDATE_GOLDEN=1 rewrites the golden file.
import {expect} from 'chai'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'

import {scan} from '../../src/actions/scan.js'
import type {Finding} from '../../src/model/finding.js'
import type {AuditReport, RuleSummary} from '../../src/model/report.js'
import {automationId, GITHUB_LIMITS, renderedSarifWarnings, renderSarif, SARIF_SCHEMA, type SarifLog, type SarifResult, type SarifRule, sarifReporter, syntheticUri} from '../../src/reporters/sarif.js'

const SEVERITY_BANDS: Record<string, [number, number]> = {critical: [9.0, 10], high: [7.0, 8.9], medium: [4.0, 6.9], low: [0.1, 3.9]}

/** What GitHub's upload and processing require, beyond the JSON schema (see docs/sarif.md). */
function expectGitHubProfile(log: SarifLog): void {
  expect(log.$schema).to.equal(SARIF_SCHEMA)
  expect(log.version).to.equal('2.1.0')
  expect(log.runs).to.be.an('array').with.length.within(1, 20)
  for (const run of log.runs) {
    const driver = run.tool.driver
    expect(driver.name).to.equal('zt-audit')
    expect(driver.semanticVersion).to.match(/^\d+\.\d+\.\d+/)
    expect(driver.informationUri).to.match(/^https:\/\//)
    expect(run.automationDetails.id).to.match(/^[^/].*\/$/)
    expect(run.results, 'results is always present').to.be.an('array').with.length.at.most(GITHUB_LIMITS.resultsPerRun)
    const rules = driver.rules
    expect(new Set(rules.map((r) => r.id)).size).to.equal(rules.length)
    for (const rule of rules) {
      expect(rule.name.length, rule.id).to.be.within(1, 255)
      for (const field of ['shortDescription', 'fullDescription'] as const) expect(rule[field].text.length, `${rule.id} ${field}`).to.be.within(1, 1024)
      expect(rule.help.text, rule.id).to.not.equal('')
      expect(rule.help.markdown).to.contain(rule.helpUri)
      expect(['note', 'warning', 'error']).to.include(rule.defaultConfiguration.level)
      const {tags, precision} = rule.properties
      expect(new Set(tags).size, `${rule.id} tags are unique`).to.equal(tags.length)
      expect(tags.length).to.be.at.most(GITHUB_LIMITS.tagsPerRule)
      expect(['very-high', 'high', 'medium', 'low']).to.include(precision)
      const securitySeverity = rule.properties['security-severity']
      if (securitySeverity !== undefined) {
        expect(securitySeverity, 'a string holding a number').to.be.a('string').and.match(/^\d+\.\d$/)
        expect(Number(securitySeverity)).to.be.within(0.1, 10)
        expect(tags).to.include('security')
      }
    }
    const suppressed = run.results.map((r) => Array.isArray(r.suppressions))
    expect(new Set(suppressed).size, 'suppressions on every result or none').to.be.at.most(1)
    for (const result of run.results) {
      expect(rules[result.ruleIndex].id).to.equal(result.ruleId)
      expect(['none', 'note', 'warning', 'error']).to.include(result.level)
      expect(result.message.text).to.be.a('string').and.not.equal('')
      expect(result.message.text).to.not.match(/\n/)
      expect(result.locations, 'exactly one location').to.have.length(1)
      const {artifactLocation, region} = result.locations[0].physicalLocation
      expect(artifactLocation.uri).to.not.match(/^[A-Za-z][A-Za-z0-9+.-]*:/, 'no scheme')
      expect(artifactLocation.uri).to.not.match(/^(\/|\.\/)/)
      expect(artifactLocation.uri.split('/')[0]).to.not.contain(':')
      expect(region.startLine).to.be.a('number').and.at.least(1)
      if (region.startColumn !== undefined) expect(region.startColumn).to.be.at.least(1)
      if (region.endLine !== undefined) expect(region.endLine, 'one-line region').to.equal(region.startLine)
      expect(result.partialFingerprints['ztAuditFingerprint/v1']).to.match(/^[0-9a-f]{32}$/)
    }
  }
}

function summary(id: string, severity: RuleSummary['severity'], controls: RuleSummary['controls'] = []): RuleSummary {
  return {id, category: 'default-deny', severity, title: `${id} title`, controls}
}

function finding(overrides: Partial<Finding>): Finding {
  return {
    fingerprint: '0123456789abcdef0123456789abcdef',
    ruleId: 'ZT-NET-001',
    category: 'default-deny',
    severity: 'high',
    title: 'Namespace has no default-deny ingress NetworkPolicy',
    message: 'Namespace shop has no NetworkPolicy.',
    resource: {apiVersion: 'v1', kind: 'Namespace', name: 'shop'},
    location: {file: 'k8s/shop.yaml', line: 4, column: 3},
    controls: [],
    remediation: 'Add a default deny.',
    ...overrides,
  }
}

function report(findings: Finding[], overrides: Partial<AuditReport> = {}): AuditReport {
  const many = ['cis-k8s', 'nsa-cisa', 'nist-800-207', 'nist-800-53', 'pci-dss'].flatMap((framework) => Array.from({length: 6}, (_, i) => ({framework, id: `${framework}-${i}`})))
  return {
    schemaVersion: '1',
    tool: {name: 'zt-audit', version: '1.2.3'},
    scan: {source: 'manifests', target: 'k8s/', startedAt: '2026-06-01T00:00:00.000Z', objectsScanned: 3, rules: ['ZT-NET-001', 'ZT-NET-002', 'ZT-RBAC-001'], coverage: [], skippedDocuments: 0, namespaces: {scanned: ['shop'], skipped: []}},
    score: {value: 50, grade: 'E', byCategory: {}},
    summary: {bySeverity: {critical: 0, high: 1, medium: 0, low: 0, info: 0}, byCategory: {}, suppressed: 0},
    rules: [summary('ZT-NET-001', 'high', many), summary('ZT-NET-002', 'medium', [{framework: 'cis-k8s', id: '5.3.2'}]), summary('ZT-RBAC-001', 'critical')],
    checks: [],
    findings,
    exceptions: [],
    errors: [],
    ...overrides,
  }
}

const sample = (): Finding[] => [
  finding({}),
  finding({fingerprint: 'fedcba9876543210fedcba9876543210', ruleId: 'ZT-RBAC-001', severity: 'critical', message: 'Grants every verb on every resource.\nReview it.', resource: {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'system:aggregate-to-edit'}, location: undefined}),
  finding({fingerprint: '11111111111111111111111111111111', ruleId: 'ZT-NET-002', severity: 'medium', message: 'Namespace cache has no default-deny egress NetworkPolicy.', resource: {apiVersion: 'v1', kind: 'Namespace', name: 'cache'}, location: {file: '<stdin>', line: 9}}),
  finding({fingerprint: '22222222222222222222222222222222', ruleId: 'ZT-NET-002', severity: 'low', resource: {apiVersion: 'v1', kind: 'Namespace', name: 'old'}, message: 'Namespace old has no default-deny egress NetworkPolicy.', location: {file: 'k8s/old stuff/ns#1.yaml', line: 2}, suppressed: {reason: 'decommissioned', owner: 'platform', expires: '2026-12-31'}}),
]

function render(r: AuditReport, options = {}): SarifLog {
  return JSON.parse(renderSarif(r, options).text) as SarifLog
}

describe('SARIF reporter', () => {
  it('writes zt-audit.sarif for --format sarif', () => {
    expect(sarifReporter.format).to.equal('sarif')
    expect(sarifReporter.fileName).to.equal('zt-audit.sarif')
  })

  it('meets GitHub code scanning’s profile: final schema, one location per result, rules with help, tags and security-severity', () => {
    const log = render(report(sample()))
    expectGitHubProfile(log)
    const [run] = log.runs
    expect(run.tool.driver.rules.map((r) => r.id)).to.deep.equal(['ZT-NET-001', 'ZT-NET-002', 'ZT-RBAC-001'])
    expect(run.columnKind).to.equal('utf16CodeUnits')
    expect(run.results.map((r) => r.level)).to.deep.equal(['error', 'error', 'warning', 'note'])
  })

  it('maps each severity to a level and a security-severity in GitHub’s band', () => {
    const log = render(report(sample()))
    for (const rule of log.runs[0].tool.driver.rules) {
      const severity = rule.id === 'ZT-RBAC-001' ? 'critical' : rule.id === 'ZT-NET-001' ? 'high' : 'medium'
      const [low, high] = SEVERITY_BANDS[severity]
      expect(Number(rule.properties['security-severity'])).to.be.within(low, high)
    }
  })

  it('puts the region on the finding’s line and column, one line long, with the path percent-encoded per segment', () => {
    const [first, , , suppressed] = render(report(sample())).runs[0].results
    expect(first.locations[0].physicalLocation).to.deep.equal({artifactLocation: {uri: 'k8s/shop.yaml'}, region: {startLine: 4, startColumn: 3, endLine: 4}})
    expect(suppressed.locations[0].physicalLocation.artifactLocation.uri).to.equal('k8s/old%20stuff/ns%231.yaml')
  })

  it('gives objects without a file a stable synthetic path, and a line hash of its own', () => {
    const results = render(report(sample())).runs[0].results
    const clusterRole = results.find((r) => r.ruleId === 'ZT-RBAC-001') as SarifResult
    expect(clusterRole.locations[0].physicalLocation).to.deep.equal({artifactLocation: {uri: 'k8s/_cluster/ClusterRole/system%3Aaggregate-to-edit.yaml'}, region: {startLine: 1}})
    expect(clusterRole.partialFingerprints.primaryLocationLineHash).to.equal('fedcba9876543210:1')
    const stdin = results.find((r) => r.message.text.startsWith('Namespace cache')) as SarifResult
    expect(stdin.locations[0].physicalLocation.artifactLocation.uri).to.equal('k8s/_cluster/Namespace/cache.yaml')
    expect(syntheticUri({apiVersion: 'v1', kind: 'ConfigMap', namespace: 'a b', name: 'x/y'})).to.equal('k8s/a%20b/ConfigMap/x%2Fy.yaml')
    // upload-sarif hashes lines of real files itself; a hash of ours there would be inconsistent with it
    expect(results[0].partialFingerprints).to.not.have.property('primaryLocationLineHash')
  })

  it('writes one-line messages whose first sentence names the resource', () => {
    const results = render(report(sample())).runs[0].results
    expect(results.find((r) => r.ruleId === 'ZT-RBAC-001')?.message.text).to.equal('ClusterRole system:aggregate-to-edit: Grants every verb on every resource. Review it.')
    expect(results[0].message.text).to.equal('Namespace shop has no NetworkPolicy.')
  })

  it('marks suppressed findings with the exception’s justification, and gives every other result an empty list', () => {
    const results = render(report(sample())).runs[0].results
    const suppressed = results.find((r) => r.suppressions.length > 0) as SarifResult
    expect(suppressed.suppressions).to.deep.equal([{kind: 'external', status: 'accepted', justification: 'decommissioned', properties: {owner: 'platform', expires: '2026-12-31'}}])
    expect(results.filter((r) => r.suppressions.length === 0)).to.have.length(3)
  })

  it('keeps tags within GitHub’s limits, security and the category first, every framework among the ten GitHub keeps', () => {
    const rule: SarifRule = render(report(sample())).runs[0].tool.driver.rules[0]
    const {tags} = rule.properties
    expect(tags).to.have.length(GITHUB_LIMITS.tagsPerRule)
    expect(tags.slice(0, 2)).to.deep.equal(['security', 'default-deny'])
    const shown = tags.slice(0, GITHUB_LIMITS.tagsShown).join(' ')
    for (const framework of ['cis-k8s', 'nsa-cisa', 'nist-800-207', 'nist-800-53', 'pci-dss']) expect(shown).to.contain(`${framework}/`)
    expect(rule.properties.controls).to.have.length(30)
  })

  it('derives automationDetails.id from the source and target, so scans of different targets upload side by side', () => {
    expect(automationId(report([]))).to.equal('zt-audit/manifests/k8s/')
    const cluster = report([], {scan: {...report([]).scan, source: 'cluster', target: 'arn:aws:eks:eu-west-1:123:cluster/prod (https://ABC.gr7.eu-west-1.eks.amazonaws.com)'}})
    expect(automationId(cluster)).to.equal('zt-audit/cluster/arn-aws-eks-eu-west-1-123-cluster-prod-https-abc.gr7.eu-west-1.eks.amazonaws.com/')
    expect(render(report([]), {sarifCategory: 'prod/manifests'}).runs[0].automationDetails.id).to.equal('prod/manifests/')
  })

  it('always writes a results array, also without findings', () => {
    const log = render(report([]))
    expect(log.runs[0].results).to.deep.equal([])
    expectGitHubProfile(log)
  })

  it('builds help from the report alone when the rules’ metadata is not at hand, with the link GitHub does not show otherwise', () => {
    const rule: SarifRule = render(report(sample())).runs[0].tool.driver.rules[0]
    expect(rule.help.markdown).to.contain('## How to fix it\n\nAdd a default deny.')
    expect(rule.help.markdown).to.contain(`More: ${rule.helpUri}`)
  })

  it('keeps the 25,000 most severe results when there are more, and says so in the run and on the console', function () {
    this.timeout(120_000)
    const findings = Array.from({length: GITHUB_LIMITS.resultsPerRun + 2}, (_, i) =>
      finding({fingerprint: i.toString(16).padStart(32, '0'), severity: i === GITHUB_LIMITS.resultsPerRun + 1 ? 'critical' : 'low', resource: {apiVersion: 'v1', kind: 'Namespace', name: `ns-${i}`}, message: `Namespace ns-${i} has no NetworkPolicy.`}),
    )
    // the report's findings are sorted most severe first
    findings.unshift(findings.pop() as Finding)
    const big = report(findings)
    const log = JSON.parse(sarifReporter.render(big, {color: false}) as string) as SarifLog
    const [run] = log.runs
    expect(run.results).to.have.length(GITHUB_LIMITS.resultsPerRun)
    expect(run.results[0].level).to.equal('error')
    const notes = run.invocations[0].toolExecutionNotifications ?? []
    expect(notes[0].level).to.equal('warning')
    expect(notes[0].message.text).to.match(/^25002 results exceed GitHub's limit of 25000 per SARIF run/)
    expect(renderedSarifWarnings(big)).to.deep.equal([notes[0].message.text])
  })
})

// --- golden file -------------------------------------------------------------------------------------------

const FIXTURE = 'test/fixtures/sarif/multi-doc.yaml'
const GOLDEN = 'test/fixtures/sarif/multi-doc.sarif'
/** The rules the golden file covers; later rules (mesh, TLS, RBAC, versions) are kept out so it stays put. */
const GOLDEN_RULES = new Set(['ZT-NET-001', 'ZT-NET-002', 'ZT-NET-004', 'ZT-NET-005', 'ZT-EGR-001', 'ZT-EGR-002', 'ZT-EGR-006'])

/** Where each result must land: the document (Kind/name) holding the offending field, its line, and the field. */
const EXPECTED_LINES: Record<string, {document: string; line: number; field: string}[]> = {
  'ZT-NET-001 Namespace legacy': [{document: 'Namespace/legacy', line: 64, field: 'net.beta.kubernetes.io/network-policy:'}],
  'ZT-NET-002 Namespace legacy': [{document: 'Namespace/legacy', line: 64, field: 'net.beta.kubernetes.io/network-policy:'}],
  // the near miss: default-deny isolates ingress only
  'ZT-NET-002 Namespace shop': [{document: 'NetworkPolicy/default-deny', line: 16, field: 'policyTypes:'}],
  'ZT-NET-004 StatefulSet legacy/db': [
    {document: 'StatefulSet/db', line: 78, field: 'labels:'},
    {document: 'StatefulSet/db', line: 78, field: 'labels:'},
  ],
  'ZT-EGR-001 NetworkPolicy shop/web-egress': [{document: 'NetworkPolicy/web-egress', line: 36, field: 'cidr: 0.0.0.0/0'}],
  'ZT-EGR-002 NetworkPolicy shop/web-egress': [{document: 'NetworkPolicy/web-egress', line: 37, field: 'ports:'}],
  'ZT-NET-005 NetworkPolicy partners/from-everywhere': [{document: 'NetworkPolicy/from-everywhere', line: 99, field: 'namespaceSelector: {}'}],
  'ZT-EGR-006 NetworkPolicy partners/from-everywhere': [{document: 'NetworkPolicy/from-everywhere', line: 102, field: 'namespaceSelector: {}'}],
}

/** The line range of each YAML document in the file, by Kind/name. */
function documentRanges(text: string): Map<string, [number, number]> {
  const lines = text.split('\n')
  const ranges = new Map<string, [number, number]>()
  let start = 1
  const close = (end: number): void => {
    const doc = lines.slice(start - 1, end)
    const kind = doc.find((l) => l.startsWith('kind: '))?.slice(6)
    const name = doc.find((l) => /^ {2}name: /.test(l))?.trim().slice(6)
    if (kind && name) ranges.set(`${kind}/${name}`, [start, end])
  }
  lines.forEach((line, i) => {
    if (line === '---') {
      close(i)
      start = i + 2
    }
  })
  close(lines.length)
  return ranges
}

describe('SARIF golden: a multi-document manifest', () => {
  let log: SarifLog
  before(async () => {
    const outcome = await scan({manifests: [FIXTURE], now: new Date('2026-06-01T00:00:00Z')}, {version: '1.0.0'})
    const full = outcome.report
    const only: AuditReport = {
      ...full,
      scan: {...full.scan, rules: full.scan.rules.filter((id) => GOLDEN_RULES.has(id))},
      rules: full.rules.filter((r) => GOLDEN_RULES.has(r.id)),
      findings: full.findings.filter((f) => GOLDEN_RULES.has(f.ruleId)),
    }
    const text = renderSarif(only).text
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, text)
    expect(text, `${GOLDEN} is out of date (UPDATE_GOLDEN=1 rewrites it)`).to.equal(readFileSync(GOLDEN, 'utf8'))
    log = JSON.parse(text) as SarifLog
  })

  it('meets GitHub’s profile', () => {
    expectGitHubProfile(log)
    expect(log.runs[0].automationDetails.id).to.equal('zt-audit/manifests/test-fixtures-sarif-multi-doc.yaml/')
  })

  it('puts every result on the line of its offending field, inside the document that defines it', () => {
    const text = readFileSync(FIXTURE, 'utf8')
    const lines = text.split('\n')
    const documents = documentRanges(text)
    const expected = structuredClone(EXPECTED_LINES)
    const results = log.runs[0].results
    expect(results).to.have.length(Object.values(EXPECTED_LINES).flat().length)
    for (const result of results) {
      const key = `${result.ruleId} ${result.properties.resource}`
      const want = expected[key]?.shift()
      expect(want, `an expected place for ${key}`).to.not.equal(undefined)
      const {artifactLocation, region} = result.locations[0].physicalLocation
      expect(artifactLocation.uri).to.equal(FIXTURE)
      expect(region.startLine, key).to.equal(want?.line)
      expect(region.endLine).to.equal(region.startLine)
      expect(lines[region.startLine - 1].slice((region.startColumn ?? 1) - 1), key).to.match(new RegExp(`^${want?.field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
      const [from, to] = documents.get(want?.document ?? '') ?? [0, 0]
      expect(region.startLine, `${key} lies in ${want?.document}`).to.be.within(from, to)
    }
  })
})
