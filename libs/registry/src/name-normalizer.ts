import { toSimplified } from './chinese-script.js';

/** Punctuation that never carries meaning inside a unit name (after NFKC folding). */
const PUNCTUATION = /[()[\]{}【】〔〕「」『』“”"'‘’·•・、，,。.;；:：/\\\-—–_<>《》〈〉!！?？…~～|]/g;

/**
 * The key used for exact and alias matching: only typography is ignored (full/half width via NFKC,
 * whitespace, a pair of brackets around the whole name as in "（大竹县教科局）").
 */
export function lightKey(name: string): string {
  let key = name.normalize('NFKC').replace(/\s+/g, '');
  while (/^\((.*)\)$/.test(key)) key = key.slice(1, -1);
  return key;
}

/**
 * How a jurisdiction refers to itself: full place names (楚雄彝族自治州, 楚雄州) and the one-character
 * level word documents use instead (州 / 市). Used to fold "楚雄州财政局" and "州财政局" together.
 */
export interface JurisdictionNaming {
  readonly placeNames: readonly string[];
  readonly level: string;
}

/**
 * The key used for fuzzy matching and collective detection: simplified script, no punctuation,
 * 人民政府 → 政府, no leading 中共, and the jurisdiction's own place name replaced by its level word.
 */
export function coreKey(name: string, naming: JurisdictionNaming): string {
  let key = toSimplified(lightKey(name)).replace(PUNCTUATION, '');
  key = key.replace(/人民政府/g, '政府').replace(/^(?:中国共产党|中共)/, '');
  for (const place of naming.placeNames) {
    if (key.startsWith(place)) {
      key = naming.level + key.slice(place.length);
      break;
    }
  }
  return key;
}

/** Derives the naming from the root government's name and aliases (楚雄彝族自治州人民政府 → 楚雄彝族自治州). */
export function namingFromRoot(rootName: string, rootAliases: readonly string[]): JurisdictionNaming {
  const places = new Set<string>();
  for (const label of [rootName, ...rootAliases]) {
    const place = lightKey(label).replace(/(?:人民政府|政府)$/, '');
    if (place.length >= 2) places.add(place);
  }
  const placeNames = [...places].sort((a, b) => b.length - a.length);
  const main = lightKey(rootName).replace(/(?:人民政府|政府)$/, '');
  const level = main.slice(-1) || '市';
  return { placeNames, level };
}
