import { joinWorkspace } from '../../../tests/helpers/members.js';
import type { TestApp, TestClient } from '../../../tests/helpers/test-app.js';
import type { ErrorEnvelope } from '../error-envelope.js';

/** Shared by the mailbox test files: a valid REST body, and a member (non-admin) of a workspace. */
export type ErrorBody = { error: ErrorEnvelope };

export type MailboxJson = {
  id: string;
  kind: 'smtp' | 'sandbox';
  fromName: string;
  fromEmail: string;
  domain: string;
  smtp: { host: string; port: number; secure: boolean; user: string; hasPassword: boolean } | null;
  imap: { host: string; port: number; secure: boolean; user: string; hasPassword: boolean } | null;
  dailyLimit: number;
  minGapSeconds: number;
  window: { start: string; end: string; days: number[]; timezone: string };
  warmup: { enabled: boolean; startPerDay: number; incrementPerDay: number; startedAt: string | null };
  lastTest: { at: string; ok: boolean; error: string | null } | null;
  lastImapCheck: { at: string; ok: boolean; error: string | null } | null;
  replyReading: { mode: string; reason: string | null; since: string | null; lastError: string | null; nextAttemptAt: string | null; pollEverySeconds: number | null };
};

export const SMTP_PASSWORD = 'smtp-Pa55word-unique-4711';
export const IMAP_PASSWORD = 'imap-Pa55word-unique-0815';

export function mailboxBody(overrides: Record<string, unknown> = {}) {
  return {
    fromName: 'Alice Martin',
    fromEmail: `alice-${Math.random().toString(36).slice(2, 8)}@acme.example`,
    smtp: { host: 'smtp.acme.example', port: 587, secure: false, user: 'alice@acme.example', password: SMTP_PASSWORD },
    imap: { host: 'imap.acme.example', port: 993, secure: true, user: 'alice@acme.example', password: IMAP_PASSWORD },
    dailyLimit: 20,
    minGapSeconds: 120,
    window: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5], timezone: 'Europe/Paris' },
    warmup: { enabled: true, startPerDay: 5, incrementPerDay: 2 },
    ...overrides,
  };
}

/** Signs up an admin and adds a member to the same workspace through a real invitation. */
export async function adminAndMember(t: TestApp): Promise<{ admin: TestClient; member: TestClient; workspaceId: string }> {
  const admin = t.client();
  const { workspace } = await admin.signUp();
  const { client: member } = await joinWorkspace(t, admin);
  return { admin, member, workspaceId: workspace.id };
}
