import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { MailQueue, MailTransport } from './application/mail-queue';
import { Notifier } from './application/notifier';
import { FileMailTransport } from './infrastructure/file-mail.transport';
import { MailOutboxWorker } from './infrastructure/mail-outbox.worker';
import { MikroOrmMailQueue } from './infrastructure/mikro-orm-mail-queue';
import { SmtpMailTransport } from './infrastructure/smtp-mail.transport';

@Global()
@Module({
  providers: [
    { provide: MailQueue, useClass: MikroOrmMailQueue },
    {
      provide: MailTransport,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.smtpUrl ? new SmtpMailTransport(config.smtpUrl) : new FileMailTransport(config.mailDir),
    },
    Notifier,
    MailOutboxWorker,
  ],
  exports: [Notifier, MailOutboxWorker],
})
export class NotificationsModule {}
