import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { PublicLayout } from './PublicLayout.js';

export type LegalSection = { id: string; title: MessageKey; body: MessageKey };

/**
 * Paragraphs are separated by blank lines; lines starting with "- " form a list, also right under
 * a paragraph's lead-in line ("…with their own account:"). Keeps the legal texts in the catalogues
 * as plain text, translated like everything else.
 */
function Prose({ text }: { text: string }) {
  // Each block becomes runs: consecutive list lines are one list, the other lines one paragraph.
  const runs = text.split(/\n\s*\n/).flatMap((block) =>
    block.split('\n').reduce<{ list: boolean; lines: string[] }[]>((acc, line) => {
      const list = line.startsWith('- ');
      const last = acc[acc.length - 1];
      if (last && last.list === list) last.lines.push(list ? line.slice(2) : line);
      else acc.push({ list, lines: [list ? line.slice(2) : line] });
      return acc;
    }, []),
  );
  return (
    <>
      {runs.map((run, index) =>
        run.list ? (
          <ul key={index} className="list-disc space-y-1.5 pl-5">
            {run.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          <p key={index}>{run.lines.join(' ')}</p>
        ),
      )}
    </>
  );
}

/** A long-form legal page (privacy, terms) with a table of contents. */
export function LegalPage({ title, intro, updated, sections }: { title: MessageKey; intro: MessageKey; updated: string; sections: LegalSection[] }) {
  const { t, formatDate } = useI18n();
  const { hash } = useLocation();
  useEffect(() => {
    document.title = `${t(title)} · ${t('app.name')}`;
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [hash, t, title]);
  return (
    <PublicLayout>
      <div className="mx-auto grid max-w-5xl gap-10 px-4 py-12 sm:px-6 lg:grid-cols-[14rem_1fr] lg:py-16">
        <nav aria-label={t('legal.contents')} className="lg:sticky lg:top-24 lg:self-start">
          <p className="text-xs font-semibold tracking-wide text-subtle uppercase">{t('legal.contents')}</p>
          <ol className="mt-3 space-y-1.5 text-sm">
            {sections.map((section) => (
              <li key={section.id}>
                <a href={`#${section.id}`} className="text-muted hover:text-ink">
                  {t(section.title)}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <article className="max-w-prose">
          <h1 className="text-3xl font-semibold tracking-tight text-ink">{t(title)}</h1>
          <p className="mt-2 text-sm text-subtle">{t('legal.updated', { date: formatDate(updated, { dateStyle: 'long' }) })}</p>
          <div className="mt-6 space-y-4 text-base leading-relaxed text-muted">
            <Prose text={t(intro)} />
          </div>
          {sections.map((section) => (
            <section key={section.id} id={section.id} aria-labelledby={`${section.id}-title`} className="mt-10 scroll-mt-24">
              <h2 id={`${section.id}-title`} className="text-xl font-semibold text-ink">
                {t(section.title)}
              </h2>
              <div className="mt-3 space-y-3 text-base leading-relaxed text-muted">
                <Prose text={t(section.body)} />
              </div>
            </section>
          ))}
        </article>
      </div>
    </PublicLayout>
  );
}
