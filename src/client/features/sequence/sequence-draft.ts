import { lintStep, type LintWarning } from '../../../server/sending/rules/lint.js';
import { MAX_VARIANTS_PER_STEP } from '../../../server/sending/rules/variants.js';
import type { RouterInputs, RouterOutputs } from '../../lib/trpc.js';

/**
 * The sequence as the editor holds it: what the user typed, saved as one document by autosave.
 * Pure functions only (each returns a new draft), so they are tested without a browser.
 */

export type Version = { subject: string; body: string };
export type DraftStep = {
  /** Stable React key: positions change when steps move. */
  key: string;
  delayDays: number;
  businessDays: boolean;
  bodyFormat: 'text' | 'html';
  /** Index 0 = version A (the step itself), then B–D. */
  versions: Version[];
};

export const MAX_STEPS = 10;
export const MAX_VERSIONS = MAX_VARIANTS_PER_STEP;

let counter = 0;
const newKey = () => `step-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function fromServer(view: RouterOutputs['sequences']['get']): DraftStep[] {
  return view.steps.map((step) => ({
    key: step.id,
    delayDays: step.delayDays,
    businessDays: step.businessDays,
    bodyFormat: step.bodyFormat,
    versions: [{ subject: step.subject, body: step.body }, ...step.variants],
  }));
}

/** The PUT body. A step whose body is still blank is left out (the server refuses it), as are blank extra versions. */
export function toServer(campaignId: string, steps: readonly DraftStep[]): RouterInputs['sequences']['put'] {
  return {
    id: campaignId,
    steps: steps
      .filter((step) => (step.versions[0]?.body ?? '').trim() !== '')
      .map((step) => {
        const [first, ...rest] = step.versions;
        return {
          delayDays: step.delayDays,
          businessDays: step.businessDays,
          bodyFormat: step.bodyFormat,
          subject: first?.subject.replace(/[\r\n]+/g, ' ') ?? '',
          body: first?.body ?? '',
          variants: rest.filter((version) => version.body.trim() !== '').map((version) => ({ subject: version.subject.replace(/[\r\n]+/g, ' '), body: version.body })),
        };
      }),
  };
}

export function newStep(index: number): DraftStep {
  return { key: newKey(), delayDays: index === 0 ? 0 : 3, businessDays: index !== 0, bodyFormat: 'text', versions: [{ subject: '', body: '' }] };
}

export function addStep(steps: readonly DraftStep[]): DraftStep[] {
  return steps.length >= MAX_STEPS ? [...steps] : [...steps, newStep(steps.length)];
}

export function removeStep(steps: readonly DraftStep[], index: number): DraftStep[] {
  return steps.filter((_, position) => position !== index);
}

/** Moves a step up (-1) or down (+1); out of range leaves the list as it is. */
export function moveStep(steps: readonly DraftStep[], index: number, by: -1 | 1): DraftStep[] {
  const target = index + by;
  if (target < 0 || target >= steps.length) return [...steps];
  const next = [...steps];
  const [moved] = next.splice(index, 1);
  if (moved) next.splice(target, 0, moved);
  return next;
}

export function updateStep(steps: readonly DraftStep[], index: number, patch: Partial<Omit<DraftStep, 'key' | 'versions'>>): DraftStep[] {
  return steps.map((step, position) => (position === index ? { ...step, ...patch } : step));
}

export function updateVersion(steps: readonly DraftStep[], index: number, version: number, patch: Partial<Version>): DraftStep[] {
  return steps.map((step, position) =>
    position === index ? { ...step, versions: step.versions.map((current, at) => (at === version ? { ...current, ...patch } : current)) } : step,
  );
}

/** A new version starts as a copy of A, so the user changes only what the test compares. */
export function addVersion(steps: readonly DraftStep[], index: number): DraftStep[] {
  return steps.map((step, position) => {
    if (position !== index || step.versions.length >= MAX_VERSIONS) return step;
    const base = step.versions[0] ?? { subject: '', body: '' };
    return { ...step, versions: [...step.versions, { ...base }] };
  });
}

export function removeVersion(steps: readonly DraftStep[], index: number, version: number): DraftStep[] {
  return steps.map((step, position) => (position === index && version > 0 ? { ...step, versions: step.versions.filter((_, at) => at !== version) } : step));
}

export const versionLetter = (version: number) => String.fromCharCode(65 + version);

/** Lint for one version, as the server computes it on save (the same function). */
export function lintVersion(steps: readonly DraftStep[], index: number, version: number, customFieldKeys: readonly string[]): LintWarning[] {
  const step = steps[index];
  const content = step?.versions[version];
  if (!step || !content) return [];
  return lintStep({ stepIndex: index, subject: content.subject, body: content.body, bodyFormat: step.bodyFormat, customFieldKeys });
}

/** Inserts `text` at the selection of `value` (start–end), returning the new value and caret. */
export function insertAt(value: string, start: number, end: number, text: string): { value: string; caret: number } {
  const from = Math.max(0, Math.min(start, value.length));
  const to = Math.max(from, Math.min(end, value.length));
  return { value: value.slice(0, from) + text + value.slice(to), caret: from + text.length };
}
