import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { configSlices } from './config-slices';

/**
 * The whole validated configuration, for the composition root only (bootstrap, demo data). Contexts
 * inject their slice instead (config-slices.ts: `MailConfig`, `DeliveryConfig`, …).
 */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    const slices = configSlices(config);
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, ...slices],
      exports: [APP_CONFIG, ...slices.map((s) => s.provide)],
    };
  }
}
