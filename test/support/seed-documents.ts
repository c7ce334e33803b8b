import { join } from 'node:path';

/**
 * The five real plan documents the product is built for, kept in the repo (they are public
 * government documents) so tests, the demo and benchmarks work on a fresh clone.
 */
export const SEED_DOCUMENTS_DIR = join(process.cwd(), 'seeds/plans/documents');

export const SEED_DOCUMENTS = [
  'bazhong-2024-six-actions.txt',
  'chuxiong-2023-2025-education-action-plan.txt',
  'dazhou-2022-work-briefing.txt',
  'fushun-2021-2025-education-plan.txt',
  'jiangmen-2023-2027-county-education-action-plan.txt',
] as const;
