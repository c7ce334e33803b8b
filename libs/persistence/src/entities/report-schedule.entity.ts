import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * A plan's progress-report cadence (周报 / 月调度 / 季度报送). Each period, the departments with open
 * tasks of the plan that have not yet reported for it are asked to, `leadWorkingDays` working days
 * before the period's last working day.
 */
@Check('ck_report_schedules_cadence', `"cadence" IN ('weekly', 'monthly', 'quarterly')`)
@Check('ck_report_schedules_lead', `"lead_working_days" BETWEEN 0 AND 20`)
@Entity('report_schedules')
export class ReportScheduleEntity {
  @ForeignKey('PlanEntity', { name: 'fk_report_schedules_plan', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid', name: 'plan_id' })
  planId: string;

  @Column({ type: 'text' })
  cadence: 'weekly' | 'monthly' | 'quarterly';

  @Column({ type: 'int', name: 'lead_working_days', default: 3 })
  leadWorkingDays: number;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
