import { Injectable } from '@nestjs/common';
import { FileStorage } from '../../tasks/application/task.ports';
import { ContributionFiles } from '../application/submission.ports';

/** Submissions keep their files where tasks keep theirs: the attachments are not copied at submission. */
@Injectable()
export class TaskContributionFiles extends ContributionFiles {
  constructor(private readonly storage: FileStorage) {
    super();
  }

  read(fileId: string): Promise<Buffer | null> {
    return this.storage.get(fileId);
  }

  store(fileId: string, content: Buffer): Promise<void> {
    return this.storage.put(fileId, content);
  }

  delete(fileIds: string[]): Promise<void> {
    return this.storage.delete(fileIds);
  }
}
