import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AuditModule } from './audit/audit.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { NotificationsModule } from './notifications/notifications.module';
import { databaseOptions } from './shared/database/database-options';
import { ProblemDetailsFilter } from './shared/http/problem-details.filter';
import { SharedModule } from './shared/shared.module';
import { WorkGroupsModule } from './work-groups/work-groups.module';

@Module({})
export class AppModule {
  /** `config.databaseUrl` must be resolved (the embedded database started) before this is called. */
  static register(config: AppConfig): DynamicModule {
    if (!config.databaseUrl) throw new Error('AppModule.register needs a resolved databaseUrl');
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        MikroOrmModule.forRoot({
          ...databaseOptions(config.databaseUrl, config.embeddedDatabase),
          autoLoadEntities: true,
          registerRequestContext: true,
          forRoutesPath: '{*splat}',
        } as never),
        SharedModule,
        AuditModule,
        NotificationsModule,
        WorkGroupsModule,
        IdentityModule,
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
