/** Character bigrams with multiplicity. */
function bigrams(text: string): Map<string, number> {
  const chars = [...text];
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    out.set(gram, (out.get(gram) ?? 0) + 1);
  }
  return out;
}

/** Sørensen–Dice over character bigrams: robust to extra or missing words. */
export function bigramDice(a: string, b: string): number {
  if (a === b) return 1;
  const ga = bigrams(a);
  const gb = bigrams(b);
  let total = 0;
  let common = 0;
  for (const n of ga.values()) total += n;
  for (const [gram, n] of gb) {
    total += n;
    common += Math.min(n, ga.get(gram) ?? 0);
  }
  return total === 0 ? 0 : (2 * common) / total;
}

/** 1 − Levenshtein distance / longer length: catches a single wrong character in a short name. */
export function editSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = [...a];
  const y = [...b];
  if (x.length === 0 || y.length === 0) return 0;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return 1 - prev[y.length]! / Math.max(x.length, y.length);
}

/**
 * One name written inside the other ("财政" in "财政局", "教育体育局" in "禄丰教育体育局"): at least
 * 0.6, rising with how much of the longer name the shorter one covers.
 */
export function containment(a: string, b: string): number {
  const [short, long] = [...a].length <= [...b].length ? [a, b] : [b, a];
  const shortLen = [...short].length;
  if (shortLen < 2 || !long.includes(short)) return 0;
  return 0.6 + 0.4 * (shortLen / [...long].length);
}

/** Similarity in [0, 1]: the best of bigram Dice, edit similarity and containment. */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return Math.max(bigramDice(a, b), editSimilarity(a, b), containment(a, b));
}
