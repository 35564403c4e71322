import { DynamicModule, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AuditModule } from '../audit/audit.module';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { IdentityModule } from '../identity/identity.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ObservabilityModule } from '../observability/observability.module';
import { databaseOptions } from '../shared/database/database-options';
import { SharedModule } from '../shared/shared.module';
import { WorkGroupsModule } from '../work-groups/work-groups.module';

/**
 * What operator commands (cli.ts) need, as a Nest application context without HTTP: identity's use
 * cases and what they stand on (the audit trail, the mail outbox, an account's groups), never a bare
 * database client. No workers, no scheduled jobs, no migrations: safe beside a running portal.
 */
@Module({})
export class OperationsModule {
  static register(config: AppConfig): DynamicModule {
    if (!config.databaseUrl) throw new Error('OperationsModule.register needs a resolved databaseUrl');
    return {
      module: OperationsModule,
      imports: [
        ConfigModule.forRoot({ ...config, workersEnabled: false }),
        MikroOrmModule.forRoot({
          ...databaseOptions(config.databaseUrl, config.embeddedDatabase, 1),
          autoLoadEntities: true,
          registerRequestContext: false,
        } as never),
        SharedModule.forRoot({ sql: { prepareStatements: false } }),
        ObservabilityModule,
        AuditModule,
        NotificationsModule,
        WorkGroupsModule,
        IdentityModule,
      ],
    };
  }
}
