import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { ONBOARDING_STEPS } from '../../shared/workspace-rules.js';
import type { Db } from '../db/database.js';
import { workspaces, type OnboardingState } from '../db/schema/index.js';
import { notFound } from '../errors.js';

/**
 * The setup wizard's progress, kept on the workspace (`workspaces.onboarding`) so it resumes where
 * the admin left it, from any browser. Steps: 1 workspace & you, 2 ICP, 3 mailbox, 4 AI agent,
 * 5 first campaign.
 */
export const stepSchema = z.number().int().min(1).max(ONBOARDING_STEPS, `Step must be between 1 and ${ONBOARDING_STEPS}`);

export const onboardingOutput = z.object({
  step: z.number().int(),
  skipped: z.array(z.number().int()),
  completedAt: z.string().nullable(),
  completed: z.boolean(),
  /** The postal address printed in email footers is missing: campaigns should not send yet. */
  postalAddressMissing: z.boolean(),
});
export type OnboardingView = z.infer<typeof onboardingOutput>;

/** Tolerates a hand-edited or older shape rather than failing the page. */
function sanitize(state: Partial<OnboardingState> | null | undefined): OnboardingState {
  const step = typeof state?.step === 'number' && Number.isInteger(state.step) ? Math.min(Math.max(state.step, 1), ONBOARDING_STEPS) : 1;
  const skipped = Array.isArray(state?.skipped)
    ? [...new Set(state.skipped.filter((s) => Number.isInteger(s) && s >= 1 && s <= ONBOARDING_STEPS))].sort((a, b) => a - b)
    : [];
  return { step, skipped, completedAt: typeof state?.completedAt === 'string' ? state.completedAt : null };
}

async function load(db: Db, workspaceId: string): Promise<{ state: OnboardingState; postalAddress: string | null }> {
  const [row] = await db
    .select({ onboarding: workspaces.onboarding, postalAddress: workspaces.postalAddress })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound('Workspace');
  return { state: sanitize(row.onboarding), postalAddress: row.postalAddress };
}

function present(state: OnboardingState, postalAddress: string | null): OnboardingView {
  return { ...state, completed: state.completedAt !== null, postalAddressMissing: !postalAddress?.trim() };
}

async function save(db: Db, workspaceId: string, state: OnboardingState): Promise<OnboardingView> {
  await db.update(workspaces).set({ onboarding: state }).where(eq(workspaces.id, workspaceId));
  return getOnboarding(db, workspaceId);
}

export async function getOnboarding(db: Db, workspaceId: string): Promise<OnboardingView> {
  const { state, postalAddress } = await load(db, workspaceId);
  return present(state, postalAddress);
}

/**
 * Records how a step ended (done or skipped) and moves to the next one; finishing the last step
 * completes the wizard. Finishing a step again (after going back) just updates its outcome.
 */
export async function finishStep(db: Db, workspaceId: string, step: number, outcome: 'done' | 'skipped'): Promise<OnboardingView> {
  const { state } = await load(db, workspaceId);
  const skipped = new Set(state.skipped);
  if (outcome === 'skipped') skipped.add(step);
  else skipped.delete(step);
  const last = step >= ONBOARDING_STEPS;
  return save(db, workspaceId, {
    step: last ? ONBOARDING_STEPS : step + 1,
    skipped: [...skipped].sort((a, b) => a - b),
    completedAt: state.completedAt ?? (last ? new Date().toISOString() : null),
  });
}

/** Moves to a step (the Back button, or a click on a finished step in the progress list). */
export async function goToStep(db: Db, workspaceId: string, step: number): Promise<OnboardingView> {
  const { state } = await load(db, workspaceId);
  return save(db, workspaceId, { ...state, step });
}

/** Ends the wizard now ("finish later" / "skip setup"): the steps not reached count as skipped. */
export async function completeOnboarding(db: Db, workspaceId: string): Promise<OnboardingView> {
  const { state } = await load(db, workspaceId);
  if (state.completedAt) return getOnboarding(db, workspaceId);
  const skipped = new Set(state.skipped);
  for (let step = state.step; step <= ONBOARDING_STEPS; step++) skipped.add(step);
  return save(db, workspaceId, { step: state.step, skipped: [...skipped].sort((a, b) => a - b), completedAt: new Date().toISOString() });
}
