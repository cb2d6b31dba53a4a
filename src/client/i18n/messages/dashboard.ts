import { defineMessages } from '../define.js';

export const dashboard = defineMessages({
  en: {},
  fr: {},
});
