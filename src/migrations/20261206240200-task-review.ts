import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 24: review before submit. A task sent to a colleague "for review" (ready_for_review, with
 * who sent it and their note), or handed back by the reviewer (returned, with who and their comment).
 * The name is kept as it was at the time, so lists need no join to show it.
 */
export class Migration20261206240200TaskReview extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      ALTER TABLE tasks
        ADD COLUMN review_state text CHECK (review_state IN ('ready_for_review', 'returned')),
        ADD COLUMN review_by uuid,
        ADD COLUMN review_by_name text,
        ADD COLUMN review_at timestamptz,
        ADD COLUMN review_note text;
    `);
  }
}
