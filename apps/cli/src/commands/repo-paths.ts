import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The checkout's root, found from this file rather than the working directory, so the CLI runs from anywhere. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export const REGISTRY_DIR = join(REPO_ROOT, 'seeds/registry');
export const PLANS_DIR = join(REPO_ROOT, 'seeds/plans');

export function registryFile(jurisdiction: string): string {
  return join(REGISTRY_DIR, `${jurisdiction}.json`);
}

export function samplePlanFile(jurisdiction: string): string {
  return join(PLANS_DIR, `${jurisdiction}-sample.json`);
}
