import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from './audit/audit.module';
import { CaseSystemOutboxModule } from './case-system-outbox/case-system-outbox.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { FormsModule } from './forms/forms.module';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { IntegrationModule } from './integration/integration.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PublicPagesModule } from './public-pages/public-pages.module';
import { ObservabilityModule } from './observability/observability.module';
import { databaseOptions } from './shared/database/database-options';
import { ProblemDetailsFilter } from './shared/http/problem-details.filter';
import { Clock } from './shared/clock/clock';
import { SharedModule } from './shared/shared.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { TasksModule } from './tasks/tasks.module';
import { WorkGroupsModule } from './work-groups/work-groups.module';

@Module({})
export class AppModule {
  /**
   * `config.databaseUrl` must be resolved (the embedded database started) before this is called.
   * `clock`: the portal's time, when not the system's (the tests' adjustable clock).
   */
  static register(config: AppConfig, options: { clock?: Clock } = {}): DynamicModule {
    if (!config.databaseUrl) throw new Error('AppModule.register needs a resolved databaseUrl');
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        MikroOrmModule.forRoot({
          ...databaseOptions(config.databaseUrl, config.embeddedDatabase, config.databasePoolSize, config.databaseAcquireTimeoutMs),
          autoLoadEntities: true,
          // A Fastify hook gives each request its context instead (bootstrap.ts): cheaper than Nest
          // middleware run through middie on every request.
          registerRequestContext: false,
        } as never),
        // Scheduled jobs only where workers run (not in the CLI or the OpenAPI generator).
        ...(config.workersEnabled ? [ScheduleModule.forRoot()] : []),
        SharedModule.forRoot({
          clock: options.clock,
          // Named statements live in the server session: not on the embedded PGlite (one session for
          // every connection) nor behind a pooler that cannot carry them (sql.ts).
          sql: { prepareStatements: !config.embeddedDatabase && config.databasePreparedStatements },
        }),
        AuditModule,
        NotificationsModule,
        CaseSystemOutboxModule,
        WorkGroupsModule,
        IdentityModule,
        FormsModule,
        TasksModule,
        SubmissionsModule,
        IntegrationModule,
        HealthModule,
        PublicPagesModule,
        ...(config.demoData ? [DemoModule] : []),
        ObservabilityModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
