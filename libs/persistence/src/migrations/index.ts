import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { DeadlineEngine1764100000000 } from './1764100000000-deadline-engine.js';
import { PlanImport1764200000000 } from './1764200000000-plan-import.js';
import { Assessment1764300000000 } from './1764300000000-assessment.js';
import { ReportRequests1764400000000 } from './1764400000000-report-requests.js';
import { NotificationKey1764500000000 } from './1764500000000-notification-key.js';
import { NotificationDeliveryWrites1764700000000 } from './1764700000000-notification-delivery-writes.js';

/** Every migration in order. Listed by hand (no glob) so they load the same under Node, Jest and a bundle. */
export const MIGRATIONS: Function[] = [Foundation1764000000000, DeadlineEngine1764100000000, PlanImport1764200000000, Assessment1764300000000, ReportRequests1764400000000, NotificationKey1764500000000, NotificationDeliveryWrites1764700000000];
