import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@duban/clock';

export interface DirtyMark {
  year: number;
  departmentId: string;
}

export type MarkOutcome = { outcome: 'marked'; marks: DirtyMark[] } | { outcome: 'skipped'; why: string };

/**
 * Marks the (year, department) pairs a task event can move. Idempotent and order-free: it reloads
 * the event from Postgres and only upserts marks, so a duplicate or out-of-order delivery changes
 * nothing but `marked_at`. A reassignment dirties both departments, an extension both years.
 */
@Injectable()
export class ScoreDirtyMarker {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async markForEvent(eventId: string): Promise<MarkOutcome> {
    const rows: Array<{ department_id: string; due_date: string; payload: Record<string, unknown> }> = await this.dataSource.query(
      `SELECT t.department_id, to_char(t.due_date, 'YYYY-MM-DD') AS due_date, e.payload
         FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE e.id = $1`,
      [eventId],
    );
    if (rows.length === 0) return { outcome: 'skipped', why: `event ${eventId} not found` };
    const { department_id: departmentId, due_date: dueDate, payload } = rows[0];
    const departments = new Set([departmentId]);
    for (const key of ['departmentId', 'fromDepartmentId', 'toDepartmentId']) {
      if (typeof payload[key] === 'string') departments.add(payload[key] as string);
    }
    const years = new Set([Number(dueDate.slice(0, 4))]);
    for (const key of ['previousDueDate', 'newDueDate', 'originalDueDate']) {
      if (typeof payload[key] === 'string' && /^\d{4}-/.test(payload[key] as string)) years.add(Number((payload[key] as string).slice(0, 4)));
    }
    const marks = [...years].flatMap((year) => [...departments].map((id) => ({ year, departmentId: id })));
    await this.mark(this.dataSource.manager, marks);
    return { outcome: 'marked', marks };
  }

  async mark(manager: EntityManager, marks: readonly DirtyMark[]): Promise<void> {
    if (marks.length === 0) return;
    await manager.query(
      `INSERT INTO score_dirty (year, department_id, marked_at)
       SELECT * FROM unnest($1::int[], $2::uuid[], $3::timestamptz[])
       ON CONFLICT (year, department_id) DO UPDATE SET marked_at = EXCLUDED.marked_at`,
      [marks.map((m) => m.year), marks.map((m) => m.departmentId), marks.map(() => this.clock.now())],
    );
  }

  /** Years that have dirty departments, for the sweep that recovers jobs Redis lost. */
  async dirtyYears(): Promise<number[]> {
    const rows: Array<{ year: number }> = await this.dataSource.query(`SELECT DISTINCT year FROM score_dirty ORDER BY year`);
    return rows.map((r) => r.year);
  }
}
