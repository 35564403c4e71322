import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Code emails in order (issue 21): during an SMTP outage a person who asked twice once found the old
 * code in the newest email. Two rules, both in the claim (not in the transport):
 * - a code email with a newer one queued for the same person is dropped, unless it is already being
 *   sent (`claimed_until` in the future): its code is useless, the newer one replaced it;
 * - a code email is claimed only when no older one for the same person is left, so the newer never
 *   overtakes an older one in flight on another lane or instance.
 * Each statement locks what it touches (SKIP LOCKED), so instances never wait on each other.
 */
export async function dropSupersededCodes(em: EntityManager, now: Date): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `DELETE FROM mail_outbox WHERE id IN (
       SELECT o.id FROM mail_outbox o
       WHERE o.kind = 'code' AND (o.claimed_until IS NULL OR o.claimed_until <= ?)
         AND EXISTS (SELECT 1 FROM mail_outbox newer WHERE newer.kind = 'code' AND newer.recipient = o.recipient
                       AND (newer.created_at, newer.id) > (o.created_at, o.id))
       FOR UPDATE OF o SKIP LOCKED)
     RETURNING id`,
    [now],
  );
  return rows.length;
}

/**
 * Ids of due emails, locked for the caller's transaction (SKIP LOCKED); see above for codes. Code
 * emails go first: someone is waiting at the sign-in page, while a burst of delegation emails (one
 * per member of a large group) can take minutes on a slow mail server.
 */
export async function dueMailIds(em: EntityManager, now: Date, limit: number): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `SELECT o.id FROM mail_outbox o
     WHERE o.next_attempt_at <= ?
       AND (o.kind <> 'code' OR NOT EXISTS (
             SELECT 1 FROM mail_outbox older WHERE older.kind = 'code' AND older.recipient = o.recipient
               AND (older.created_at, older.id) < (o.created_at, o.id)))
     ORDER BY (o.kind = 'code') DESC, o.next_attempt_at LIMIT ? FOR UPDATE OF o SKIP LOCKED`,
    [now, limit],
  );
  return rows.map((r) => r.id);
}
