import { Injectable } from '@nestjs/common';
import { auditRecordOf, AuditRow, taskHistorySubquery } from '../../audit';
import { AccountStatements } from '../../identity';
import { Sql } from '../../shared/database/sql';
import { GROUP_IDS_OF_MEMBER } from '../../work-groups';
import { isUuid } from '../../shared/ids';
import { isoInstant } from '../../shared/database/iso-instant';
import { JsonText } from '../../shared/json-text';
import { TaskStatus } from '../domain/task';
import {
  AttachmentSummary,
  TaskContentRecord,
  TaskListFilter,
  TaskPageRequest,
  TaskReadModel,
  TaskRecord,
  TaskSort,
} from '../application/task.ports';

interface Row {
  id: string;
  external_ref: string;
  form_key: string;
  form_version: number;
  form_title: string;
  subject_reference: string;
  subject_display_name: string | null;
  message: string | null;
  status: TaskRecord['status'];
  assignee_kind: TaskRecord['assigneeKind'];
  assignee_account_id: string | null;
  assignee_email: string | null;
  holder_work_group_id: string | null;
  work_group_id: string | null;
  due_date: string;
  delegated_at: string | Date;
  updated_at: string | Date;
  submitted_at: string | Date | null;
  version: number;
  review_state: TaskRecord['reviewState'];
  review_by: string | null;
  review_by_name: string | null;
  review_at: string | Date | null;
  review_note: string | null;
  first_name: string | null;
  last_name: string | null;
  account_email: string | null;
  holder_group_name: string | null;
  group_key: string | null;
  group_name: string | null;
}

/** Sort keys and how to cast a cursor value back for the row comparison. */
const SORT_COLUMNS: Record<TaskSort, { column: string; cast: string }> = {
  dueDate: { column: 't.due_date', cast: 'date' },
  delegatedAt: { column: 't.delegated_at', cast: 'timestamptz' },
  title: { column: 't.form_title', cast: 'text' },
  submittedAt: { column: 't.submitted_at', cast: 'timestamptz' },
};

// The columns a list shows (never answers or prefill).
const TASK_COLUMNS = `t.id, t.external_ref, t.form_key, t.form_version, t.form_title, t.subject_reference, t.subject_display_name,
         t.message, t.status, t.assignee_kind, t.assignee_account_id, t.assignee_email, t.holder_work_group_id,
         t.work_group_id, t.due_date, t.delegated_at, t.updated_at, t.submitted_at, t.version,
         t.review_state, t.review_by, t.review_by_name, t.review_at, t.review_note`;

// What a row shows besides the task's own columns: the assignee's name (identity's published join,
// AccountStatements) and the groups' names from work-groups' table, joined in the same statement so
// that a page of tasks is exactly one statement (no lookups per row, no second query for the names:
// BENCHMARKS.md "Reads", the lists and the task page at 0.7-0.9 of the hand-written baseline).
const NAMES = `${AccountStatements.nameColumns('a')},
         hg.name AS holder_group_name, wg.key AS group_key, wg.name AS group_name`;
const JOIN_NAMES = `${AccountStatements.joinNames('a', 't.assignee_account_id')}
    LEFT JOIN work_groups hg ON hg.id = t.holder_work_group_id
    LEFT JOIN work_groups wg ON wg.id = t.work_group_id`;
const SELECT = `
  SELECT ${TASK_COLUMNS},
         ${NAMES}
    FROM tasks t
    ${JOIN_NAMES}`;

// The task page, one statement: the row with its draft and prefill, its files as a json array
// (oldest first) and its latest history (audit's own subquery, newest first).
const ATTACHMENTS = `(SELECT coalesce(json_agg(json_build_object('id', f.id, 'filename', f.filename, 'contentType', f.content_type,
                                    'size', f.size, 'sha256', f.sha256, 'uploadedAt', f.uploaded_at) ORDER BY f.uploaded_at, f.id), '[]')
           FROM task_attachments f WHERE f.task_id = t.id)`;
// Parameters: the number of history entries, then the task's id.
const CONTENT_SELECT = `${SELECT.replace(
  NAMES,
  `t.answers::text AS answers, t.prefill::text AS prefill, t.first_opened_at IS NOT NULL AS opened_before, ${NAMES},
         ${ATTACHMENTS} AS attachments,
         ${taskHistorySubquery('t.id')} AS history`,
)} WHERE t.id = ?`;
type ContentRow = Row & {
  opened_before: boolean;
  answers: string;
  prefill: string;
  attachments: (Omit<AttachmentSummary, 'uploadedAt'> & { uploadedAt: string })[];
  history: AuditRow[];
};

