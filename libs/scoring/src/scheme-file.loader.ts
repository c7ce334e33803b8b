import { readFile } from 'node:fs/promises';
import { parseScoringScheme } from './scheme.loader.js';
import { SchemeValidationError } from './scheme-validation.error.js';
import type { ScoringScheme } from './scoring-scheme.types.js';

/** Reads and validates a scheme JSON file the caller names; errors say which file and field. */
export async function loadSchemeFile(path: string): Promise<ScoringScheme> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SchemeValidationError([{ field: '(文件)', message: `不是合法的 JSON：${(error as Error).message}` }], path);
  }
  return parseScoringScheme(json, path);
}
