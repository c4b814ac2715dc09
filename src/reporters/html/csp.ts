import {createHash} from 'node:crypto'

/** The CSP source expression that allows exactly this inline element content. */
export function hashSource(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`
}

/**
 * Nothing may load: no network, no frames, no forms; the one inline style and script run only because
 * their hashes match; images only as data: URLs (the favicon placeholder).
 */
export function contentSecurityPolicy(style: string, script: string): string {
  return [
    "default-src 'none'",
    `style-src ${hashSource(style)}`,
    `script-src ${hashSource(script)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}
