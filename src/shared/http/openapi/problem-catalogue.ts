/**
 * Every problem `code` the API can answer, with its HTTP status: the one list the OpenAPI document's
 * per-operation error responses are built from (`@ApiErrors(...)` names codes, never statuses, so a
 * code cannot be documented under the wrong status). A code missing here does not compile.
 */
export const PROBLEM_CODES = {
  // 400: malformed requests (JSON, unknown or missing properties, wrong types) and wrong codes
  invalid_request: 400,
  invalid_code: 400,
  invalid_token: 400,
  // 401
  unauthenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  invalid_integration_key: 401,
  // 403
  forbidden: 403,
  csrf_failed: 403,
  pickup_required: 403,
  // 404: also what "exists but is not yours" answers
  not_found: 404,
  // 409
  version_conflict: 409,
  task_submitted: 409,
  already_submitted: 409,
  already_picked_up: 409,
  not_a_group_task: 409,
  external_ref_conflict: 409,
  definition_conflict: 409,
  delivery_not_failed: 409,
  email_in_use: 409,
  outbound_not_failed: 409,
  not_in_review: 409,
  work_group_exists: 409,
  work_group_in_use: 409,
  // 410
  gone: 410,
  registration_expired: 410,
  challenge_expired: 410,
  reset_expired: 410,
  // 413 / 415
  payload_too_large: 413,
  file_too_large: 413,
  unsupported_media_type: 415,
  unsupported_file_type: 415,
  // 422: domain rules
  weak_password: 422,
  professional_capacity_required: 422,
  invalid_email: 422,
  invalid_profile: 422,
  invalid_answers: 422,
  read_only: 422,
  unknown_question: 422,
  validation_failed: 422,
  unknown_page: 422,
  invalid_delegation: 422,
  unknown_form: 422,
  invalid_prefill: 422,
  unknown_work_group: 422,
  assignee_disabled: 422,
  attachments_not_allowed: 422,
  too_many_attachments: 422,
  virus_detected: 422,
  invalid_target: 422,
  invalid_definition: 422,
  invalid_work_group: 422,
  comment_required: 422,
  text_too_long: 422,
  empty_message: 422,
  invalid_change: 422,
  invalid_reviewer: 422,
  // 429
  rate_limited: 429,
  resend_too_soon: 429,
  // 5xx
  internal_error: 500,
  database_unavailable: 503,
  scanner_unavailable: 503,
  storage_unavailable: 503,
  uploads_busy: 503,
  shutting_down: 503,
} as const satisfies Record<string, number>;

export type ProblemCode = keyof typeof PROBLEM_CODES;
