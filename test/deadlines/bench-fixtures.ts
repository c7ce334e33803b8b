import type { DataSource } from 'typeorm';

export interface BenchWorld {
  rootId: string;
  planId: string;
  departments: number;
  tasks: number;
}

/**
 * Bulk data for the deadline benchmarks, written set-based in SQL (a million tasks in tens of
 * seconds): a jurisdiction with `departments` bureaus, one department lead each (optionally with a
 * webhook), one coordinator, and `departments × itemsPerDepartment` tasks.
 */
export async function seedBenchWorld(
  ds: DataSource,
  opts: {
    departments: number;
    itemsPerDepartment: number;
    /** SQL expressions over the plan item `i` (and department `d` for next_action_at). */
    dueDateSql: string;
    nextActionAtSql: string;
    assignedAt: Date;
    webhook: boolean;
  },
): Promise<BenchWorld> {
  const [root] = await ds.query(
    `INSERT INTO departments (id, code, name, kind, path) SELECT g, 'bench', '基准市人民政府', 'government', '/' || g || '/' FROM gen_random_uuid() g RETURNING id, path`,
  );
  await ds.query(
    `INSERT INTO departments (id, code, name, kind, parent_id, path)
     SELECT id, 'bench.' || n, '基准局' || n, 'bureau', $1, $2 || id || '/' FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $3) n) x`,
    [root.id, root.path, opts.departments],
  );
  const [coordinator] = await ds.query(
    `INSERT INTO users (username, display_name, password_hash, role, department_id, jurisdiction_id)
     VALUES ('bench.coordinator', '督查室', 'x', 'coordinator', $1, $1) RETURNING id`,
    [root.id],
  );
  await ds.query(
    `INSERT INTO users (username, display_name, password_hash, role, department_id)
     SELECT 'bench.lead.' || code, name || '负责人', 'x', 'department_lead', id FROM departments WHERE parent_id = $1`,
    [root.id],
  );
  if (opts.webhook) {
    await ds.query(
      `INSERT INTO user_channel_preferences (user_id, channel, enabled, address, format, updated_at)
       SELECT u.id, 'webhook', true, 'http://stub.invalid/hook', 'generic', now() FROM users u JOIN departments d ON d.id = u.department_id WHERE d.parent_id = $1`,
      [root.id],
    );
  }
  const [plan] = await ds.query(`INSERT INTO plans (title, jurisdiction_id, created_by) VALUES ('基准方案', $1, $2) RETURNING id`, [root.id, coordinator.id]);
  await ds.query(
    `INSERT INTO plan_items (plan_id, path, kind, heading, deadline, position)
     SELECT $1, 'i' || g, 'task', '基准事项' || g, NULL, g FROM generate_series(1, $2) g`,
    [plan.id, opts.itemsPerDepartment],
  );
  await ds.query(
    `INSERT INTO tasks (plan_id, plan_item_id, department_id, role, status, original_due_date, due_date, assigned_at, next_action_at)
     SELECT $1, i.id, d.id, 'lead', 'assigned', due, due, $2, ${opts.nextActionAtSql}
       FROM plan_items i CROSS JOIN departments d CROSS JOIN LATERAL (SELECT (${opts.dueDateSql})::date AS due) x
      WHERE i.plan_id = $1 AND d.parent_id = $3`,
    [plan.id, opts.assignedAt, root.id],
  );
  await ds.query('ANALYZE');
  return { rootId: root.id, planId: plan.id, departments: opts.departments, tasks: opts.departments * opts.itemsPerDepartment };
}

/** Undoes what a sweep did, so the next run starts from the same state. */
export async function resetEngineState(ds: DataSource, nextActionAt: Date): Promise<void> {
  // A benchmark database only: CASCADE also empties tables that reference steps (assessment ledger lines).
  await ds.query('TRUNCATE notifications, escalation_steps CASCADE');
  await ds.query(`UPDATE tasks SET next_action_at = $1`, [nextActionAt]);
  await ds.query('VACUUM ANALYZE tasks');
}
