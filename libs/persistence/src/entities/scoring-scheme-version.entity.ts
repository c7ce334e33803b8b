import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One version of a scoring scheme, stored as the validated JSON the pure engine reads. A version a
 * finalized year used is frozen (`frozen_at`): it is never changed again; a change makes version n+1.
 */
@Entity('scoring_scheme_versions')
export class ScoringSchemeVersionEntity {
  @PrimaryColumn({ type: 'text', name: 'scheme_id' })
  schemeId: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'frozen_at', nullable: true })
  frozenAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