const STATUSES: readonly TaskStatus[] = ['open', 'in_progress', 'submitted', 'withdrawn'];

/**
 * Statuses are written into the statement as literals (from this closed set, never from input): the
 * partial indexes are defined on them, and a prepared statement's generic plan can only use a partial
 * index whose predicate it can prove from the text.
 */
function statusLiterals(statuses: readonly TaskStatus[]): string {
  if (!statuses.length || statuses.some((s) => !STATUSES.includes(s))) throw new Error(`Unknown task status in ${statuses.join(',')}`);
  return statuses.map((s) => `'${s}'`).join(', ');
}

@Injectable()
export class SqlTaskReadModel extends TaskReadModel {
  constructor(private readonly sql: Sql) {
    super();
  }

  /**
   * One statement per page, shaped so that PostgreSQL reads a page, not a backlog: the page is cut
   * from tasks first and only its rows are joined to accounts; a list over work groups takes at most
   * a page from each group's ordered index range (LATERAL) and merges them, instead of reading and
   * sorting every task of every group. Plans at a million tasks: BENCHMARKS.md.
   */
  async list(filter: TaskListFilter, page: TaskPageRequest): Promise<TaskRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    // The member whose work groups a list is cut from, and the column that names the groups.
    let groups: { memberId: string; column: string } | undefined;
    if (filter.assigneeAccountId !== undefined) {
      where.push('t.assignee_account_id = ?');
      params.push(filter.assigneeAccountId);
    }
    if (filter.heldByGroupsOf !== undefined) {
      groups = { memberId: filter.heldByGroupsOf, column: 't.holder_work_group_id' };
    }
    if (filter.heldByMembersThrough !== undefined) {
      const { colleaguesOf } = filter.heldByMembersThrough;
      groups = { memberId: colleaguesOf, column: 't.work_group_id' };
      where.push(
        "t.assignee_kind = 'account' AND t.assignee_account_id <> ?",
        // The holder must (still) belong to the group the task came through. A check per row of the
        // group's ordered range: OFFSET 0 keeps PostgreSQL from turning it into a join that reads
        // every task of every member (milliseconds instead of a tenth of one at a million tasks).
        'EXISTS (SELECT 1 FROM work_group_members m WHERE m.work_group_id = t.work_group_id AND m.account_id = t.assignee_account_id OFFSET 0)',
      );
      params.push(colleaguesOf);
    }
    where.push(`t.status IN (${statusLiterals(filter.statuses)})`);
    if (filter.workGroupId !== undefined) {
      where.push('(t.holder_work_group_id = ? OR t.work_group_id = ?)');
      params.push(filter.workGroupId, filter.workGroupId);
    }
    if (filter.dueBefore !== undefined) {
      where.push("t.due_date < CAST(? AS date) AND t.status <> 'submitted'");
      params.push(filter.dueBefore);
    }
    if (filter.dueOnOrAfter !== undefined) {
      where.push("(t.due_date >= CAST(? AS date) OR t.status = 'submitted')");
      params.push(filter.dueOnOrAfter);
    }
    if (filter.dueOnOrBefore !== undefined) {
      where.push('t.due_date <= CAST(? AS date)');
      params.push(filter.dueOnOrBefore);
    }
    // The helpdesk's search (rare next to the lists professionals poll): the reference by its
    // lower-case index, the email by the holder's and the waiting address's indexes.
    if (filter.subjectReference !== undefined) {
      where.push('lower(t.subject_reference) = lower(?)');
      params.push(filter.subjectReference);
    }
    if (filter.subjectNameContains !== undefined) {
      where.push("t.subject_display_name ILIKE ? ESCAPE '\\'");
      params.push(`%${likeEscape(filter.subjectNameContains)}%`);
    }
    if (filter.professional !== undefined) {
      // Held by the account with that email, or waiting for that address to register (the kind
      // named, so the partial index of waiting addresses serves it).
      where.push("(t.assignee_account_id = ? OR (t.assignee_kind = 'email' AND t.assignee_email = ?))");
      params.push(filter.professional.accountId, filter.professional.email);
    }
    if (filter.formKey !== undefined) {
      where.push('t.form_key = ?');
      params.push(filter.formKey);
    }
    if (filter.search !== undefined) {
      // strpos, not LIKE: what people type (%, _) is matched literally.
      if (filter.searchReferenceOnly) {
        where.push('strpos(lower(t.subject_reference), lower(?)) > 0');
        params.push(filter.search);
      } else {
        where.push("(strpos(lower(t.subject_reference), lower(?)) > 0 OR strpos(lower(coalesce(t.subject_display_name, '')), lower(?)) > 0)");
        params.push(filter.search, filter.search);
      }
    }
    if (filter.submittedSince) {
      where.push('t.submitted_at >= ?');
      params.push(filter.submittedSince);
    }
    const { column, cast } = SORT_COLUMNS[page.sort];
    const direction = page.order === 'desc' ? 'DESC' : 'ASC';
    if (page.after) {
      where.push(`(${column}, t.id) ${page.order === 'desc' ? '<' : '>'} (CAST(? AS ${cast}), CAST(? AS uuid))`);
      params.push(page.after.value, page.after.id);
    }
    const order = `ORDER BY ${column} ${direction}, t.id ${direction}`;
    let pageSql: string;
    if (groups) {
      // The member's groups inside the page's own statement: one round trip per page, not two.
      pageSql = `SELECT t.* FROM (${GROUP_IDS_OF_MEMBER}) AS g(id)
        CROSS JOIN LATERAL (SELECT ${TASK_COLUMNS} FROM tasks t WHERE ${groups.column} = g.id AND ${where.join(' AND ')} ${order} LIMIT ?) t
        ${order} LIMIT ?`;
      params.unshift(groups.memberId);
      params.push(page.limit, page.limit);
    } else {
      pageSql = `SELECT ${TASK_COLUMNS} FROM tasks t WHERE ${where.join(' AND ')} ${order} LIMIT ?`;
      params.push(page.limit);
    }
    const rows = await this.sql.query<Row>(
      `SELECT t.*, ${NAMES}
         FROM (${pageSql}) t
         ${JOIN_NAMES}
        ${order}`,
      params,
    );
    return rows.map(toRecord);
  }

  async findById(id: string): Promise<TaskRecord | null> {
    if (!isUuid(id)) return null;
    const rows = await this.sql.query<Row>(`${SELECT} WHERE t.id = ?`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findContent(id: string, historyLimit: number): Promise<TaskContentRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.sql.query<ContentRow>(CONTENT_SELECT, [historyLimit, id]);
    if (!row) return null;
    return {
      ...toRecord(row),
      openedBefore: row.opened_before,
      answers: JsonText.fromDatabase(row.answers),
      prefill: JsonText.fromDatabase(row.prefill),
      attachments: row.attachments.map((a) => ({ ...a, uploadedAt: new Date(a.uploadedAt) })),
      history: row.history.map(auditRecordOf),
    };
  }

  async findByExternalRef(externalRef: string): Promise<TaskRecord | null> {
    const rows = await this.sql.query<Row>(`${SELECT} WHERE t.external_ref = ?`, [externalRef]);
    return rows[0] ? toRecord(rows[0]) : null;
  }
}

