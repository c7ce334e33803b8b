import { AppealEntity } from './appeal.entity.js';
import { AssessmentEntity } from './assessment.entity.js';
import { AttachmentEntity } from './attachment.entity.js';
import { CalendarDayEntity } from './calendar-day.entity.js';
import { CalendarOverrideEntity } from './calendar-override.entity.js';
import { CalendarYearEntity } from './calendar-year.entity.js';
import { ChannelPreferenceEntity } from './channel-preference.entity.js';
import { ConsumedEventEntity } from './consumed-event.entity.js';
import { DepartmentScoreEntity } from './department-score.entity.js';
import { DepartmentEntity } from './department.entity.js';
import { DraftAssignmentEntity } from './draft-assignment.entity.js';
import { DraftItemEntity } from './draft-item.entity.js';
import { DraftPlanEntity } from './draft-plan.entity.js';
import { EscalationStepEntity } from './escalation-step.entity.js';
import { FinalScoreEntity } from './final-score.entity.js';
import { InboxEntryEntity } from './inbox-entry.entity.js';
import { LedgerLineEntity } from './ledger-line.entity.js';
import { NotificationClaimEntity } from './notification-claim.entity.js';
import { NotificationEntity } from './notification.entity.js';
import { OutboxMessageEntity } from './outbox-message.entity.js';
import { PlanItemEntity } from './plan-item.entity.js';
import { PlanEntity } from './plan.entity.js';
import { ReportScheduleEntity } from './report-schedule.entity.js';
import { ProgressReportEntity } from './progress-report.entity.js';
import { ScoreDirtyEntity } from './score-dirty.entity.js';
import { ScoringSchemeVersionEntity } from './scoring-scheme-version.entity.js';
import { TaskEventEntity } from './task-event.entity.js';
import { TaskEntity } from './task.entity.js';
import { UserEntity } from './user.entity.js';

export {
  AppealEntity,
  AssessmentEntity,
  DepartmentScoreEntity,
  FinalScoreEntity,
  LedgerLineEntity,
  ScoreDirtyEntity,
  ScoringSchemeVersionEntity,
  AttachmentEntity,
  CalendarDayEntity,
  CalendarOverrideEntity,
  CalendarYearEntity,
  ChannelPreferenceEntity,
  EscalationStepEntity,
  NotificationEntity,
  NotificationClaimEntity,
  ConsumedEventEntity,
  DepartmentEntity,
  DraftAssignmentEntity,
  DraftItemEntity,
  DraftPlanEntity,
  InboxEntryEntity,
  OutboxMessageEntity,
  PlanItemEntity,
  PlanEntity,
  ProgressReportEntity,
  ReportScheduleEntity,
  TaskEventEntity,
  TaskEntity,
  UserEntity,
};
export { DEPARTMENT_KINDS, type DepartmentKind } from './department.entity.js';
export type { PlanTarget } from './plan-item.entity.js';
export type { DraftPlanStatus } from './draft-plan.entity.js';
export type { DeadlineSource, DraftCandidate } from './draft-assignment.entity.js';
export { NOTIFICATION_CHANNELS, type NotificationChannel, type NotificationState } from './notification.entity.js';

export const ENTITIES = [
  DepartmentEntity,
  UserEntity,
  PlanEntity,
  PlanItemEntity,
  TaskEntity,
  TaskEventEntity,
  ProgressReportEntity,
  AttachmentEntity,
  OutboxMessageEntity,
  InboxEntryEntity,
  ConsumedEventEntity,
  CalendarYearEntity,
  CalendarDayEntity,
  CalendarOverrideEntity,
  EscalationStepEntity,
  NotificationEntity,
  NotificationClaimEntity,
  ChannelPreferenceEntity,
  ReportScheduleEntity,
  DraftPlanEntity,
  DraftItemEntity,
  DraftAssignmentEntity,
  ScoringSchemeVersionEntity,
  AssessmentEntity,
  LedgerLineEntity,
  DepartmentScoreEntity,
  ScoreDirtyEntity,
  AppealEntity,
  FinalScoreEntity,
];
