import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One published (or provisional) statutory holiday schedule of one year, as versioned data: loading
 * a corrected schedule adds a new version and the newest version of a year is the one in force, so
 * what a deadline was computed against stays on record.
 */
@Entity('calendar_years')
@Index('uq_calendar_years_region_year_version', ['region', 'year', 'version'], { unique: true })
export class CalendarYearEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'int' })
  year: number;

  /** 1, 2, … per (region, year); the highest is in force. */
  @Column({ type: 'int' })
  version: number;

  /** Where the schedule came from, e.g. 'chinese-days@1.5.7' or '国办发明电〔2026〕x号'. */
  @Column({ type: 'text' })
  source: string;

  /** A guessed schedule (not yet published): deadlines computed against it are flagged. */
  @Column({ type: 'boolean' })
  provisional: boolean;

  @Column({ type: 'timestamptz', name: 'loaded_at' })
  loadedAt: Date;
}
