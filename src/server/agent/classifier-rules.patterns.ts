import type { ReplyIntent } from './intents.js';

/**
 * Wording the offline rules recognise. Every pattern runs on folded text (lowercase, no accents,
 * straight apostrophes: see foldText), so "Désinscrivez-moi" is matched by `desinscri`.
 */

export const BOUNCE_SENDERS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;

export const BOUNCE_SUBJECTS =
  /\b(undeliverable|undelivered mail|delivery status notification|mail delivery (failed|failure|subsystem)|returned mail|delivery failure|failure notice|non remis|echec de (la )?remise|message non distribue|non distribuable)\b/;

export const BOUNCE_BODY: RegExp[] = [
  /\bdelivery to the following recipients? (failed|has failed)\b/,
  /\b(your|the) message (wasn't|was not|couldn't be|could not be|cannot be) delivered\b/,
  /\bmessage not delivered\b/,
  /\baddress not found\b/,
  /\bthe (email )?account (that )?you tried to reach (does not|doesn't) exist\b/,
  /\b(user|recipient|mailbox) (unknown|not found|unavailable)\b/,
  /\brecipient address rejected\b/,
  /\b(550|551|553|554)[ -]5\.\d\.\d{1,3}\b/,
  /\bvotre message n'a pas pu etre (remis|distribue|delivre|envoye)\b/,
  /\bl'adresse (e-?mail )?que vous avez (tente|essaye) de (joindre|contacter) n'existe pas\b/,
  /\b(destinataire|adresse) (introuvable|inconnue?)\b/,
  /\bechec de (la )?(remise|distribution)\b/,
];

export const AUTO_REPLY_SUBJECTS =
  /\b(automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|out of (the )?office|ooo|reponse automatique|message d'absence|absence du bureau|absent du bureau|absente du bureau)\b/;

/** Wording only machines write: enough on its own to call the message an automatic reply. */
export const AUTO_REPLY_BODY_CERTAIN: RegExp[] = [
  /\b(this is an? )?(automatic|automated) (reply|response|message)\b/,
  /\b(reponse|message) automatique\b/,
  /\bmessage d'absence\b/,
];

/** Out-of-office wording a person may also write ("on vacation till Monday but yes, let's talk"). */
export const OUT_OF_OFFICE_BODY: RegExp[] = [
  /\bout of (the )?office\b/,
  /\b(i am|i'm|i will be|i'll be|currently) (currently )?(away|travel+ing|off|on (annual |parental |maternity |paternity |sick )?leave|on (vacation|holidays?|pto))\b/,
  /\b(away|on vacation|on holidays?|on leave|ooo|off) (until|till|til|through|from)\b/,
  /\blimited access to (my )?e-?mails?\b/,
  /\b(i will|i'll) be back\b/,
  /\bback (in the office|on|at my desk|from)\b/,
  /\b(i'm|i am) (out|off) (until|till|til|today|this week)\b/,
  /\breturning (to the office )?on\b/,
  /\bje suis (actuellement )?(absente?|en conges?|en vacances|en deplacement|en formation|en arret)\b/,
  /\b(absente?|en conges?|en vacances|en deplacement) (jusqu'au|jusqu'a|du|a partir)\b/,
  /\bde retour (le|au bureau|lundi|mardi|mercredi|jeudi|vendredi|la semaine|demain|a partir)\b/,
  /\bje serai de retour\b/,
  /\bacces (limite|restreint) (a mes|aux) (e-?mails|messages|courriels)\b/,
];

/** A plain request to stop receiving mail. Checked before anything else a person wrote. */
export const UNSUBSCRIBE_BODY: RegExp[] = [
  /\bunsub(scribe)?\b/,
  /\bremove (me|us|my (e-?mail|address|name|details|data|contact))\b/,
  /\b(take|get) (me|us|my (e-?mail|address|name)) off\b/,
  /\boff (your|the|this) (mailing |e-?mail |contact |distribution )?list\b/,
  /\bopt(ing)?[- ]?(me )?out\b/,
  /\bstop (e-?mailing|mailing|contacting|messaging|writing( to)?|sending|spamming)\b/,
  /\b(quit|stop) (e-?mailing|emailing|spamming) (me|us)\b/,
  /\b(do not|don't|dont|never|please don't) (e-?mail|contact|write to|message|spam) (me|us)( again)?\b/,
  /\bno (more|further) (e-?mails|messages|contact)\b/,
  /\b(delete|erase) (my|all my|our) (data|details|information|personal data|e-?mail|contact)\b/,
  /\b(this|that|it) is spam\b/,
  // "STOP" alone on the first line, whatever signature follows.
  /^\W*stop\W*($|\n)/,
  /\bdesinscri/,
  /\bdesabonn/,
  /\b(retirez|retire|enlevez|supprimez|rayez|sortez)[- ]moi\b/,
  /\b(retirer|retirez|supprimer|supprimez|effacer|effacez|enlever|enlevez) (mon adresse|mon e-?mail|mon mail|mes (donnees|coordonnees|informations)|mon contact|moi)\b/,
  /\bne (plus|jamais plus) (recevoir|etre (contacte|sollicite)e?|me (contacter|solliciter|relancer|ecrire))\b/,
  /\bne (souhaite|souhaitons|veux|voulons|desire|desirons) (plus|pas) (recevoir|etre (contacte|sollicite)e?s?)\b/,
  /\bne (me|nous) (contactez|sollicitez|ecrivez|relancez|envoyez) (plus|jamais)\b/,
  /\b(arretez|cessez) de (m'|nous )?(ecrire|envoyer|contacter|spammer|solliciter|relancer)\b/,
  /\bplus (de|d'autres?) (mails|e-?mails|messages|sollicitations)\b/,
  /\bc'est du spam\b/,
];

/** "No longer with the company": a referral when another address is given, otherwise nothing to do. */
export const LEFT_COMPANY: RegExp[] = [
  /\b(no longer|not longer) (with|at|working (at|for|with)|works? (at|for)|employed (at|by)|part of)\b/,
  /\bnot (with|at) [a-z0-9&. -]{2,30} any ?more\b/,
  /\b(has|have|i've) left (the company|the organi[sz]ation|the firm|the business|us|our company|our team)\b/,
  /\bhas left [a-z0-9&.-]+( (inc|ltd|sas|sa|gmbh|llc))?\s*[.,;]/,
  /\bn'(est|suis|fait) plus (chez|dans (l'entreprise|la societe|l'equipe)|en poste|partie|employee?|avec nous)\b/,
  /\b(a|ai) quitte (l'entreprise|la societe|le groupe|ses fonctions|mes fonctions|[a-z0-9&.-]+\s*[.,;])/,
];

export type IntentCue = { intent: ReplyIntent; factor: number; patterns: RegExp[] };

/**
 * Phrases that shift the statistical model's odds without deciding alone. `factor` is the
 * likelihood ratio applied to the intent's probability (measured on the training examples: high
 * enough to settle a close call, not enough to overturn a clear one).
 */
export const INTENT_CUES: IntentCue[] = [
  {
    intent: 'out_of_office',
    factor: 12,
    patterns: OUT_OF_OFFICE_BODY,
  },
  {
    intent: 'not_now',
    factor: 8,
    patterns: [
      /\bnext (week|month|quarter|year|fall|spring|summer|autumn|semester|fiscal year)\b/,
      /\bin (a few|xnum|two|three|four|six|a couple( of)?) (weeks|months)\b/,
      /\b(not (right )?now|not the right (time|moment)|bad timing|not a priority|not a good time)\b/,
      /\b(maybe|perhaps|possibly|try( me)?|ask( me)?) (later|again)\b/,
      /\b(circle|check|come) back\b/,
      /\b(reach out|follow up|get back|touch base|ping me|contact me) (again )?(in|after|next|later|around|once)\b/,
      /\bafter (the )?(summer|holidays|new year|xmonth|our|we)\b/,
      /\b(early|later|end of|end of the) (next )?(year|quarter|xmonth)\b/,
      /\bq ?xnum\b/,
      /\b(budget|budgets) (is |are )?(frozen|closed|spent|allocated|already)\b/,
      /\bplus tard\b/,
      /\bpas (le (bon )?moment|maintenant|pour (le moment|l'instant|tout de suite)|prioritaire)\b/,
      /\b(le |au )?(mois|trimestre|semestre) prochain\b/,
      /\b(l'annee prochaine|l'an prochain|debut d'annee|fin d'annee|courant xmonth)\b/,
      /\b(apres l'ete|a la rentree|apres les (vacances|fetes)|en xmonth)\b/,
      /\bdans (quelques|xnum|deux|trois|six) (semaines|mois)\b/,
      /\b(recontactez|relancez|rappelez)[- ]moi\b/,
      /\breven(ez|ir) vers (moi|nous)\b/,
      /\bd'ici (la fin|quelques|xnum)\b/,
    ],
  },
  {
    intent: 'not_interested',
    factor: 7,
    patterns: [
      /\bnot (really |at all )?interested\b/,
      /\bno,? thanks?( you)?\b/,
      /\bnot (a (good )?fit|for us|relevant|something we need)\b/,
      /\bwe('re| are) (all )?(good|set|covered|fine)\b/,
      /\b(already|happily) (have|use|using|work with|working with|signed|partnered)\b/,
      /\b(no|don't|dont|do not) need\b/,
      /\bnot looking\b/,
      /\b(we'll|i'll|we will|i will) pass\b(?! (it|this|that|your \w+|them) (along|on))/,
      /\bpas (du tout |vraiment )?interesse/,
      /\bnon,? merci\b/,
      /\bpas (besoin|pour nous|pertinent|notre priorite|concerne)\b/,
      /\bne (nous|m') interesse (pas|plus)\b/,
      /\bdeja (un |une |des |equipe|avec|en place|un prestataire|un outil)/,
      /\baucun interet\b/,
      /\b(harcelement|harassment|harassing)\b/,
    ],
  },
  {
    intent: 'referral',
    factor: 6,
    patterns: [
      /\b(contact|reach out to|talk to|speak (to|with)|e-?mail|write to|get in touch with|loop in|looping in|cc'?d?|copied|ask) (my |our )?(colleague|coworker|co-worker|manager|boss|head of|team|cto|ceo|cfo|vp|director|xemail)/,
      /\b(right|best|correct|better) (person|contact|people)\b/,
      /\bnot (the )?(right|best|correct|relevant) (person|contact)\b/,
      /\b(?<!look |looking )(forward|forwarded|forwarding|pass|passed|passing)( it| this| that| your (e-?mail|message))? (along|on|to)\b/,
      /\b(handles|in charge of|responsible for|takes care of|looks after|owns)\b/,
      /\bcollegue\b/,
      /\b(la|le) (bonne|meilleur|meilleure) (personne|interlocuteur|interlocutrice|contact)\b/,
      /\bpas (la bonne personne|le bon interlocuteur|la bonne interlocutrice)\b/,
      /\b(s'occupe|chargee? de|responsable de|gere)\b/,
      /\bje (transmets|transfere|fais suivre|mets en copie|vous mets en relation)\b/,
      /\ben copie\b/,
      /\b(voyez|voir) avec\b/,
      /\badressez[- ]vous a\b/,
    ],
  },
  {
    intent: 'meeting_request',
    factor: 5,
    patterns: [
      /\b(xday|xtime|tomorrow|demain)\b.{0,40}\b(works?|suits?|fine|ok|okay|perfect|good|free|available|dispo|disponible|me va|convient|parfait)\b/,
      /\b(works?|ok|okay|free|available|dispo|disponible|how about|what about|que diriez-vous de|pourquoi pas)\b.{0,30}\b(xday|xtime|tomorrow|demain)\b/,
      /\b(book|schedule|set up|arrange|find|grab|pick) (a |some )?(time|call|meeting|slot|demo|chat|xnum min)/,
      /\bsend (me |us |over )?(an? |your )?(invite|invitation|calendar|booking link|link to book|meeting link)/,
      /\b(calendar|calendly|booking) link\b/,
      /\b(let's|lets|can we|could we|shall we|happy to|glad to) (talk|chat|meet|hop on|jump on|do a call|schedule|set up|have a call)\b/,
      /\b(call|ring) me (at|on|tomorrow|xday)\b/,
      /\b(appelez|appellez)[- ]moi\b/,
      /\b(caler|fixer|planifier|organiser|prevoir|programmer|bloquer) (un |une )?(rdv|rendez-vous|appel|call|point|creneau|echange|visio|demo)/,
      /\benvoyez[- ]moi (une |un )?(invitation|invit|lien)/,
      /\b(un |quel )creneau\b/,
    ],
  },
  {
    intent: 'interested',
    factor: 4,
    patterns: [
      /\b(i'm|i am|we're|we are|sounds|looks|very|definitely|quite|could be|might be|really|super) interest/,
      /(^|[.!,;]\s*)(yes,? |yep,? |oui,? )?(very |definitely |really )?interested\b/,
      /\bsounds (good|great|interesting|promising)\b/,
      /\b(tell|show) me more\b/,
      /\b(i'd|i would|we'd|we would) (like|love) to (know|learn|see|hear|try)\b/,
      /\b(keen|count me in|worth a look|curious)\b/,
      /\b(ca|cela|ceci) (m'|nous )?interesse\b/,
      /\b(je suis|nous sommes|tres|plutot) interesse/,
      /\b(ca|cela) a l'air\b/,
      /\b(partant|partante|volontiers|avec plaisir)\b/,
    ],
  },
  {
    // A courtesy on its own says nothing about intent; without this the model guesses from one word.
    intent: 'other',
    factor: 20,
    patterns: [
      /^\W*(ok(ay)?|k|thanks?( you)?( very much| a lot)?|thx|ty|cheers|noted|got it|received|well received|merci( beaucoup| bien)?|bien (recu|note)|d'accord|lol|test)\W*(merci|thanks|thx)?\W*$/,
    ],
  },
  {
    intent: 'question',
    factor: 3,
    patterns: [
      /\b(how much|pricing|price|prices|cost|costs|tarif|tarifs|prix|combien|devis)\b/,
      /\b(who are you|who is this|how did you get|where did you get|qui etes[- ]vous|comment avez[- ]vous (eu|obtenu|trouve)|ou avez[- ]vous)\b/,
      /\b(what|how|why|which|does|do you|is it|can it|comment|pourquoi|quel|quelle|quels|est-ce que)\b.{0,80}xquestion/,
    ],
  },
];
