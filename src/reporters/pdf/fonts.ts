import {assetPath} from '../../util/assets.js'
import {codePoint} from '../html/text.js'
import type {Face, Layout} from './layout.js'

/** What pdfkit keeps of a TrueType font once it is selected; not part of its typings. */
interface LoadedFont {
  font?: {hasGlyphForCodePoint?(cp: number): boolean}
}

export type Printable = (text: string, face: Face) => string

/**
 * Registers the fonts shipped in templates/fonts/ (see its README) and returns a function that makes a
 * string printable in a face: characters the font lacks become their code point, e.g. [U+65E5], rather
 * than an empty box that neither a reader nor a text extractor could make sense of.
 */
export function registerFonts(doc: PDFKit.PDFDocument, layout: Layout): Printable {
  const has = {} as Record<Face, (cp: number) => boolean>
  for (const face of Object.keys(layout.fonts) as Face[]) {
    doc.registerFont(face, assetPath('templates', 'fonts', layout.fonts[face]))
    doc.font(face)
    const loaded = (doc as unknown as {_font?: LoadedFont})._font?.font
    const check = loaded?.hasGlyphForCodePoint?.bind(loaded)
    const seen = new Map<number, boolean>()
    has[face] = (cp) => {
      let known = seen.get(cp)
      if (known === undefined) seen.set(cp, (known = check ? check(cp) : true))
      return known
    }
  }
  doc.font('regular')
  return (text, face) => {
    // most text is plain ASCII, which every face covers
    if (/^[\x20-\x7E\n]*$/.test(text)) return text
    let out = ''
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0
      out += cp === 10 || has[face](cp) ? ch : codePoint(cp)
    }
    return out
  }
}
