import { Injectable } from '@nestjs/common';
import { AccountRepository } from '../../identity/application/identity.ports';
import { AccountDirectory, DirectoryAccount } from '../application/task.ports';

/** Adapts the identity context's exported account repository to what tasks need. */
@Injectable()
export class IdentityAccountDirectory extends AccountDirectory {
  constructor(private readonly accounts: AccountRepository) {
    super();
  }

  async findByEmail(email: string): Promise<DirectoryAccount | null> {
    const account = await this.accounts.findByEmail(email);
    return account ? { id: account.id, email: account.email, name: account.fullName(), disabled: account.disabled } : null;
  }
}
