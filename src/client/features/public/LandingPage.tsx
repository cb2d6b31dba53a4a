import type { CSSProperties, ReactNode } from 'react';
import { CheckIcon } from '../../components/ui/icons.js';
import { ButtonLink } from '../../components/ui/Button.js';
import { cx } from '../../components/ui/cx.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { HeroPreview } from './HeroPreview.js';
import { PublicLayout } from './PublicLayout.js';
import { REVEAL, useReveal } from './useReveal.js';

const STEPS: { title: MessageKey; body: MessageKey; icon: string }[] = [
  { title: 'landing.step1.title', body: 'landing.step1.body', icon: 'M10.5 3a7.5 7.5 0 0 1 6 12l4.3 4.2-1.4 1.4-4.3-4.2A7.5 7.5 0 1 1 10.5 3Zm0 2a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11Z' },
  { title: 'landing.step2.title', body: 'landing.step2.body', icon: 'm12 2 2.1 5.9L20 10l-5.9 2.1L12 18l-2.1-5.9L4 10l5.9-2.1L12 2Zm7 13 1 2.5 2.5 1-2.5 1L19 22l-1-2.5-2.5-1 2.5-1L19 15Z' },
  { title: 'landing.step3.title', body: 'landing.step3.body', icon: 'M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm1 2.4V17h16V7.4l-8 5.3-8-5.3ZM5.8 7l6.2 4.1L18.2 7H5.8Z' },
  { title: 'landing.step4.title', body: 'landing.step4.body', icon: 'M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2H7Zm-2 8h14v10H5V10Zm10.3 2.3 1.4 1.4-5.2 5.2-3.2-3.2 1.4-1.4 1.8 1.8 3.8-3.8Z' },
];

const FEATURES: { title: MessageKey; body: MessageKey }[] = [
  { title: 'landing.feature.data.title', body: 'landing.feature.data.body' },
  { title: 'landing.feature.deliverability.title', body: 'landing.feature.deliverability.body' },
  { title: 'landing.feature.human.title', body: 'landing.feature.human.body' },
  { title: 'landing.feature.gdpr.title', body: 'landing.feature.gdpr.body' },
  { title: 'landing.feature.api.title', body: 'landing.feature.api.body' },
  { title: 'landing.feature.languages.title', body: 'landing.feature.languages.body' },
];

const delay = (index: number): CSSProperties => ({ transitionDelay: `${index * 90}ms` });

function SectionHeading({ id, eyebrow, title, subtitle }: { id: string; eyebrow: string; title: string; subtitle: string }) {
  return (
    <div data-reveal className={cx('mx-auto max-w-2xl text-center', REVEAL)}>
      <p className="text-sm font-semibold tracking-wide text-brand-600 uppercase">{eyebrow}</p>
      <h2 id={id} className="mt-2 text-3xl font-semibold tracking-tight text-ink sm:text-4xl">
        {title}
      </h2>
      <p className="mt-3 text-base text-muted">{subtitle}</p>
    </div>
  );
}

function NavLinkAnchor({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} className="rounded hover:text-ink">
      {children}
    </a>
  );
}

