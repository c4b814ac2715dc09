import Handlebars from 'handlebars'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {assetPath} from '../../util/assets.js'
import {contentSecurityPolicy} from './csp.js'
import {registerHelpers} from './helpers.js'

export interface HtmlTemplate {
  render(context: object): string
  /** inline content, trusted: it comes from the package, never from the report */
  style: string
  script: string
  csp: string
}

let cached: HtmlTemplate | undefined

/**
 * The report template with its partials, compiled once per process in an isolated Handlebars
 * environment. Strict mode: a misspelt field throws instead of rendering as nothing. preventIndent:
 * partials must not indent the content of <pre> blocks.
 */
export function htmlTemplate(): HtmlTemplate {
  if (cached) return cached
  const hbs = Handlebars.create()
  registerHelpers(hbs)
  const options = {strict: true, preventIndent: true}
  const partials = assetPath('templates', 'html', 'partials')
  for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs')).sort()) {
    hbs.registerPartial(path.basename(file, '.hbs'), hbs.compile(readFileSync(path.join(partials, file), 'utf8'), options))
  }
  const main = hbs.compile(readFileSync(assetPath('templates', 'html', 'report.hbs'), 'utf8'), options)
  const style = readFileSync(assetPath('templates', 'html', 'report.css'), 'utf8')
  const script = readFileSync(assetPath('templates', 'html', 'report.js'), 'utf8')
  cached = {render: (context) => main(context), style, script, csp: contentSecurityPolicy(style, script)}
  return cached
}
