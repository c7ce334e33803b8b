import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { ScoreTable } from '@duban/assessment';
import { FixedClock } from '@duban/clock';
import { DeadlineSimulation, type MonthSummary } from '@duban/deadlines';
import { REPO_ROOT } from './repo-paths.js';
import { scoresTable } from './scores.command.js';
import { ensureCalendar } from './simulate.command.js';

/**
 * The simulated window for an assessment year: the year itself plus the January after it, because
 * the escalation ladder of the year-end deadlines (+1 / +5 / +10 working days) runs in that January.
 */
export function simulationWindow(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year + 1}-01-31` };
}

export interface SimulatedYear {
  from: string;
  to: string;
  ticks: number;
  months: MonthSummary[];
  seconds: number;
}

/**
 * The deadline engine over the window, one tick per simulated day, through the same
 * DeadlineSimulation the `simulate` command runs (sweep, report requests, delivery to counting
 * stubs); a FixedClock follows the ticks. Runs over every task in the database whose next action
 * falls in the window.
 */
export async function simulateYear(ds: DataSource, year: number): Promise<SimulatedYear> {
  await ensureCalendar(ds);
  const { from, to } = simulationWindow(year);
  const clock = new FixedClock(`${from}T00:00:00+08:00`);
  const started = Date.now();
  const result = await new DeadlineSimulation(ds).run({ from, to, stepMs: 86_400_000, onTick: (now) => clock.set(now) });
  return { from, to, ticks: result.ticks, months: result.months, seconds: (Date.now() - started) / 1000 };
}

export function simulationTotals(months: readonly MonthSummary[]): { reminders: number; urge: number; supervise: number; escalate: number; digests: number } {
  const sum = (f: (m: MonthSummary) => number) => months.reduce((a, m) => a + f(m), 0);
  return {
    reminders: sum((m) => m.reminders),
    urge: sum((m) => m.escalations.urge),
    supervise: sum((m) => m.escalations.supervise),
    escalate: sum((m) => m.escalations.escalate),
    digests: sum((m) => m.digests),
  };
}

/**
 * The year's scores as `scores <year> --jurisdiction <code> --open --scheme <jurisdiction>` computes
 * them: the seeds/scoring schemes registered, the year opened under the jurisdiction's own scheme
 * (the default one when it has none), every member recomputed from its tasks and escalation steps.
 */
export async function scoreYear(ds: DataSource, year: number, jurisdiction: string): Promise<ScoreTable> {
  const schemeId = existsSync(join(REPO_ROOT, 'seeds/scoring', `${jurisdiction}.json`)) ? jurisdiction : 'default';
  return scoresTable(ds, { year, jurisdiction, recompute: true, open: true, scheme: { id: schemeId, version: null } });
}
