import { describe, expect, it } from 'vitest';
import { catalogues, createTranslator, frenchSpacing } from './index.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('message catalogues', () => {
  it('say the same things in French (every placeholder of the English text), and define each key once', () => {
    const problems: string[] = [];
    const seen = new Map<string, string>();
    for (const [index, catalogue] of catalogues.entries()) {
      const name = `catalogue #${index}`;
      for (const [key, en] of Object.entries(catalogue.en as Record<string, string>)) {
        const fr = (catalogue.fr as Record<string, string>)[key]!;
        if (seen.has(key)) problems.push(`${key} is defined in ${seen.get(key)} and ${name}`);
        seen.set(key, name);
        if (placeholders(en).join() !== placeholders(fr).join()) problems.push(`${name} ${key}: {${placeholders(en).join(',')}} vs {${placeholders(fr).join(',')}}`);
        if (fr.trim() === '') problems.push(`${name} ${key}: empty in French`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('plurals', () => {
  it('follow each language: French counts 0 and 1 as singular, English only 1', () => {
    const en = createTranslator('en');
    const fr = createTranslator('fr');
    expect([0, 1, 2].map((n) => en.tp('prospects.count', n))).toEqual(['0 prospects', '1 prospect', '2 prospects']);
    expect([0, 1, 2].map((n) => fr.tp('prospects.bulk.deleted', n))).toEqual(['0 prospect supprimé', '1 prospect supprimé', '2 prospects supprimés']);
  });

  it('format the count in the language, and fill the other placeholders', () => {
    expect(createTranslator('fr').tp('prospects.bulk.tagged', 12500, { tag: 'vip' })).toBe('Étiquette «\u00a0vip\u00a0» ajoutée à 12\u202f500 prospects');
    expect(createTranslator('en').tp('prospects.bulk.tagged', 12500, { tag: 'vip' })).toBe('Tag “vip” added to 12,500 prospects');
  });

  it('keeps French ? and ! (and « ») on the line of the word before, and formats numbers in messages', () => {
    const fr = createTranslator('fr');
    expect(fr.t('auth.signIn.noAccount')).toBe('Pas encore de compte\u00a0?');
    expect(frenchSpacing('Supprimer « x » ?')).toBe('Supprimer «\u00a0x\u00a0»\u00a0?');
    expect(fr.t('workspace.retention.hint', { min: 30, max: 3650, default: 730 })).toContain('3\u202f650');
    expect(createTranslator('en').t('workspace.retention.hint', { min: 30, max: 3650, default: 730 })).toContain('3,650');
    expect(fr.tp('prospects.bulk.selected', 1)).toBe('1 sélectionné');
    expect(fr.tp('prospects.import.columnsCount', 1)).toBe('1 colonne');
    expect(fr.t('icp.seniority.head')).not.toBe('Head of');
  });
});
