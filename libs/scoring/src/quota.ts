import type { QuotaRounding } from './scoring-scheme.types.js';

/** How many units of a group of `size` a share allows, e.g. 10% of 25 with floor → 2. */
export function quotaCount(size: number, share: number, rounding: QuotaRounding): number {
  // toFixed guards against 0.15 * 20 = 2.9999999999999996 flooring to 2.
  const exact = Number((size * share).toFixed(9));
  switch (rounding) {
    case 'floor':
      return Math.floor(exact);
    case 'ceil':
      return Math.ceil(exact);
    case 'round':
      return Math.round(exact);
  }
}
