import type { Actor } from './support/world';

/**
 * WHO MAY CALL WHAT — the expected answer of every route of openapi/openapi.json for every kind of
 * caller (API.md). The matrix test (authorization-matrix.e2e-spec.ts) sends each route as each actor
 * with real ids and checks the answer. A route in openapi.json without a row here FAILS the suite:
 * a new route needs a rule. A row for a route openapi.json does not (yet) have is only a warning.
 *
 * Actors (test/security/support/world.ts):
 *   anonymous    no cookies, no key
 *   stranger     a signed-in professional with nothing to do with the task / group
 *   member       a member of the work group that holds `groupTask`, before pickup (task routes
 *                target that group task for them; elsewhere they are just another professional)
 *   owner        the individual assignee of `ownerTask` (the resource's owner)
 *   admin        council staff (role admin)
 *   integration  the case system: `Authorization: Bearer <key>`, no cookies
 * Session actors send their cookies and X-CSRF-Token on every call, including to /integration/*
 * (which must ignore them) and to the public identity routes (which must ignore them too).
 *
 * Expectations: OK = any 2xx; otherwise the status and the problem `code`.
 */
export type Expectation = 'OK' | `${number} ${string}`;
export type Row = Record<Actor, Expectation>;

const OK = 'OK';
const UNAUTH = '401 unauthenticated'; // no session (a key is no substitute)
const FORBIDDEN = '403 forbidden'; // /admin/* for non-admins
const PICKUP = '403 pickup_required'; // task content for a member of the holding group
const HIDDEN = '404 not_found'; // not yours: exactly like something that does not exist
const KEY_REQUIRED = '401 invalid_integration_key'; // /integration/* without the key (cookies do not count)

/** Everyone, cookies and keys ignored. */
const PUBLIC: Row = { anonymous: OK, stranger: OK, member: OK, owner: OK, admin: OK, integration: OK };
/** Any signed-in account. */
const SIGNED_IN: Row = { anonymous: UNAUTH, stranger: OK, member: OK, owner: OK, admin: OK, integration: UNAUTH };
/** Admins only. */
const ADMIN: Row = {
  anonymous: UNAUTH,
  stranger: FORBIDDEN,
  member: FORBIDDEN,
  owner: FORBIDDEN,
  admin: OK,
  integration: UNAUTH,
};
/** Answers, files, PDF, submission: the individual assignee only; admins never. */
const CONTENT: Row = { anonymous: UNAUTH, stranger: HIDDEN, member: PICKUP, owner: OK, admin: HIDDEN, integration: UNAUTH };
/** The case system's key only; a session is no substitute. */
const INTEGRATION: Row = {
  anonymous: KEY_REQUIRED,
  stranger: KEY_REQUIRED,
  member: KEY_REQUIRED,
  owner: KEY_REQUIRED,
  admin: KEY_REQUIRED,
  integration: OK,
};

