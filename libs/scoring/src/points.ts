/**
 * Points are kept as integer hundredths ("cents") while summing so that a score is exactly the sum
 * of its ledger lines; binary floating point would otherwise drift (0.1 + 0.2 ≠ 0.3).
 * Every line is rounded once, half away from zero, to two decimals when it is created.
 */
export function toCents(points: number): number {
  // The epsilon makes 0.225 * 100 = 22.499999… round as the official expects (23); it is far
  // below any real third decimal, so it never changes an honest value.
  const cents = Math.round(Math.abs(points) * 100 + 1e-7);
  return points < 0 ? -cents : cents;
}

export function fromCents(cents: number): number {
  return cents / 100;
}

/** Rounds to two decimals, half away from zero; -0 becomes 0. */
export function roundPoints(points: number): number {
  const value = fromCents(toCents(points));
  return value === 0 ? 0 : value;
}

export function sumPoints(values: readonly number[]): number {
  let cents = 0;
  for (const value of values) cents += toCents(value);
  return fromCents(cents) || 0;
}

/** "2.5", "0.05", "100": no trailing zeros, as written in Chinese assessment notices. */
export function formatPoints(points: number): string {
  return String(roundPoints(Math.abs(points)));
}

/** "1.2" for multipliers and weights; up to four decimals. */
export function formatFactor(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** "45%" */
export function formatPercent(share: number): string {
  return `${Number((share * 100).toFixed(2))}%`;
}
