import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { CaseSystemOutbox } from '../../case-system-outbox';
import { Notifier } from '../../notifications';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { newId } from '../../shared/ids';
import { messageBody, plainText } from '../domain/conversation';
import { AlreadySubmittedError, TaskNotFoundError, TaskSubmittedError } from '../domain/task-errors';
import { holderRecipients } from './holder-recipients';
import { TaskAccess } from './task-access';
import { TaskMessage, TaskMessages } from './task-messages.port';
import { AccountDirectory, TaskRepository, WorkGroupDirectory } from './task.ports';

/** A thread is a conversation, not an archive: a task holds at most this many messages. */
export const MAX_THREAD = 200;

export interface MessageView {
  id: string;
  direction: TaskMessage['direction'];
  author: { name: string };
  body: string;
  sentAt: string;
}

export function messageView(m: TaskMessage): MessageView {
  return { id: m.id, direction: m.direction, author: { name: m.authorName }, body: m.body, sentAt: m.sentAt.toISOString() };
}

/**
 * Questions and replies about a task between whoever holds it and the council's case worker. Only
 * someone who sees the task's content sees or writes the thread (a group member after pickup), and
 * the thread travels with the task when it moves. A professional's message goes to the case system
 * through the outbox; a reply arrives through the integration API and the holder is emailed (no
 * child details in the email).
 */
@Injectable()
export class TaskConversation {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: TaskAccess,
    private readonly tasks: TaskRepository,
    private readonly messages: TaskMessages,
    private readonly accounts: AccountDirectory,
    private readonly workGroups: WorkGroupDirectory,
    private readonly outbox: CaseSystemOutbox,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async thread(accountId: string, taskId: string): Promise<MessageView[]> {
    return this.uow.run(async () => {
      await this.access.load(accountId, taskId);
      return (await this.messages.listForTask(taskId, MAX_THREAD)).map(messageView);
    });
  }

  async send(accountId: string, taskId: string, raw: string): Promise<MessageView> {
    const body = messageBody(raw);
    return this.uow.run(async () => {
      const task = await this.access.load(accountId, taskId, 'change');
      if (task.status === 'submitted') throw new TaskSubmittedError();
      const account = await this.accounts.findById(accountId);
      if (!account) throw new TaskNotFoundError();
      const message: TaskMessage = {
        id: newId(),
        taskId: task.id,
        direction: 'to_case_worker',
        authorAccountId: accountId,
        authorName: account.name,
        body,
        sentAt: this.clock.now(),
      };
      await this.messages.add(message);
      await this.audit.record({ actor: { type: 'account', id: accountId }, action: 'task.message_sent', taskId: task.id, accountId });
      await this.outbox.message({
        id: message.id,
        taskId: task.id,
        externalRef: task.externalRef,
        from: { accountId, name: account.name, email: account.email, organisation: account.organisation ?? null },
        body,
        sentAt: message.sentAt,
      });
      return messageView(message);
    });
  }

  /** The case worker answers (integration API). Not after submission: the conversation is over. */
  async reply(externalRef: string, raw: string, author: string | undefined): Promise<MessageView> {
    const body = messageBody(raw);
    const authorName = (author === undefined ? '' : plainText(author, 'author', 200)) || 'Case worker';
    return this.uow.run(async () => {
      const task = await this.tasks.load({ externalRef: externalRef }, 'change');
      if (!task || task.isWithdrawn()) throw new TaskNotFoundError();
      if (task.status === 'submitted') throw new AlreadySubmittedError();
      const message: TaskMessage = {
        id: newId(),
        taskId: task.id,
        direction: 'from_case_worker',
        authorAccountId: null,
        authorName,
        body,
        sentAt: this.clock.now(),
      };
      await this.messages.add(message);
      await this.audit.record({ actor: { type: 'integration' }, action: 'task.reply_received', taskId: task.id });
      for (const email of await holderRecipients(task.assignee(), this.accounts, this.workGroups)) await this.notifier.send(email, 'replyReceived');
      return messageView(message);
    });
  }
}
