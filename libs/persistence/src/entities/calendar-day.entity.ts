import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A day that deviates from Monday–Friday in one schedule version: a holiday or a 调休 make-up working day. */
@Check('ck_calendar_days_kind', `"kind" IN ('holiday', 'workday')`)
@Entity('calendar_days')
export class CalendarDayEntity {
  @ForeignKey('CalendarYearEntity', { name: 'fk_calendar_days_year', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid', name: 'year_id' })
  yearId: string;

  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'text' })
  kind: 'holiday' | 'workday';

  @Column({ type: 'text' })
  name: string;
}
