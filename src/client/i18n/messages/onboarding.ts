import { defineMessages } from '../define.js';

export const onboarding = defineMessages({
  en: {},
  fr: {},
});
