export { API, login, PASSWORD, register, registrationBody } from '../../support/portal-client';
export { INTEGRATION_KEY as INTEGRATION_KEY_FOR_TESTS } from '../../support/test-app';
