import { createServer } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@duban/config';
import { CliError, assertRedisAnswers, explain, withCliErrors } from '../../apps/cli/src/commands/cli-errors.js';
import { TEST_REDIS_URL } from '../support/test-queues.js';

describe('CLI errors', () => {
  it('explains a refused Postgres connection with what to set', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5499'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 5499 });
    expect(explain(refused)).toMatch(/PostgreSQL（127\.0\.0\.1:5499）.*DATABASE_URL/);
    expect(explain(new ConfigError('DATABASE_URL is not a valid URL'))).toBe('DATABASE_URL is not a valid URL');
    expect(explain(new TypeError('a bug'))).toBeNull();
  });

  it('turns known failures into exit code 1 and lets bugs through with their stack', async () => {
    await expect(withCliErrors('x', async () => { throw new CliError('what to do'); })).resolves.toBe(1);
    await expect(withCliErrors('x', async () => { throw new TypeError('a bug'); })).rejects.toThrow(TypeError);
  });

  it('pings Redis, and names REDIS_URL when nothing answers', async () => {
    await expect(assertRedisAnswers(TEST_REDIS_URL)).resolves.toBeUndefined();
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    await expect(assertRedisAnswers(`redis://127.0.0.1:${port}`)).rejects.toThrow(/无法连接 Redis.*REDIS_URL/);
  });
});
