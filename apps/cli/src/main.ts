import 'reflect-metadata';

/**
 * The `duban` command: `npm run duban -- <command> [args]`.
 * Each command lives in its own module and is loaded lazily, so `plan parse` never boots NestJS
 * or touches the database.
 */
export interface CliCommand {
  /** Runs the command; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

type Loader = () => Promise<{ command: CliCommand }>;

const commands: Record<string, { describe: string; load: Loader }> = {
  'plan parse': {
    describe: 'plan parse <file> --json   parse a plan document and print it as JSON (no database)',
    load: () => import('./commands/plan-parse.command.js'),
  },
  'plan import': {
    describe: 'plan import <file> [--jurisdiction <code>] [--publish] [--as <user>]   import a plan document as a draft (prints its problems); --publish when none block',
    load: () => import('./commands/plan-import.command.js'),
  },
  'plan policy': {
    describe: 'plan policy <planId> [--set <file.json>] [--json]   print a plan\'s escalation policy (reminder days, ladder, thresholds); --set replaces its overrides',
    load: () => import('./commands/plan-policy.command.js'),
  },
  migrate: {
    describe: 'migrate [--revert]         run pending migrations on DATABASE_URL (creates the database); --revert undoes the last',
    load: () => import('./commands/migrate.command.js'),
  },
  seed: {
    describe: 'seed [<jurisdiction>]      departments of seeds/registry/<jurisdiction>.json and demo users (default chuxiong)',
    load: () => import('./commands/seed.command.js'),
  },
  demo: {
    describe: 'demo [--once]              migrate, seed, walk the sample plan through the lifecycle, keep the API running',
    load: () => import('./commands/demo.command.js'),
  },
  simulate: {
    describe: 'simulate --from <date> --to <date> [--step 1d]   run the deadline engine over the plans in the database under a simulated clock; per-month summary',
    load: () => import('./commands/simulate.command.js'),
  },
  scores: {
    describe: 'scores <year> [--jurisdiction <code>] [--recompute]   the year\'s assessment table: rank, unit, score, grade, top deductions',
    load: () => import('./commands/scores.command.js'),
  },
};

function usage(): string {
  const lines = Object.values(commands).map((c) => `  ${c.describe}`);
  return ['usage: npm run duban -- <command>', '', 'commands:', ...lines].join('\n');
}

async function main(argv: string[]): Promise<number> {
  // Longest match first, so `plan parse` wins over a future `plan`.
  const names = Object.keys(commands).sort((a, b) => b.split(' ').length - a.split(' ').length);
  for (const name of names) {
    const words = name.split(' ');
    if (words.every((w, i) => argv[i] === w)) {
      const { command } = await commands[name].load();
      return command.run(argv.slice(words.length));
    }
  }
  process.stderr.write(`${argv.length ? `unknown command: ${argv.join(' ')}\n\n` : ''}${usage()}\n`);
  return argv.length ? 2 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
