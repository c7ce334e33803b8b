import { Module, type DynamicModule, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { CLOCK, SystemClock, type Clock } from '@duban/clock';
import { InboxQueryService } from '@duban/inbox';
import { DepartmentService, UserService } from '@duban/organization';
import { dataSourceOptions } from '@duban/persistence';
import { DraftEditUseCase, DraftPublishUseCase, DraftQueryService, PlanImportUseCase } from '@duban/plan-import';
import { PlanPolicyUseCase, PlanService } from '@duban/plans';
import { createRedisClient } from '@duban/queue';
import { AttachmentService, CoordinatorTodoQuery, TaskAssignmentUseCase, TaskQueryService, TaskTransitionUseCase } from '@duban/tasks';
import { AuthController } from './auth/auth.controller.js';
import { AssessmentController } from './assessment/assessment.controller.js';
import { ASSESSMENT_PROVIDERS } from './assessment/assessment.providers.js';
import { BoardController } from './board/board.controller.js';
import { BOARD_PROVIDERS } from './board/board.providers.js';
import { NotificationsController } from './board/notifications.controller.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { DepartmentsController } from './departments/departments.controller.js';
import { HEALTH_REDIS, HealthController } from './health/health.controller.js';
import { DubanExceptionFilter } from './http/duban-exception.filter.js';
import { InboxController } from './inbox/inbox.controller.js';
import { PlanImportsController } from './plan-imports/plan-imports.controller.js';
import { PlanPolicyController } from './plans/plan-policy.controller.js';
import { PlansController } from './plans/plans.controller.js';
import { TasksController } from './tasks/tasks.controller.js';
import { UsersController } from './users/users.controller.js';

export interface ApiOptions {
  databaseUrl: string;
  redisUrl: string;
  jwtSecret: string;
  /** Tests and the demo pass a FixedClock; production uses the system clock. */
  clock?: Clock;
}

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(HEALTH_REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown() {
    await this.redis.quit().catch(() => undefined);
  }
}

/** The HTTP application. It never enqueues: state changes reach the workers through the outbox. */
@Module({})
export class ApiModule {
  static forRoot(options: ApiOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(options.databaseUrl)),
        JwtModule.register({ secret: options.jwtSecret, signOptions: { expiresIn: '12h' } }),
      ],
      controllers: [AuthController, DepartmentsController, UsersController, PlansController, PlanPolicyController, PlanImportsController, TasksController, InboxController, HealthController, BoardController, NotificationsController, AssessmentController],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? new SystemClock() },
        { provide: HEALTH_REDIS, useFactory: () => createRedisClient(options.redisUrl) },
        RedisCloser,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, useClass: DubanExceptionFilter },
        DepartmentService,
        UserService,
        PlanService,
        PlanPolicyUseCase,
        PlanImportUseCase,
        DraftEditUseCase,
        DraftPublishUseCase,
        DraftQueryService,
        TaskAssignmentUseCase,
        TaskTransitionUseCase,
        TaskQueryService,
        AttachmentService,
        InboxQueryService,
        CoordinatorTodoQuery,
        ...ASSESSMENT_PROVIDERS,
        ...BOARD_PROVIDERS,
      ],
    };
  }
}
