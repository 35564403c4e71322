import { Global, Injectable, Module } from '@nestjs/common';
import { AccountWorkGroups } from '../identity/application/identity.ports';

// Placeholder until the work-groups context lands (issue 4): nobody belongs to a group yet.
@Injectable()
class NoWorkGroups extends AccountWorkGroups {
  async forAccount(): Promise<{ id: string; key: string; name: string }[]> {
    return [];
  }
}

/** Global so identity can ask "which groups is this account in?" without importing this module. */
@Global()
@Module({ providers: [{ provide: AccountWorkGroups, useClass: NoWorkGroups }], exports: [AccountWorkGroups] })
export class WorkGroupsModule {}
