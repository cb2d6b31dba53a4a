import type { ReplyLanguage } from './reply-language.js';

/**
 * Built-in answers for when the agent has no template for the intent and no LLM is configured.
 * `{firstName}`, `{link}`, `{senderName}`, `{senderCompany}` are filled by offline-drafts.ts.
 * They promise no price, no date and no time: the draft guard would refuse them, and the offline
 * path cannot know the sender's calendar.
 */
export type DraftIntent = 'interested' | 'meeting_request' | 'question' | 'not_now' | 'referral';

type Phrases = {
  greeting: string;
  greetingNoName: string;
  body: Record<DraftIntent, string>;
  /** Added to a template for a positive reply that forgot the booking link. */
  bookingLine: string;
  /** A positive answer when the agent has no booking link (it then goes to review). */
  positiveWithoutLink: string;
  /** Offered with a question when there is a booking link. */
  questionBookingLine: string;
  signOff: string;
  /** A due `not_now` reminder's follow-up; `{date}` is the day the prospect named, in words. */
  reminder: string;
};

export const DRAFT_PHRASES: Record<ReplyLanguage, Phrases> = {
  en: {
    greeting: 'Hi {firstName},',
    greetingNoName: 'Hello,',
    body: {
      interested: 'Thanks for getting back to me, glad this caught your interest. The easiest next step is a short call: you can pick a time that suits you here: {link}',
      meeting_request: 'Thanks, happy to set this up. So that it lands in both our calendars, please pick the slot that suits you best here: {link}',
      question: 'Thanks for your question. I would rather give you a precise answer than a generic one, so I will come back to you shortly.',
      not_now: 'Understood, thanks for letting me know. I will get back in touch later; if anything changes in the meantime, just reply to this email.',
      referral: 'Thanks for pointing me to the right person, much appreciated. I will get in touch with them directly.',
    },
    bookingLine: 'You can pick a time that suits you here: {link}',
    positiveWithoutLink: 'Thanks for getting back to me, glad this caught your interest. I will come back to you shortly with a few options for a short call.',
    questionBookingLine: 'If it is easier, we can also go through it together on a short call: {link}',
    signOff: 'Best regards,',
    reminder: 'You asked me to get back in touch around {date}, so here I am. Is this a better time to look at it together? If so, just reply to this email and we will find a moment.',
  },
  fr: {
    greeting: 'Bonjour {firstName},',
    greetingNoName: 'Bonjour,',
    body: {
      interested: 'Merci pour votre retour, ravi que le sujet vous intéresse. Le plus simple est un court échange : vous pouvez choisir le créneau qui vous convient ici : {link}',
      meeting_request: 'Merci, avec plaisir. Pour que le rendez-vous arrive directement dans nos deux agendas, choisissez le créneau qui vous convient ici : {link}',
      question: 'Merci pour votre question. Je préfère vous donner une réponse précise plutôt que générale : je reviens vers vous très vite.',
      not_now: 'Entendu, merci de m’avoir prévenu. Je reviendrai vers vous plus tard ; si les choses changent d’ici là, répondez simplement à cet e-mail.',
      referral: 'Merci de m’avoir orienté vers la bonne personne. Je prends contact directement avec elle.',
    },
    bookingLine: 'Vous pouvez choisir le créneau qui vous convient ici : {link}',
    positiveWithoutLink: 'Merci pour votre retour, ravi que le sujet vous intéresse. Je reviens vers vous très vite avec quelques propositions pour un court échange.',
    questionBookingLine: 'Si c’est plus simple, nous pouvons aussi en parler lors d’un court échange : {link}',
    signOff: 'Bien cordialement,',
    reminder: 'Vous m’aviez demandé de revenir vers vous vers le {date}, je me permets donc de vous relancer. Est-ce un meilleur moment pour en parler ? Si oui, répondez simplement à cet e-mail et nous trouverons un créneau.',
  },
};

/** Template names that fit each intent, in English and French ("Interested – book a call", "Relance plus tard"). */
export const TEMPLATE_NAME_HINTS: Record<DraftIntent, RegExp> = {
  interested: /interest|positive|book|demo|call|meeting|intéress|interess|rendez|rdv|démo|appel|échange/i,
  meeting_request: /meeting|book|calendar|schedul|demo|call|rendez|rdv|agenda|créneau|creneau|démo|appel/i,
  question: /question|info|faq|pricing|price|tarif|prix|renseign/i,
  not_now: /later|not now|timing|follow|plus tard|pas maintenant|relance|recontact/i,
  referral: /referr|colleague|intro|right person|recommand|collègue|collegue|bonne personne/i,
};

/** Template names for a due reminder's follow-up ("Reminder follow-up", "Relance après rappel"). */
export const REMINDER_TEMPLATE_HINT = /remind|back in touch|check.?in|rappel|reprise de contact/i;
