import { z } from 'zod';
import { MEMBER_ROLES, type MemberRole } from './enums.js';
import { refused } from './issue-rules.js';

/** Shared by the server (validation) and the sign-up form (hints), so both state the same rule. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const PASSWORD_MIN_DISTINCT = 4;

const COMMON_PASSWORDS = new Set([
  'password12', 'password123', 'password1234', '1234567890', '12345678910', 'qwertyuiop', 'azertyuiop',
  'motdepasse', 'motdepasse1', 'iloveyou12', 'letmein123', 'welcome123', 'adminadmin', 'administrator',
  'qwerty1234', 'azerty1234', 'abcdefghij', '0123456789', 'changeme123', 'passw0rd123',
]);

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters long`)
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters long`)
  .refine((value) => !COMMON_PASSWORDS.has(value.toLowerCase()), refused('password.common', 'Password is too common: choose another one'))
  .refine((value) => new Set(value).size >= PASSWORD_MIN_DISTINCT, refused({ rule: 'password.variety', minimum: PASSWORD_MIN_DISTINCT }, `Password must use at least ${PASSWORD_MIN_DISTINCT} different characters`));

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'Email must be at most 254 characters')
  .pipe(z.email('Enter a valid email address'))
  .transform((value) => value.toLowerCase());

export const personNameSchema = z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters');
export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1, 'Workspace name is required')
  .max(80, 'Workspace name must be at most 80 characters');

export const roleSchema = z.enum(MEMBER_ROLES);
export type Role = MemberRole;
