/**
 * The pure rule layer of the email engine: no database, no network, no clock (every function takes
 * `now` or the instants it needs). The tick / claim / transport / record path and the sequence
 * editor import from here.
 */
export * from './address-verification.js';
export { DISPOSABLE_DOMAINS, ROLE_LOCAL_PARTS } from './address-lists.js';
export * from './capacity.js';
export * from './forecast.js';
export * from './lint.js';
export * from './local-time.js';
export * from './mailbox-pacing.js';
export * from './mailbox-rotation.js';
export * from './message-headers.js';
export * from './render-message.js';
export * from './seeded-random.js';
export * from './send-window.js';
export { SPAM_PHRASES, type SpamLanguage } from './spam-words.js';
export * from './step-delay.js';
export * from './template.js';
export * from './template-variables.js';
export * from './unsubscribe-footer.js';
export * from './variants.js';
