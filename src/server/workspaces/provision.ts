import type { Db } from '../db/database.js';
import { agents, icpProfiles, mailboxes, memberships, workspaces } from '../db/schema/index.js';
import type { MemberRole } from '../../shared/enums.js';

export const SANDBOX_MAILBOX_EMAIL = 'sandbox@sandbox.sales-machine.invalid';

/** The first agent's name, in the workspace's language (the UI already marks it "default"). */
export const DEFAULT_AGENT_NAMES = { en: 'Default agent', fr: 'Agent commercial' } as const;

/**
 * Creates a workspace with what every workspace starts with: its first admin, the default AI
 * agent, the sandbox mailbox (mail stored, never sent) and an empty ICP. Runs inside the new
 * workspace's scope (`withWorkspace(workspaceId)`), so RLS checks every insert.
 */
export async function provisionWorkspace(
  db: Db,
  input: { workspaceId: string; name: string; ownerUserId: string; ownerName: string; language?: 'en' | 'fr' },
): Promise<{ id: string; name: string }> {
  const [workspace] = await db
    .insert(workspaces)
    .values({ id: input.workspaceId, name: input.name, language: input.language ?? 'en' })
    .returning({ id: workspaces.id, name: workspaces.name });
  if (!workspace) throw new Error('workspace insert returned no row');
  await addMember(db, workspace.id, input.ownerUserId, 'admin');
  await db.insert(agents).values({
    workspaceId: workspace.id,
    name: DEFAULT_AGENT_NAMES[input.language ?? 'en'],
    personality: 'consultative',
    tone: 'warm, concise and professional',
    isDefault: true,
  });
  await db.insert(mailboxes).values({
    workspaceId: workspace.id,
    kind: 'sandbox',
    fromName: input.ownerName,
    fromEmail: SANDBOX_MAILBOX_EMAIL,
    warmupEnabled: false,
    // The sandbox sends nothing real: no reputation to protect, so no cap beyond a sane one.
    dailyLimit: 500,
    minGapSeconds: 0,
  });
  await db.insert(icpProfiles).values({ workspaceId: workspace.id });
  return workspace;
}

export async function addMember(db: Db, workspaceId: string, userId: string, role: MemberRole): Promise<void> {
  await db.insert(memberships).values({ workspaceId, userId, role });
}
