import { createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { MEMBER_ROLES } from '../../shared/enums.js';
import { users, workspaces } from '../db/schema/index.js';

export const userSchema = createSelectSchema(users).pick({ id: true, email: true, name: true });
export const workspaceSchema = createSelectSchema(workspaces).pick({ id: true, name: true });
export const roleSchema = z.enum(MEMBER_ROLES);

/** Who is signed in, where: what sign-up, sign-in and accepting an invitation answer. */
export const sessionOutput = z.object({ user: userSchema, workspace: workspaceSchema, role: roleSchema });
