import { defineMessages } from '../define.js';

export const credentials = defineMessages({
  en: {},
  fr: {},
});
