/**
 * A piece of the document in both forms: `orig` as written (reported to the user) and `norm`
 * (half-width, simplified; used for matching). Equal lengths, so indices carry over.
 */
export interface TextSpan {
  orig: string;
  norm: string;
}

export function span(orig: string, norm: string): TextSpan {
  return { orig, norm };
}

export function sliceSpan(s: TextSpan, from: number, to?: number): TextSpan {
  return { orig: s.orig.slice(from, to), norm: s.norm.slice(from, to) };
}

export function joinSpans(parts: TextSpan[], sep = '\n'): TextSpan {
  return { orig: parts.map((p) => p.orig).join(sep), norm: parts.map((p) => p.norm).join(sep) };
}

export function trimSpan(s: TextSpan): TextSpan {
  const start = s.norm.length - s.norm.trimStart().length;
  const end = s.norm.trimEnd().length;
  return sliceSpan(s, start, Math.max(start, end));
}

/** Removes trailing sentence punctuation so a heading reads as a title. */
export function stripTrailingPunctuation(s: TextSpan): TextSpan {
  let end = s.norm.length;
  while (end > 0 && /[。;:,.、!?\s]/.test(s.norm[end - 1])) end--;
  return sliceSpan(s, 0, end);
}
