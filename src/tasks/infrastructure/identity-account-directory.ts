import { Injectable } from '@nestjs/common';
import { AccountRepository } from '../../identity/application/identity.ports';
import { Account } from '../../identity/domain/account';
import { AccountDirectory, DirectoryAccount } from '../application/task.ports';

/** Adapts the identity context's exported account repository to what tasks need. */
@Injectable()
export class IdentityAccountDirectory extends AccountDirectory {
  constructor(private readonly accounts: AccountRepository) {
    super();
  }

  async findByEmail(email: string): Promise<DirectoryAccount | null> {
    return toDirectory(await this.accounts.findByEmail(email));
  }

  async findById(id: string): Promise<DirectoryAccount | null> {
    return toDirectory(await this.accounts.findById(id));
  }
}

function toDirectory(account: Account | null): DirectoryAccount | null {
  return account ? { id: account.id, email: account.email, name: account.fullName(), disabled: account.disabled } : null;
}
