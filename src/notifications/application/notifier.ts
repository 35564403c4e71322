import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { EmailContent, EmailContext, emailTemplates } from '../domain/email-templates';
import { MailQueue } from './mail-queue';

type Templates = typeof emailTemplates;
type TemplateArgs<K extends keyof Templates> = Templates[K] extends (ctx: EmailContext, ...args: infer A) => EmailContent ? A : never;

/** What other contexts call to email someone: picks the template, queues it in the current transaction. */
@Injectable()
export class Notifier {
  private readonly ctx: EmailContext;

  constructor(
    private readonly queue: MailQueue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ctx = { publicUrl: config.publicUrl, councilName: config.councilName, supportEmail: config.supportEmail };
  }

  async send<K extends keyof Templates>(to: string, template: K, ...args: TemplateArgs<K>): Promise<void> {
    const render = emailTemplates[template] as unknown as (ctx: EmailContext, ...a: TemplateArgs<K>) => EmailContent;
    const content = render(this.ctx, ...args);
    await this.queue.enqueue({ to, ...content, kind: template === 'verificationCode' ? 'code' : 'notice' });
  }
}
