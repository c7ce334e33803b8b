import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { ScoreTable } from '@duban/assessment';
import { DeadlineSimulation, type MonthSummary } from '@duban/deadlines';
import { REPO_ROOT } from './repo-paths.js';
import { scoresTable } from './scores.command.js';
import { ensureCalendar } from './simulate.command.js';

/**
 * The simulated span for an assessment year, starting on `firstDay` (the day the demo plan is
 * dispatched): through the January after the year, because the escalation ladder of the year-end
 * deadlines (+1 / +5 / +10 working days) runs in that January.
 */
export function simulationWindow(firstDay: string, year: number): { from: string; to: string } {
  return { from: firstDay, to: `${year + 1}-01-31` };
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
 * stubs). `onTick` runs before each tick's sweep: the demo plays the scenario steps due by then,
 * on the walk's FixedClock, so each sweep sees the tasks as they stood that day. Runs over every
 * task in the database whose next action falls in the window.
 */
export async function simulateYear(
  ds: DataSource,
  window: { from: string; to: string },
  onTick?: (now: Date) => Promise<unknown>,
): Promise<SimulatedYear> {
  await ensureCalendar(ds);
  const started = Date.now();
  const result = await new DeadlineSimulation(ds).run({ ...window, stepMs: 86_400_000, onTick: async (now) => void (await onTick?.(now)) });
  return { ...window, ticks: result.ticks, months: result.months, seconds: (Date.now() - started) / 1000 };
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
