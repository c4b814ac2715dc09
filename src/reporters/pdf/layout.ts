import {readFileSync} from 'node:fs'

import {assetPath} from '../../util/assets.js'

export type Face = 'regular' | 'bold' | 'mono'

/** Page, type and colour settings of the PDF report, kept as data in templates/pdf/layout.json. */
export interface Layout {
  page: {size: string; margins: {top: number; bottom: number; left: number; right: number}}
  fonts: Record<Face, string>
  sizes: {cover: number; h1: number; h2: number; h3: number; body: number; small: number; footer: number}
  colors: Record<string, string>
  limits: {inputErrors: number}
}

let cached: Layout | undefined

export function pdfLayout(): Layout {
  cached ??= JSON.parse(readFileSync(assetPath('templates', 'pdf', 'layout.json'), 'utf8')) as Layout
  return cached
}

/** A colour by name, falling back to the text colour for names the layout does not define. */
export function color(layout: Layout, name: string): string {
  return layout.colors[name] ?? layout.colors.text
}
