import { Injectable } from '@nestjs/common';
import { AccountLookup } from '../../identity';
import { AccountDirectory, DirectoryAccount } from '../application/task.ports';

/** Adapts the identity context's published account query to what tasks need. */
@Injectable()
export class IdentityAccountDirectory extends AccountDirectory {
  constructor(private readonly accounts: AccountLookup) {
    super();
  }

  findByEmail(email: string): Promise<DirectoryAccount | null> {
    return this.accounts.byEmail(email);
  }

  findById(id: string): Promise<DirectoryAccount | null> {
    return this.accounts.byId(id);
  }
}