/** `%`, `_` and the escape character itself match only themselves in a LIKE pattern. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toRecord(row: Row): TaskRecord {
  return {
    id: row.id,
    externalRef: row.external_ref,
    formKey: row.form_key,
    formVersion: row.form_version,
    formTitle: row.form_title,
    subjectReference: row.subject_reference,
    subjectDisplayName: row.subject_display_name,
    message: row.message,
    status: row.status,
    assigneeKind: row.assignee_kind,
    assigneeAccountId: row.assignee_account_id,
    assigneeEmail: row.assignee_email,
    assigneeName: row.first_name === null ? null : `${row.first_name} ${row.last_name}`,
    assigneeAccountEmail: row.account_email,
    holderWorkGroupId: row.holder_work_group_id,
    holderWorkGroupName: row.holder_group_name,
    workGroupId: row.work_group_id,
    workGroup: row.work_group_id && row.group_key !== null ? { id: row.work_group_id, key: row.group_key, name: row.group_name! } : null,
    dueDate: row.due_date,
    delegatedAt: isoInstant(row.delegated_at),
    updatedAt: isoInstant(row.updated_at),
    submittedAt: row.submitted_at === null ? null : isoInstant(row.submitted_at),
    version: row.version,
    reviewState: row.review_state,
    reviewBy: row.review_by,
    reviewByName: row.review_by_name,
    reviewAt: row.review_at === null ? null : isoInstant(row.review_at),
    reviewNote: row.review_note,
  };
}
