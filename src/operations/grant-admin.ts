import { Client } from 'pg';
import { newId } from '../shared/ids';

export type GrantAdminResult = 'granted' | 'already_admin' | 'no_account';

/** Gives an existing account the `admin` role, with an audit entry. Used by the CLI. */
export async function grantAdmin(db: Client, email: string): Promise<GrantAdminResult> {
  await db.query('BEGIN');
  try {
    const found = await db.query<{ id: string; roles: string[] }>('SELECT id, roles FROM accounts WHERE email = lower($1) FOR UPDATE', [
      email.trim(),
    ]);
    if (found.rowCount === 0) {
      await db.query('ROLLBACK');
      return 'no_account';
    }
    const { id, roles } = found.rows[0];
    if (roles.includes('admin')) {
      await db.query('ROLLBACK');
      return 'already_admin';
    }
    await db.query("UPDATE accounts SET roles = array_append(roles, 'admin'), version = version + 1, updated_at = now() WHERE id = $1", [id]);
    await db.query(
      `INSERT INTO audit_log (id, at, actor_type, action, account_id, from_value, to_value)
       VALUES ($1, now(), 'system', 'account.updated', $2, $3, $4)`,
      [newId(), id, JSON.stringify({ roles }), JSON.stringify({ roles: [...roles, 'admin'] })],
    );
    await db.query('COMMIT');
    return 'granted';
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}
