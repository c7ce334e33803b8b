import type { DataSource, EntityManager } from 'typeorm';
import { type HolidayDay, type HolidayYearData, WorkingCalendar, loadHolidayYears, parseHolidayYearData } from '@duban/calendar';

export interface ImportYearResult {
  year: number;
  /** The version now in force; unchanged when the same schedule was already loaded. */
  version: number;
  created: boolean;
}

type Db = DataSource | EntityManager;

/**
 * The holiday calendar kept in Postgres as versioned data. Loading a schedule that differs from
 * the one in force adds a new version (the State Council publishes next year's, or corrects one);
 * loading the same one again changes nothing. Local overrides belong to a jurisdiction.
 */
export class CalendarRepository {
  constructor(private readonly db: Db) {}

  async importYear(data: HolidayYearData, now: Date): Promise<ImportYearResult> {
    const year = parseHolidayYearData(data, `holiday data ${data?.region}-${data?.year}`);
    const current = (await this.loadYears(year.region)).find((y) => y.year === year.year);
    const rows: Array<{ id: string; version: number }> = await this.db.query(
      `SELECT id, version FROM calendar_years WHERE region = $1 AND year = $2 ORDER BY version DESC LIMIT 1`,
      [year.region, year.year],
    );
    if (current && sameSchedule(current, year)) return { year: year.year, version: rows[0]!.version, created: false };
    const version = (rows[0]?.version ?? 0) + 1;
    const inserted: Array<{ id: string }> = await this.db.query(
      `INSERT INTO calendar_years (region, year, version, source, provisional, loaded_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [year.region, year.year, version, year.version, year.provisional, now],
    );
    const days = [
      ...year.holidays.map((d) => ({ date: d.date, kind: 'holiday', name: d.name })),
      ...year.workdays.map((d) => ({ date: d.date, kind: 'workday', name: d.name })),
    ];
    if (days.length) {
      await this.db.query(
        `INSERT INTO calendar_days (year_id, date, kind, name)
         SELECT $1, x.date, x.kind, x.name FROM jsonb_to_recordset($2::jsonb) AS x(date date, kind text, name text)`,
        [inserted[0]!.id, JSON.stringify(days)],
      );
    }
    return { year: year.year, version, created: true };
  }

  /** Loads every `<region>-<year>.json` of a directory (e.g. seeds/calendar). */
  async importDirectory(dir: string, now: Date, region = 'CN'): Promise<ImportYearResult[]> {
    const out: ImportYearResult[] = [];
    for (const y of loadHolidayYears(dir, region)) out.push(await this.importYear(y, now));
    return out;
  }

  /** The schedule in force per year (the highest version), ascending by year. */
  async loadYears(region = 'CN'): Promise<HolidayYearData[]> {
    const years: Array<{ id: string; year: number; source: string; provisional: boolean }> = await this.db.query(
      `SELECT DISTINCT ON (year) id, year, source, provisional FROM calendar_years
        WHERE region = $1 ORDER BY year, version DESC`,
      [region],
    );
    if (!years.length) return [];
    const days: Array<{ year_id: string; date: string; kind: string; name: string }> = await this.db.query(
      `SELECT year_id, to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days
        WHERE year_id = ANY($1::uuid[]) ORDER BY date`,
      [years.map((y) => y.id)],
    );
    return years.map((y) => {
      const mine = days.filter((d) => d.year_id === y.id);
      const pick = (kind: string): HolidayDay[] => mine.filter((d) => d.kind === kind).map((d) => ({ date: d.date, name: d.name }));
      return { region, year: y.year, version: y.source, provisional: y.provisional, holidays: pick('holiday'), workdays: pick('workday') };
    });
  }

  async addOverride(jurisdictionId: string, date: string, kind: 'closure' | 'workday', name: string, now: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO calendar_overrides (jurisdiction_id, date, kind, name, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (jurisdiction_id, date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name`,
      [jurisdictionId, date, kind, name, now],
    );
  }

  /**
   * The working calendar of one jurisdiction: the national schedule plus the overrides of the
   * jurisdiction and of every unit above it (a city's closure day applies to its counties). For
   * the same date the nearest one wins: a county's own override over its city's.
   */
  async calendarFor(jurisdictionId: string | null, years?: HolidayYearData[]): Promise<WorkingCalendar> {
    const national = years ?? (await this.loadYears());
    if (!jurisdictionId) return new WorkingCalendar(national);
    // Ancestors by the materialized path (`/root/…/self/`): a unit whose path is a prefix of ours.
    const inherited: Array<{ date: string; kind: string; name: string }> = await this.db.query(
      `SELECT to_char(o.date, 'YYYY-MM-DD') AS date, o.kind, o.name
         FROM departments j
         JOIN departments a ON starts_with(j.path, a.path)
         JOIN calendar_overrides o ON o.jurisdiction_id = a.id
        WHERE j.id = $1
        ORDER BY length(a.path), o.date`,
      [jurisdictionId],
    );
    const byDate = new Map<string, { date: string; kind: string; name: string }>();
    for (const r of inherited) byDate.set(r.date, r); // deeper units come later and win
    const rows = [...byDate.values()];
    return new WorkingCalendar(national, {
      closures: rows.filter((r) => r.kind === 'closure').map(({ date, name }) => ({ date, name })),
      workdays: rows.filter((r) => r.kind === 'workday').map(({ date, name }) => ({ date, name })),
    });
  }
}

function sameSchedule(a: HolidayYearData, b: HolidayYearData): boolean {
  const key = (y: HolidayYearData) =>
    JSON.stringify([
      y.provisional,
      y.version,
      [...y.holidays].sort((p, q) => p.date.localeCompare(q.date)),
      [...y.workdays].sort((p, q) => p.date.localeCompare(q.date)),
    ]);
  return key(a) === key(b);
}

/** A per-run cache: one sweep asks for the same few jurisdictions many times. */
export class CalendarCache {
  private national: Promise<HolidayYearData[]> | null = null;
  private readonly byJurisdiction = new Map<string, Promise<WorkingCalendar>>();

  constructor(private readonly repo: CalendarRepository) {}

  get(jurisdictionId: string): Promise<WorkingCalendar> {
    let hit = this.byJurisdiction.get(jurisdictionId);
    if (!hit) {
      this.national ??= this.repo.loadYears();
      hit = this.national.then((years) => this.repo.calendarFor(jurisdictionId, years));
      this.byJurisdiction.set(jurisdictionId, hit);
    }
    return hit;
  }
}
