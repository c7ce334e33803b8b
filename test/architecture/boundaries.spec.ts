import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

/**
 * The layering ARCHITECTURE.md promises, checked on the source: apps never import each other,
 * libs never import apps, and the pure domain libs import no framework or I/O library.
 */
const ROOT = process.cwd();
const PURE_LIBS = ['domain', 'clock', 'calendar', 'escalation', 'registry', 'scoring', 'plan-parser'];
const IO_PACKAGES = /^(@nestjs\/|typeorm$|bullmq$|ioredis$|pg$|express$|nodemailer$)/;

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(sourceFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) out.push(p);
  }
  return out;
}

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    specs.push(m[1] ?? m[2]);
  }
  return specs;
}

function topOf(absPath: string): string {
  const rel = relative(ROOT, absPath).split('/');
  return `${rel[0]}/${rel[1]}`;
}

describe('module boundaries', () => {
  const files = [...sourceFiles(join(ROOT, 'apps')), ...sourceFiles(join(ROOT, 'libs'))];

  it('finds the source to check', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('keeps apps out of each other and libs out of apps', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = topOf(file);
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = topOf(resolve(dirname(file), spec));
        if (target !== from && target.startsWith('apps/')) violations.push(`${relative(ROOT, file)} imports ${spec}`);
        if (target !== from && from.startsWith('libs/') && target.startsWith('libs/')) {
          violations.push(`${relative(ROOT, file)} reaches into ${target} by a relative path (use @duban/…)`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it.each(PURE_LIBS)('keeps libs/%s free of NestJS, TypeORM, queues and network I/O', (lib) => {
    const violations = sourceFiles(join(ROOT, 'libs', lib)).flatMap((file) =>
      importsOf(file)
        .filter((spec) => IO_PACKAGES.test(spec) || (spec.startsWith('@duban/') && !PURE_LIBS.includes(spec.slice(7))))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    expect(violations).toEqual([]);
  });
});
