/** A supporting document attached to a task. The bytes live in file storage under `fileId`. */
export class Attachment {
  id!: string;
  taskId!: string;
  fileId!: string;
  filename!: string;
  contentType!: string;
  size!: number;
  sha256!: string;
  uploadedBy: string | null = null;
  uploadedAt!: Date;

  static create(fields: Omit<Attachment, 'uploadedBy'> & { uploadedBy: string | null }): Attachment {
    return Object.assign(new Attachment(), fields);
  }
}
