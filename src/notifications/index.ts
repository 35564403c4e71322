/**
 * The notifications context's public entry: the `Notifier` other contexts email people through, and
 * `RecipientLanguages`, which identity answers (the language of the account with an address).
 */
export { Notifier } from './application/notifier';
export { RecipientLanguages } from './application/recipient-language';
export type { RecipientLanguageSource } from './application/recipient-language';
