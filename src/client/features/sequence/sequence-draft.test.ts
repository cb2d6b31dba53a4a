import { describe, expect, it } from 'vitest';
import { addStep, addVersion, insertAt, lintVersion, moveStep, removeStep, removeVersion, toServer, updateVersion, MAX_STEPS, MAX_VERSIONS, type DraftStep } from './sequence-draft.js';

const two = (): DraftStep[] => {
  let steps = addStep(addStep([]));
  steps = updateVersion(steps, 0, 0, { subject: 'Hello {{company}}', body: 'Hi {{firstName|there}}' });
  return updateVersion(steps, 1, 0, { body: 'Bump' });
};

describe('the sequence draft', () => {
  it('adds follow-ups with a delay in business days, moves and removes steps', () => {
    const steps = two();
    expect(steps.map((step) => [step.delayDays, step.businessDays])).toEqual([[0, false], [3, true]]);
    const moved = moveStep(steps, 1, -1);
    expect(moved.map((step) => step.versions[0]?.body)).toEqual(['Bump', 'Hi {{firstName|there}}']);
    expect(moveStep(steps, 0, -1)).toEqual(steps);
    expect(removeStep(steps, 0).map((step) => step.versions[0]?.body)).toEqual(['Bump']);
    let many: DraftStep[] = [];
    for (let i = 0; i < MAX_STEPS + 3; i++) many = addStep(many);
    expect(many).toHaveLength(MAX_STEPS);
  });

  it('copies version A into a new version, caps versions at four, never removes A', () => {
    let steps = two();
    for (let i = 0; i < 5; i++) steps = addVersion(steps, 0);
    expect(steps[0]!.versions).toHaveLength(MAX_VERSIONS);
    expect(steps[0]!.versions[1]).toEqual({ subject: 'Hello {{company}}', body: 'Hi {{firstName|there}}' });
    expect(removeVersion(steps, 0, 0)[0]!.versions).toHaveLength(MAX_VERSIONS);
    expect(removeVersion(steps, 0, 2)[0]!.versions).toHaveLength(MAX_VERSIONS - 1);
  });

  it('saves what the server accepts: blank steps and blank versions left out, no line break in a subject', () => {
    let steps = addStep(two());
    steps = addVersion(steps, 0);
    steps = updateVersion(steps, 0, 1, { subject: 'Two\nlines', body: '' });
    steps = addVersion(steps, 1);
    steps = updateVersion(steps, 1, 1, { subject: 'B\r\nside', body: 'Other bump' });
    const body = toServer('c', steps);
    expect(body.steps).toHaveLength(2);
    expect(body.steps[0]!.variants).toEqual([]);
    expect(body.steps[1]!.variants).toEqual([{ subject: 'B side', body: 'Other bump' }]);
  });

  it('lints a version with the server’s own rules', () => {
    let steps = two();
    steps = updateVersion(steps, 0, 0, { subject: '', body: 'Click here for {{frstName}}' });
    const codes = lintVersion(steps, 0, 0, []).map((warning) => warning.code);
    expect(codes).toEqual(expect.arrayContaining(['empty_subject_first_step', 'unknown_variable', 'spam_words']));
    expect(lintVersion(steps, 1, 0, []).map((warning) => warning.code)).not.toContain('empty_subject_first_step');
  });

  it('inserts a variable at the caret, replacing the selection', () => {
    expect(insertAt('Hi ,', 3, 3, '{{firstName}}')).toEqual({ value: 'Hi {{firstName}},', caret: 16 });
    expect(insertAt('Hi you', 3, 6, '{{firstName}}')).toEqual({ value: 'Hi {{firstName}}', caret: 16 });
  });
});