// prettier-ignore
export const AUTHORIZATION_TABLE: Record<string, Row> = {
  // Identity: no session needed (cookies ignored, so stale cookies never block signing in)
  'POST /registrations':                                        PUBLIC,
  'POST /registrations/{registrationId}/verify':                PUBLIC,
  'POST /registrations/{registrationId}/resend':                PUBLIC,
  'POST /auth/login':                                           PUBLIC,
  'POST /auth/login/verify':                                    PUBLIC,
  'POST /auth/login/resend':                                    PUBLIC,
  'POST /password-resets':                                      PUBLIC,
  'POST /password-resets/{resetId}/verify':                     PUBLIC,
  'POST /password-resets/{resetId}/complete':                   PUBLIC,

  // The council's published pages (accessibility statement, privacy notice): anyone, signed in or not
  'GET /pages/{slug}':                                           PUBLIC,

  // Identity: my own session and profile
  'GET /auth/session':                                          SIGNED_IN,
  'POST /auth/logout':                                          SIGNED_IN,
  'GET /me':                                                    SIGNED_IN,
  'PATCH /me':                                                  SIGNED_IN,

  // Tasks: lists are always "mine" (anyone signed in gets their own, possibly empty)
  'GET /tasks':                                                 SIGNED_IN,
  'GET /work-groups':                                           SIGNED_IN,

  // Tasks: content
  'GET /tasks/{id}':                                            CONTENT,
  'PUT /tasks/{id}/answers':                                    CONTENT,
  'POST /tasks/{id}/validate':                                  CONTENT,
  'POST /tasks/{id}/attachments':                               CONTENT,
  'GET /tasks/{id}/attachments/{attachmentId}':                 CONTENT,
  'DELETE /tasks/{id}/attachments/{attachmentId}':              CONTENT,
  'GET /tasks/{id}/pdf':                                        CONTENT,
  'POST /tasks/{id}/submit':                                    CONTENT,

  // Tasks: moving them. pickup: member takes a fresh group task; the owner tries it on their own
  // (individual) task; stranger and admin on a group task they are not members of.
  'POST /tasks/{id}/pickup':        { anonymous: UNAUTH, stranger: HIDDEN, member: OK, owner: '409 not_a_group_task', admin: HIDDEN, integration: UNAUTH },
  // reassign: the holder to themselves (a no-op), a member the group's task back to the group
  // (without pickup), an admin any task; nobody else even learns the task exists.
  'POST /tasks/{id}/reassign':      { anonymous: UNAUTH, stranger: HIDDEN, member: OK, owner: OK, admin: OK, integration: UNAUTH },

  // Tasks: talking to the council (issue 24). decline: the holder, or a member of the holding group
  // without pickup; the thread is task content (a member sees it after pickup).
  'POST /tasks/{id}/decline':       { anonymous: UNAUTH, stranger: HIDDEN, member: OK, owner: OK, admin: HIDDEN, integration: UNAUTH },
  'GET /tasks/{id}/messages':                                   CONTENT,
  'POST /tasks/{id}/messages':                                  CONTENT,
  // review: task content for its holder; the owner's task came to them directly, not through a group.
  'POST /tasks/{id}/review':        { ...CONTENT, owner: '422 invalid_reviewer' },
  'POST /tasks/{id}/review/return': { ...CONTENT, owner: '409 not_in_review' },

  // Administration
  'GET /admin/accounts':                                        ADMIN,
  'PATCH /admin/accounts/{id}':                                 ADMIN,
  'GET /admin/work-groups':                                     ADMIN,
  'POST /admin/work-groups':                                    ADMIN,
  'GET /admin/work-groups/{id}':                                ADMIN,
  'PATCH /admin/work-groups/{id}':                              ADMIN,
  'DELETE /admin/work-groups/{id}':                             ADMIN,
  'POST /admin/work-groups/{id}/members':                       ADMIN,
  'DELETE /admin/work-groups/{id}/members/{accountId}':         ADMIN,
  'GET /admin/tasks':                                           ADMIN,
  'GET /admin/forms':                                           ADMIN,
  'GET /admin/deliveries':                                      ADMIN,
  'POST /admin/deliveries/{id}/retry':                          ADMIN,
  'GET /admin/audit':                                           ADMIN,
  'GET /admin/case-system-outbox':                              ADMIN,
  'POST /admin/case-system-outbox/{id}/retry':                  ADMIN,

  // Integration (the case system)
  'PUT /integration/form-definitions/{key}/versions/{version}': INTEGRATION,
  'POST /integration/tasks':                                    INTEGRATION,
  'GET /integration/tasks/{externalRef}':                       INTEGRATION,
  'POST /integration/tasks/{externalRef}/withdraw':             INTEGRATION,
  'PATCH /integration/tasks/{externalRef}':                     INTEGRATION,
  'POST /integration/tasks/{externalRef}/messages':             INTEGRATION,
};
