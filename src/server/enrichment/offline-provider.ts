import { contentProblem, textProblem } from './answer.js';
import { enrichmentAnswerSchema, FIT_REASON_MAX_LENGTH, OPENING_LINE_MAX_LENGTH, TALKING_POINT_MAX_LENGTH, type EnrichmentAnswer } from './enrichment-schema.js';
import { scoreFit } from './fit-score.js';
import { locatePlace } from './location-zones.js';
import { normaliseFacts, type EnrichmentStyle, type IcpCriteria, type ProspectFacts } from './prompt.js';

/**
 * Enrichment with no LLM configured: the same fields, from templates and the ICP rules, labelled
 * provider `offline` ("offline enrichment" in the UI). It never quotes the free-text summary (that
 * is where injected text lives) and drops any field value carrying a link, an address or an
 * instruction. Talking points and the fit reason are in English, like the app's other rule
 * explanations; the opening line, which goes into the email, is in English or French.
 */

export const OFFLINE_MODEL = 'offline-rules-v1';

export type OfflineEnrichment = EnrichmentAnswer & { provider: 'offline'; model: typeof OFFLINE_MODEL; fitReasons: string[] };

/** A profile value safe to put into generated text, or null. */
function safe(value: string | null, max: number): string | null {
  if (!value || textProblem(value, []) !== null) return null;
  return value.length > max ? null : value;
}

/** Inside one sentence, a value's own sentence punctuation would end it early ("Sr. Engineer"). */
const inSentence = (value: string) => value.replace(/[.!?…]+/g, '').replace(/\s+/g, ' ').trim();

function openingLine(language: 'en' | 'fr', firstName: string | null, title: string | null, company: string | null): string {
  const attempts: [string | null, string | null][] = [
    [title, company],
    [null, company],
    [null, null],
  ];
  for (const [role, at] of attempts) {
    const line =
      language === 'fr'
        ? `${firstName ? `Bonjour ${firstName}, ` : 'Bonjour, '}${role && at ? `j'ai remarqué votre travail de ${role} chez ${at}` : at ? `j'ai remarqué votre travail chez ${at}` : "j'ai découvert votre profil"} et je me permets de vous écrire.`
        : `${firstName ? `Hi ${firstName}, ` : 'Hello, '}${role && at ? `I noticed your work as ${role} at ${at}` : at ? `I noticed your work at ${at}` : 'I came across your profile'} and wanted to reach out.`;
    if (line.length <= OPENING_LINE_MAX_LENGTH) return line;
  }
  return language === 'fr' ? 'Bonjour, je me permets de vous écrire.' : 'Hello, I wanted to reach out.';
}

function talkingPoints(facts: { title: string | null; company: string | null; industry: string | null; location: string | null }, fitLine: string): string[] {
  const { title, company, industry, location } = facts;
  const candidates = [
    title && company ? `${title} at ${company}` : title ? `Works as ${title}` : company ? `Works at ${company}` : null,
    industry && company ? `${company} is in ${industry}` : industry ? `Works in ${industry}` : null,
    location ? `Based in ${location}` : null,
    fitLine,
    'Little is public beyond the name: keep the first email short and ask one question',
    'No recent activity known: lead with the offer, not with a compliment',
  ];
  const points: string[] = [];
  for (const candidate of candidates) {
    if (!candidate || points.includes(candidate)) continue;
    points.push(candidate.length > TALKING_POINT_MAX_LENGTH ? `${candidate.slice(0, TALKING_POINT_MAX_LENGTH - 1)}…` : candidate);
    if (points.length === 3) break;
  }
  return points;
}

export function enrichOffline(input: { facts: ProspectFacts; icp: IcpCriteria; style: EnrichmentStyle }): OfflineEnrichment {
  const facts = normaliseFacts(input.facts);
  const fit = scoreFit(facts, input.icp);
  const place = locatePlace(facts.location);
  const language = input.style.language === 'en' || input.style.language === 'fr' ? input.style.language : place.language === 'fr' ? 'fr' : 'en';
  const firstName = safe(facts.firstName, 40);
  const title = safe(facts.title, 80);
  const company = safe(facts.company, 80);
  const values = { title, company, industry: safe(facts.industry, 80), location: safe(facts.location, 100) };
  // Reasons quote the title and industry as scraped: one carrying a link or an instruction is not repeated.
  const reasons = fit.reasons.map((reason) => (textProblem(reason, []) === null ? reason : 'A profile field was left out of the explanation'));
  const fitReason = reasons.join('; ').slice(0, FIT_REASON_MAX_LENGTH) || 'Scored by the ICP rules';
  const answer: EnrichmentAnswer = {
    talkingPoints: talkingPoints(values, `ICP fit ${fit.score}/100: ${reasons[0] ?? 'scored by the ICP rules'}`),
    openingLine: openingLine(language, firstName && inSentence(firstName), title && inSentence(title), company && inSentence(company)),
    fitScore: fit.score,
    fitReason,
    timezone: place.timezone,
    language: place.language,
  };
  // The templates cannot produce an invalid answer; if a rule change ever did, say so loudly in tests.
  const checked = enrichmentAnswerSchema.parse(answer);
  const problem = contentProblem(checked, facts);
  if (problem) throw new Error(`offline enrichment produced an invalid answer: ${problem}`);
  return { ...checked, provider: 'offline', model: OFFLINE_MODEL, fitReasons: reasons };
}
