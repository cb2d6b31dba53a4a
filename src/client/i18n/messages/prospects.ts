import { defineMessages } from '../define.js';

export const prospects = defineMessages({
  en: {},
  fr: {},
});
