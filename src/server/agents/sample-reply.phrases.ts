import type { AgentPersonality } from '../../shared/agent-rules.js';

/**
 * Phrase banks for the offline sample reply, per language. `{firstName}`, `{company}`,
 * `{bookingUrl}`, `{topic}` are filled in by sample-reply.ts. Written to read like a real
 * salesperson of each personality, not like a template engine.
 */
export type SampleIntent = 'interested' | 'question' | 'not_now' | 'not_interested';
type PerPersonality = Record<AgentPersonality, string>;

export type PhraseBank = {
  greeting: PerPersonality;
  thanks: PerPersonality;
  intent: Record<SampleIntent, PerPersonality>;
  ctaWithLink: PerPersonality;
  ctaWithoutLink: PerPersonality;
  forbidden: string;
  signOff: PerPersonality;
  sampleInbound: string;
  sampleSubject: string;
  prospect: { firstName: string; lastName: string; company: string; title: string; email: string };
};

export const PHRASES: Record<'en' | 'fr', PhraseBank> = {
  en: {
    greeting: { consultative: 'Hi {firstName},', friendly: 'Hi {firstName}!', direct: '{firstName},', formal: 'Dear {firstName},', challenger: 'Hi {firstName},' },
    thanks: {
      consultative: 'Thanks for getting back to me, glad this caught your attention.',
      friendly: 'Great to hear from you, and thanks for the quick reply!',
      direct: 'Thanks for the reply.',
      formal: 'Thank you for your reply.',
      challenger: 'Thanks for replying: most teams only look at this once the problem is already costing them.',
    },
    intent: {
      interested: {
        consultative: 'Before anything else, I would love to understand how {company} handles outbound today and what a great quarter would look like for you.',
        friendly: 'Happy to walk you through it: it takes about 20 minutes and you will see it working on your own kind of prospects.',
        direct: 'The quickest way to see whether it fits {company} is a 20-minute call.',
        formal: 'I would be pleased to present how we could support {company} during a short call.',
        challenger: 'Most teams in your position invest in volume and neglect follow-up; I can show you where {company} is probably leaving meetings on the table.',
      },
      question: {
        consultative: 'Good question. The honest answer depends on your team size and how many mailboxes you send from, so I would rather ask a couple of questions than guess.',
        friendly: 'Good question! It depends a little on your setup, so the easiest is to look at it together.',
        direct: 'Short answer: it depends on your volume. I can give you an exact figure in a few minutes on a call.',
        formal: 'That is a fair question. The answer depends on your configuration, and I would like to give you a precise one rather than an estimate.',
        challenger: 'Fair question, though in my experience the price matters far less than what a missed reply costs you. Let me show you the numbers for a team like {company}.',
      },
      not_now: {
        consultative: 'Understood, timing matters. I will get back in touch next quarter; if your priorities change before then, just reply to this email.',
        friendly: 'No problem at all, I will check back in a few months. Just reply here if things move sooner!',
        direct: 'Understood. I will follow up next quarter.',
        formal: 'I understand perfectly. With your permission, I will contact you again next quarter.',
        challenger: 'Understood. One thought before I go: the teams that wait usually start from scratch later. I will check back next quarter.',
      },
      not_interested: {
        consultative: 'Understood, and thank you for letting me know. I will not follow up further.',
        friendly: 'Totally fine, thanks for letting me know! I will not bother you again.',
        direct: 'Understood. I will close the loop on my side.',
        formal: 'Thank you for letting me know. I will not contact you again.',
        challenger: 'Fair enough, thank you for the straight answer. I will not follow up.',
      },
    },
    ctaWithLink: {
      consultative: 'Would you be open to a short call to compare notes? You can pick a time that suits you here: {bookingUrl}',
      friendly: 'Grab any slot that works for you here: {bookingUrl}',
      direct: 'Book 20 minutes here: {bookingUrl}',
      formal: 'You may choose a convenient time here: {bookingUrl}',
      challenger: 'If you are open to having that assumption tested, pick a time here: {bookingUrl}',
    },
    ctaWithoutLink: {
      consultative: 'Would a short call next Tuesday or Thursday afternoon work for you?',
      friendly: 'Would a quick chat next week work for you?',
      direct: 'Does Tuesday at 2pm work?',
      formal: 'Would you be available for a short call next week?',
      challenger: 'Are you open to 20 minutes next week to test that assumption?',
    },
    forbidden: 'I am not able to discuss {topic} by email, but I will make sure the right person gets back to you.',
    signOff: { consultative: 'Best regards,', friendly: 'Cheers,', direct: 'Best,', formal: 'Kind regards,', challenger: 'Best,' },
    sampleInbound: 'Hi, thanks for your email. This sounds interesting. Could you tell me a bit more about how it would work for our team?',
    sampleSubject: 'Quick question about outbound at {company}',
    prospect: { firstName: 'Alex', lastName: 'Morgan', company: 'Northwind Logistics', title: 'Head of Sales', email: 'alex.morgan@northwind.example' },
  },
  fr: {
    greeting: { consultative: 'Bonjour {firstName},', friendly: 'Bonjour {firstName} !', direct: '{firstName},', formal: 'Bonjour {firstName},', challenger: 'Bonjour {firstName},' },
    thanks: {
      consultative: 'Merci pour votre retour, ravi que le sujet vous parle.',
      friendly: 'Merci beaucoup pour votre réponse rapide !',
      direct: 'Merci pour votre réponse.',
      formal: 'Je vous remercie pour votre réponse.',
      challenger: 'Merci de votre réponse : la plupart des équipes ne s’y intéressent qu’une fois que le problème leur coûte déjà cher.',
    },
    intent: {
      interested: {
        consultative: 'Avant toute chose, j’aimerais comprendre comment {company} gère la prospection aujourd’hui et à quoi ressemblerait un excellent trimestre pour vous.',
        friendly: 'Je vous montre volontiers : cela prend une vingtaine de minutes et vous le verrez tourner sur des prospects comme les vôtres.',
        direct: 'Le plus rapide pour savoir si cela convient à {company} : un appel de 20 minutes.',
        formal: 'Je serais heureux de vous présenter, lors d’un court échange, la manière dont nous pourrions accompagner {company}.',
        challenger: 'La plupart des équipes dans votre situation misent sur le volume et négligent les relances ; je peux vous montrer où {company} laisse probablement passer des rendez-vous.',
      },
      question: {
        consultative: 'Bonne question. La réponse dépend de la taille de votre équipe et du nombre de boîtes d’envoi, alors je préfère vous poser deux ou trois questions plutôt que de deviner.',
        friendly: 'Bonne question ! Cela dépend un peu de votre organisation, le plus simple est d’en parler ensemble.',
        direct: 'En bref : cela dépend de votre volume. Je peux vous donner un chiffre précis en quelques minutes au téléphone.',
        formal: 'C’est une question légitime. La réponse dépend de votre configuration et je souhaite vous donner un chiffre précis plutôt qu’une estimation.',
        challenger: 'Question légitime, même si, d’expérience, le prix compte bien moins que le coût d’une réponse manquée. Je vous montre les chiffres pour une équipe comme {company}.',
      },
      not_now: {
        consultative: 'Entendu, le moment compte. Je reviendrai vers vous le trimestre prochain ; si vos priorités changent d’ici là, répondez simplement à cet e-mail.',
        friendly: 'Aucun souci, je reviens vers vous dans quelques mois. Répondez ici si les choses bougent plus tôt !',
        direct: 'Entendu. Je vous recontacte le trimestre prochain.',
        formal: 'Je comprends parfaitement. Avec votre accord, je reprendrai contact avec vous le trimestre prochain.',
        challenger: 'Entendu. Une remarque avant de vous laisser : les équipes qui attendent repartent souvent de zéro. Je reviens vers vous le trimestre prochain.',
      },
      not_interested: {
        consultative: 'Entendu, et merci de m’avoir prévenu. Je ne vous relancerai pas.',
        friendly: 'Pas de souci, merci de m’avoir répondu ! Je ne vous embêterai plus.',
        direct: 'Entendu. Je clos le sujet de mon côté.',
        formal: 'Je vous remercie de m’avoir informé. Je ne vous recontacterai pas.',
        challenger: 'Entendu, merci pour votre franchise. Je ne vous relancerai pas.',
      },
    },
    ctaWithLink: {
      consultative: 'Seriez-vous partant pour un court échange ? Vous pouvez choisir le créneau qui vous convient ici : {bookingUrl}',
      friendly: 'Choisissez le créneau qui vous arrange ici : {bookingUrl}',
      direct: 'Réservez 20 minutes ici : {bookingUrl}',
      formal: 'Vous pouvez choisir le créneau qui vous convient ici : {bookingUrl}',
      challenger: 'Si vous êtes prêt à confronter cette hypothèse, choisissez un créneau ici : {bookingUrl}',
    },
    ctaWithoutLink: {
      consultative: 'Un court échange mardi ou jeudi après-midi prochain vous conviendrait-il ?',
      friendly: 'Un petit appel la semaine prochaine, ça vous dit ?',
      direct: 'Mardi 14 h, cela vous va ?',
      formal: 'Seriez-vous disponible pour un court échange la semaine prochaine ?',
      challenger: 'Avez-vous 20 minutes la semaine prochaine pour mettre cette hypothèse à l’épreuve ?',
    },
    forbidden: 'Je ne peux pas aborder le sujet « {topic} » par e-mail, mais je m’assure que la bonne personne revienne vers vous.',
    signOff: { consultative: 'Bien cordialement,', friendly: 'Belle journée,', direct: 'Cordialement,', formal: 'Je vous prie d’agréer mes salutations distinguées,', challenger: 'Cordialement,' },
    sampleInbound: 'Bonjour, merci pour votre message. Cela m’intéresse. Pourriez-vous m’en dire un peu plus sur le fonctionnement pour notre équipe ?',
    sampleSubject: 'Petite question sur la prospection chez {company}',
    prospect: { firstName: 'Camille', lastName: 'Durand', company: 'Atelier Moreau', title: 'Directrice commerciale', email: 'camille.durand@atelier-moreau.example' },
  },
};
