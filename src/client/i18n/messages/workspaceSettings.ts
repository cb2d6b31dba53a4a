import { defineMessages } from '../define.js';

export const workspaceSettings = defineMessages({
  en: {},
  fr: {},
});
