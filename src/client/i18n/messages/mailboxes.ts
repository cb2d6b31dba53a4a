import { defineMessages } from '../define.js';

export const mailboxes = defineMessages({
  en: {},
  fr: {},
});
