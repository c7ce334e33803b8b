import type { EscalationPolicyOverrides } from '@duban/escalation';
import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';

@Entity('plans')
export class PlanEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  title: string;

  /** Joint issuers as printed (中共楚雄州委办公室, 楚雄州人民政府办公室). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  issuers: string[];

  @Column({ type: 'text', name: 'doc_number', nullable: true })
  docNumber: string | null;

  @Column({ type: 'date', name: 'issue_date', nullable: true })
  issueDate: string | null;

  @Column({ type: 'int', name: 'period_start', nullable: true })
  periodStart: number | null;

  @Column({ type: 'int', name: 'period_end', nullable: true })
  periodEnd: number | null;

  /** The department whose coordinating office owns the plan; its subtree is the plan's jurisdiction. */
  @ForeignKey('DepartmentEntity', { name: 'fk_plans_jurisdiction' })
  @Column({ type: 'uuid', name: 'jurisdiction_id' })
  jurisdictionId: string;

  @ForeignKey('UserEntity', { name: 'fk_plans_created_by' })
  @Column({ type: 'uuid', name: 'created_by' })
  createdBy: string;

  /**
   * The plan's own escalation rules over the engine's defaults (only the fields it sets; see
   * parsePolicyOverrides). Null: the defaults from practice.
   */
  @Column({ type: 'jsonb', name: 'escalation_policy', nullable: true })
  escalationPolicy: EscalationPolicyOverrides | null;

  @Column({ type: 'timestamptz', name: 'escalation_policy_updated_at', nullable: true })
  escalationPolicyUpdatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
