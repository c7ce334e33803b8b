import { Converter } from 'opencc-js/t2cn';
import type { Script } from './plan.types.js';

/**
 * Matching happens on a normalized copy of each line (half-width ASCII punctuation, simplified
 * characters) while every value the parser reports is sliced from the original text. Both copies
 * have the same length, so an index into one is an index into the other.
 */
export interface SourceLine {
  /** 1-based line number in the decoded input. */
  no: number;
  orig: string;
  norm: string;
}

const toSimplified = Converter({ from: 't', to: 'cn' });

/** Full-width ASCII → half-width, ideographic/nbsp space → space; one char in, one char out. */
export function foldWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0\u2002\u2003\u2009\t]/g, ' ');
}

/** Traditional → simplified, keeping the length (phrase conversion first, per character if it drifts). */
export function simplify(s: string): string {
  const whole = toSimplified(s);
  if (whole.length === s.length) return whole;
  return [...s].map((c) => {
    const one = toSimplified(c);
    return one.length === c.length ? one : c;
  }).join('');
}

export function normalizeText(s: string): string {
  return simplify(foldWidth(s));
}

export function toSourceLines(text: string): SourceLine[] {
  const origs = text.split(/\r\n|\r|\n/);
  // One conversion for the whole text is much cheaper than one per line; fall back per line if a
  // phrase conversion changed a length somewhere.
  const norms = normalizeText(origs.join('\n')).split('\n');
  const aligned = norms.length === origs.length && norms.every((n, i) => n.length === origs[i].length);
  return origs.map((orig, i) => ({ no: i + 1, orig, norm: aligned ? norms[i] : normalizeText(orig) }));
}

/** Traditional when a noticeable share of Han characters change under simplification. */
export function detectScript(lines: SourceLine[]): Script {
  let han = 0;
  let changed = 0;
  for (const l of lines) {
    han += l.norm.match(HAN)?.length ?? 0;
    if (l.orig === l.norm) continue;
    const o = foldWidth(l.orig);
    // Only characters that simplification changed need a closer look.
    for (let i = 0; i < o.length; i++) if (o[i] !== l.norm[i]) changed++;
  }
  return han > 0 && changed / han > 0.03 ? 'traditional' : 'simplified';
}

const HAN = /\p{Script=Han}/gu;
