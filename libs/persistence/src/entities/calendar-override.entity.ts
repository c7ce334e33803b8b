import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A jurisdiction's own deviation from the national schedule (a city closure day, a declared
 * working day). Applies to the plans of that jurisdiction.
 */
@Check('ck_calendar_overrides_kind', `"kind" IN ('closure', 'workday')`)
@Entity('calendar_overrides')
@Index('uq_calendar_overrides_jurisdiction_date', ['jurisdictionId', 'date'], { unique: true })
export class CalendarOverrideEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('DepartmentEntity', { name: 'fk_calendar_overrides_jurisdiction' })
  @Column({ type: 'uuid', name: 'jurisdiction_id' })
  jurisdictionId: string;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'text' })
  kind: 'closure' | 'workday';

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
