import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { DeadlineEngine1764100000000 } from './1764100000000-deadline-engine.js';
import { PlanImport1764200000000 } from './1764200000000-plan-import.js';
import { Assessment1764300000000 } from './1764300000000-assessment.js';
import { ReportRequests1764400000000 } from './1764400000000-report-requests.js';
import { NotificationKey1764500000000 } from './1764500000000-notification-key.js';
import { PlanEscalationPolicy1764600000000 } from './1764600000000-plan-escalation-policy.js';
import { NotificationDeliveryWrites1764700000000 } from './1764700000000-notification-delivery-writes.js';
import { ScoreTallies1764800000000 } from './1764800000000-score-tallies.js';

/** Every migration in order. Listed by hand (no glob) so they load the same under Node, Jest and a bundle. */
export const MIGRATIONS: Function[] = [Foundation1764000000000, DeadlineEngine1764100000000, PlanImport1764200000000, Assessment1764300000000, ReportRequests1764400000000, NotificationKey1764500000000, PlanEscalationPolicy1764600000000, NotificationDeliveryWrites1764700000000, ScoreTallies1764800000000];
