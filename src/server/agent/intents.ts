import { REPLY_INTENTS } from '../../shared/enums.js';

/** The intents of a reply, in the order the database enum lists them. */
export const INTENTS = REPLY_INTENTS;
export type ReplyIntent = (typeof REPLY_INTENTS)[number];
