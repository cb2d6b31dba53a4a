import { defineMessages } from '../define.js';

export const publicPages = defineMessages({
  en: {},
  fr: {},
});