/** The public home page for signed-out visitors: what it does, how it works, a call to sign up. */
export function LandingPage() {
  const t = useT();
  const ref = useReveal<HTMLDivElement>();
  return (
    <PublicLayout
      nav={
        <>
          <NavLinkAnchor href="#how-it-works">{t('landing.nav.how')}</NavLinkAnchor>
          <NavLinkAnchor href="#features">{t('landing.nav.features')}</NavLinkAnchor>
        </>
      }
    >
      <div ref={ref}>
        <section aria-labelledby="hero-title" className="relative overflow-hidden bg-gradient-to-b from-brand-50 via-panel to-panel">
          <div aria-hidden="true" className="pointer-events-none absolute -top-40 left-1/2 h-96 w-[48rem] -translate-x-1/2 rounded-full bg-brand-100/60 blur-3xl" />
          <div className="relative mx-auto grid max-w-6xl items-center gap-12 px-4 pt-16 pb-20 sm:px-6 lg:grid-cols-[1.05fr_1fr] lg:pt-24">
            <div className="motion-safe:animate-slide-up">
              <p className="inline-flex items-center gap-2 rounded-full border border-brand-100 bg-panel px-3 py-1 text-xs font-medium text-brand-700 shadow-sm">
                <span className="size-1.5 rounded-full bg-brand-500" aria-hidden="true" />
                {t('landing.hero.eyebrow')}
              </p>
              <h1 id="hero-title" className="mt-5 text-4xl font-semibold tracking-tight text-ink sm:text-5xl">
                {t('landing.hero.title')}
              </h1>
              <p className="mt-5 max-w-xl text-lg text-muted">{t('landing.hero.subtitle')}</p>
              <div className="mt-8 flex flex-wrap items-center gap-3">
                <ButtonLink to="/sign-up" size="lg" className="motion-safe:transition-transform motion-safe:hover:-translate-y-0.5">
                  {t('landing.hero.cta')}
                </ButtonLink>
                <a href="#how-it-works" className="inline-flex h-12 items-center rounded-lg px-4 text-base font-medium text-ink hover:bg-surface">
                  {t('landing.hero.secondary')} <span aria-hidden="true" className="ml-1">→</span>
                </a>
              </div>
              <p className="mt-4 text-sm text-subtle">{t('landing.hero.note')}</p>
            </div>
            <HeroPreview />
          </div>
        </section>

        <section id="how-it-works" aria-labelledby="how-title" className="scroll-mt-20 px-4 py-20 sm:px-6">
          <SectionHeading id="how-title" eyebrow={t('landing.how.eyebrow')} title={t('landing.how.title')} subtitle={t('landing.how.subtitle')} />
          <ol className="mx-auto mt-12 grid max-w-6xl gap-5 md:grid-cols-2 lg:grid-cols-4">
            {STEPS.map((step, index) => (
              <li
                key={step.title}
                data-reveal
                style={delay(index)}
                className={cx(
                  'group relative rounded-card border border-line bg-panel p-6 shadow-card transition-shadow hover:shadow-lg motion-safe:hover:-translate-y-1',
                  REVEAL,
                )}
              >
                <div className="flex items-center justify-between">
                  <span className="flex size-10 items-center justify-center rounded-lg bg-brand-600 text-white shadow-sm" aria-hidden="true">
                    <svg viewBox="0 0 24 24" className="size-5" fill="currentColor">
                      <path d={step.icon} />
                    </svg>
                  </span>
                  <span className="text-sm font-semibold text-subtle">{t('landing.how.stepNumber', { number: index + 1 })}</span>
                </div>
                <h3 className="mt-5 text-lg font-semibold text-ink">{t(step.title)}</h3>
                <p className="mt-2 text-sm leading-relaxed text-muted">{t(step.body)}</p>
              </li>
            ))}
          </ol>
        </section>

        <section id="features" aria-labelledby="features-title" className="scroll-mt-20 bg-surface px-4 py-20 sm:px-6">
          <SectionHeading id="features-title" eyebrow={t('landing.features.eyebrow')} title={t('landing.features.title')} subtitle={t('landing.features.subtitle')} />
          <ul className="mx-auto mt-12 grid max-w-6xl gap-x-10 gap-y-8 sm:grid-cols-2 lg:grid-cols-3">
            {FEATURES.map((feature, index) => (
              <li key={feature.title} data-reveal style={delay(index % 3)} className={cx('flex gap-4', REVEAL)}>
                <span className="mt-1 flex size-6 shrink-0 items-center justify-center rounded-full bg-brand-100 text-brand-700" aria-hidden="true">
                  <CheckIcon className="size-3.5" />
                </span>
                <div>
                  <h3 className="text-base font-semibold text-ink">{t(feature.title)}</h3>
                  <p className="mt-1 text-sm leading-relaxed text-muted">{t(feature.body)}</p>
                </div>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="cta-title" className="px-4 py-20 sm:px-6">
          <div data-reveal className={cx('mx-auto max-w-4xl overflow-hidden rounded-2xl bg-brand-700 px-6 py-12 text-center shadow-xl sm:px-12', REVEAL)}>
            <h2 id="cta-title" className="text-3xl font-semibold tracking-tight text-white">
              {t('landing.cta.title')}
            </h2>
            <p className="mx-auto mt-3 max-w-xl text-brand-100">{t('landing.cta.body')}</p>
            <ButtonLink to="/sign-up" size="lg" variant="secondary" className="mt-8 border-transparent motion-safe:transition-transform motion-safe:hover:-translate-y-0.5">
              {t('landing.cta.button')}
            </ButtonLink>
          </div>
        </section>
      </div>
    </PublicLayout>
  );
}
