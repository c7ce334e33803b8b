import { describe, it, expect } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { parsePlan, PlanParseError, type ParsedPlan } from '@duban/plan-parser';
import { SEED_DOCUMENTS_DIR } from '../support/seed-documents.js';

/**
 * The seed plans as people also receive them: in traditional characters, in GB18030, cut off at any
 * point. The parser must give the same reading (or a clean PlanParseError), never crash.
 */
const SEEDS = ['chuxiong-2023-2025-education-action-plan.txt', 'fushun-2021-2025-education-plan.txt', 'jiangmen-2023-2027-county-education-action-plan.txt', 'bazhong-2024-six-actions.txt', 'dazhou-2022-work-briefing.txt'];
const DIRS = [SEED_DOCUMENTS_DIR];
const seedText = (name: string) => {
  for (const d of DIRS) if (existsSync(join(d, name))) return readFileSync(join(d, name), 'utf8');
  throw new Error(`seed ${name} not found in ${DIRS.join(', ')}`);
};
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const reading = (p: ParsedPlan) =>
  p.items.map((i) => [i.path, i.kind, i.deadline, i.recurrence, i.targets.map((t) => [t.value, t.comparator]), i.departments.lead.length, i.departments.support.length]);

describe.each(SEEDS)('%s', (name) => {
  it('reads the same in traditional characters and in GB18030', async () => {
    const text = seedText(name);
    const simplified = await parsePlan({ bytes: Buffer.from(text), fileName: name });
    const traditional = await parsePlan({ bytes: Buffer.from(toTraditional(text)), fileName: name });
    const gb = await parsePlan({ bytes: iconv.encode(text, 'gb18030'), fileName: name });
    expect(reading(traditional)).toEqual(reading(simplified));
    expect(gb).toEqual(simplified);
  });

  it('reads a copy that lost its line breaks like the original', async () => {
    const text = seedText(name);
    const original = await parsePlan({ bytes: Buffer.from(text), fileName: name });
    const flat = await parsePlan({ bytes: Buffer.from(text.replace(/\n+/g, '  ')), fileName: name });
    const tasks = (p: ParsedPlan) => p.items.filter((i) => i.kind === 'task').map((i) => [i.path, i.deadline, i.departments.lead]);
    // The ◆ briefing and the news article depend on their lines; the numbered plans must survive.
    if (/chuxiong|fushun|jiangmen/.test(name)) expect(tasks(flat)).toEqual(tasks(original));
    else expect(flat.items.length).toBeGreaterThan(0);
  });

  it('never crashes on a truncated copy, and keeps the items before the cut', async () => {
    const bytes = Buffer.from(seedText(name));
    const full = await parsePlan({ bytes, fileName: name });
    for (let k = 1; k <= 12; k++) {
      const cut = Math.floor((bytes.length * k) / 13) + (k % 3); // also cuts inside multi-byte characters
      let plan: ParsedPlan;
      try {
        plan = await parsePlan({ bytes: bytes.subarray(0, cut), fileName: name });
      } catch (err) {
        expect(err).toBeInstanceOf(PlanParseError);
        continue;
      }
      const paths = new Set(full.items.map((i) => i.path));
      // Every item found in the cut copy is an item of the full document (the last one may be shorter).
      expect(plan.items.filter((i) => !paths.has(i.path)).map((i) => i.path)).toEqual([]);
    }
  });
});
