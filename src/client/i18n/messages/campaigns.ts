import { defineMessages } from '../define.js';

export const campaigns = defineMessages({
  en: {},
  fr: {},
});
