import type Handlebars from 'handlebars'

import {plural} from './text.js'

/**
 * Every helper the templates may call, registered in one place. They return plain values, never
 * SafeString, so whatever they produce is still escaped by `{{ }}`.
 */
export function registerHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b)
  hbs.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b))
  hbs.registerHelper('upper', (s: unknown) => String(s).toUpperCase())
  hbs.registerHelper('plural', (count: unknown, one: unknown, many: unknown) =>
    plural(Number(count), String(one), typeof many === 'string' ? many : undefined),
  )
  hbs.registerHelper('join', (list: unknown, separator: unknown) => (Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : ''))
}
