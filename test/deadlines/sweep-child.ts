/**
 * A worker process for the SIGKILL test: sweeps and delivers at a given simulated instant, printing
 * a line after every committed batch. Usage: sweep-child.ts <databaseUrl> <nowIso> <batchSize>
 */
import 'reflect-metadata';
import { DeadlineSweep, NotificationDelivery } from '@duban/deadlines';
import { createDataSource } from '@duban/persistence';

const [databaseUrl, nowIso, batch] = process.argv.slice(2);
const ds = createDataSource(databaseUrl!);
await ds.initialize();
const now = new Date(nowIso!);
const sweep = new DeadlineSweep(ds, { batchSize: Number(batch), onBatch: (r) => process.stdout.write(`batch ${r.tasks}\n`) });
const swept = await sweep.runOnce(now);
process.stdout.write(`swept ${swept.tasks}\n`);
const delivered = await new NotificationDelivery(ds, {}, { leaseMs: 30_000 }).deliverDue(now);
process.stdout.write(`delivered ${delivered.sent}\n`);
await ds.destroy();
