import { SetMetadata } from '@nestjs/common';
import { ProblemCode } from './problem-catalogue';

export const API_ERRORS_KEY = 'portal:api-errors';

/**
 * The problem codes an operation answers beyond the ones every operation of its kind can answer
 * (those are added by `completeContract`: 400 invalid_request, 401/403 of its security, 404 on a path
 * with an id, 413/415 on a body, 500, 503). The OpenAPI document lists them per status.
 */
export const ApiErrors = (...codes: ProblemCode[]) => SetMetadata(API_ERRORS_KEY, codes);
