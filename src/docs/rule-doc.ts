import type {RuleMeta} from '../sdk/types.js'

const FRAMEWORK_NAMES: Readonly<Record<string, string>> = {
  'cis-k8s': 'CIS Kubernetes Benchmark',
  'nsa-cisa': 'NSA/CISA Kubernetes Hardening Guidance',
  'nist-800-207': 'NIST SP 800-207 (Zero Trust Architecture)',
  'nist-800-204a': 'NIST SP 800-204A (service mesh)',
  'nist-800-204b': 'NIST SP 800-204B (attribute-based access control for microservices)',
  'nist-800-53': 'NIST SP 800-53 Rev. 5',
  'pci-dss': 'PCI DSS v4.0.1',
}

export function frameworkName(id: string): string {
  return FRAMEWORK_NAMES[id] ?? id
}

/** A rule's documentation page, generated from its metadata alone (`zt-audit rules show`, rules/<category>/<slug>/README.md). */
export function renderRuleDoc(meta: RuleMeta): string {
  const out: string[] = []
  out.push(`# ${meta.id}: ${meta.title}`, '')
  out.push('| | |', '|---|---|')
  out.push(`| Category | \`${meta.category}\` |`)
  out.push(`| Severity | ${meta.severity} |`)
  out.push(`| Checks each | ${meta.target} |`)
  out.push(`| Reads | ${meta.reads.join(', ')} |`)
  out.push('')
  out.push('## What it checks', '', meta.description.trim(), '')
  if (meta.severityNotes) out.push('## Severity', '', meta.severityNotes.trim(), '')
  out.push('## How to fix it', '', meta.remediation.trim(), '')
  if (meta.example) out.push('## Example that passes', '', '```yaml', meta.example.trim(), '```', '')
  const frameworks = Object.entries(meta.controls).filter(([, ids]) => ids.length > 0)
  if (frameworks.length > 0) {
    out.push('## Controls', '')
    for (const [framework, ids] of frameworks) out.push(`- ${frameworkName(framework)}: ${ids.join(', ')}`)
    out.push('')
  }
  if (meta.helpUri) out.push(`More: ${meta.helpUri}`, '')
  return `${out.join('\n').trimEnd()}\n`
}
