import { Injectable } from '@nestjs/common';
import { FileStorage, StoredFileStream } from './task.ports';

/**
 * Tasks' side of the submissions context's `ContributionFiles` port: submissions keep their files
 * where tasks keep theirs, so the attachments are not copied at submission. Matched structurally
 * (tasks know nothing of submissions); SubmissionsModule binds it.
 */
@Injectable()
export class TaskFilesForSubmissions {
  constructor(private readonly storage: FileStorage) {}

  read(fileId: string): Promise<Buffer | null> {
    return this.storage.get(fileId);
  }

  /** Streamed, for delivery in bounded memory (issue 21). */
  open(fileId: string): Promise<StoredFileStream | null> {
    return this.storage.openRead(fileId);
  }

  store(fileId: string, content: Buffer): Promise<void> {
    return this.storage.put(fileId, content);
  }

  delete(fileIds: string[]): Promise<void> {
    return this.storage.delete(fileIds);
  }
}
