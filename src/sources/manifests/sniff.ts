// Decisions made from the first KiB of an input.

/** Why the input is not text that could hold manifests, or undefined when it may be. */
export function textProblem(head: Buffer): string | undefined {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return 'UTF-16 text is not supported (save the file as UTF-8); skipped'
  }
  if (head.includes(0)) return 'binary file; skipped'
  try {
    // streaming mode: a character cut at the end of the sample is not an error
    new TextDecoder('utf-8', {fatal: true}).decode(head, {stream: true})
  } catch {
    return 'binary file; skipped'
  }
  return undefined
}

/** The first character after any byte order mark and blanks opens a JSON object or array. */
export function startsLikeJson(head: Buffer): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++
  return head[i] === 0x7b || head[i] === 0x5b
}
