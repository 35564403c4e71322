import { Injectable } from '@nestjs/common';

/**
 * In-process domain events, handled synchronously inside the publisher's transaction, so that what a
 * handler writes commits or rolls back with the change that caused it. Contexts stay decoupled:
 * the publisher does not know who listens.
 */
export interface AccountRegistered {
  type: 'account.registered';
  accountId: string;
  email: string;
}

export interface AccountEmailChanged {
  type: 'account.email_changed';
  accountId: string;
  oldEmail: string;
  newEmail: string;
}

export interface AccountDisabled {
  type: 'account.disabled';
  accountId: string;
}

export type DomainEvent = AccountRegistered | AccountEmailChanged | AccountDisabled;

type Handler<E> = (event: E) => Promise<void>;

@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<DomainEvent['type'], Handler<never>[]>();

  on<T extends DomainEvent['type']>(type: T, handler: Handler<Extract<DomainEvent, { type: T }>>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as Handler<never>);
    this.handlers.set(type, list);
  }

  async publish(event: DomainEvent): Promise<void> {
    for (const handler of this.handlers.get(event.type) ?? []) {
      await (handler as Handler<DomainEvent>)(event);
    }
  }
}
