import { INTEGRATION_KEY } from '../../support/test-app';

export { API } from '../../support/portal-client';
export const INTEGRATION_KEY_HEADER = 'Authorization';
export const integrationAuth = `Bearer ${INTEGRATION_KEY}`;
