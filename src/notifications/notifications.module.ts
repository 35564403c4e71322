import { Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MailerModule } from '@nestjs-modules/mailer';
import { MailConfig } from '../config/config-slices';
import { EmailRenderer } from './application/emails';
import { MailQueue, MailTransport } from './application/mail-queue';
import { Notifier } from './application/notifier';
import { HandlebarsEmailRenderer } from './infrastructure/handlebars-email-renderer';
import { MailMetrics } from './infrastructure/mail-metrics';
import { OutboxEmailSchema } from './infrastructure/mail-outbox.schema';
import { MailOutboxWorker } from './infrastructure/mail-outbox.worker';
import { MailerMailTransport, mailerOptions } from './infrastructure/mailer-mail.transport';
import { OrmMailQueue } from './infrastructure/orm-mail-queue';
import { RecipientLanguages } from './application/recipient-language';

/**
 * Email: the wording in Handlebars templates (rendered when queued), the outbox in `mail_outbox`,
 * and @nestjs-modules/mailer's MailerService (SMTP, or `.eml` files) as the transport its worker uses.
 */
@Global()
@Module({
  imports: [
    MikroOrmModule.forFeature([OutboxEmailSchema]),
    MailerModule.forRootAsync({ inject: [MailConfig], useFactory: (config: MailConfig) => mailerOptions(config) as never }),
  ],
  providers: [
    { provide: MailQueue, useClass: OrmMailQueue },
    RecipientLanguages,
    { provide: MailTransport, useClass: MailerMailTransport },
    { provide: EmailRenderer, useFactory: () => new HandlebarsEmailRenderer() },
    Notifier,
    MailOutboxWorker,
    MailMetrics,
  ],
  exports: [Notifier, RecipientLanguages],
})
export class NotificationsModule {}
