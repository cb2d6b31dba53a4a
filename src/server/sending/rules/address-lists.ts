/**
 * Curated lists for address checks. Role addresses reach a shared inbox or nobody, complain more
 * and convert less; disposable domains hand out throw-away inboxes (often spam traps once
 * recycled). Both make an address "risky", never "invalid": the campaign's setting decides.
 */

/** Local parts (before any `+tag`, lower-case) of shared or unattended inboxes, English and French. */
export const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set([
  // English
  'abuse', 'accounting', 'accounts', 'admin', 'administrator', 'billing', 'careers', 'contact', 'contactus', 'contact-us',
  'customerservice', 'customer-service', 'customercare', 'donotreply', 'do-not-reply', 'enquiries', 'enquiry', 'feedback',
  'finance', 'hello', 'help', 'helpdesk', 'hi', 'hostmaster', 'hr', 'info', 'information', 'inquiries', 'inquiry', 'jobs',
  'legal', 'mail', 'mailer-daemon', 'marketing', 'media', 'newsletter', 'no-reply', 'noreply', 'notifications', 'office',
  'orders', 'postmaster', 'press', 'privacy', 'recruitment', 'reply', 'root', 'sales', 'security', 'service', 'support',
  'team', 'webmaster',
  // French
  'accueil', 'administration', 'assistance', 'bonjour', 'candidature', 'candidatures', 'commercial', 'commandes', 'compta',
  'comptabilite', 'contactez-nous', 'devis', 'direction', 'emploi', 'facturation', 'juridique', 'nepasrepondre',
  'ne-pas-repondre', 'ne_pas_repondre', 'recrutement', 'rh', 'salut', 'secretariat', 'serviceclient', 'service-client',
  'service.client', 'ventes',
]);

/** Common disposable-mailbox domains (subdomains match too). */
export const DISPOSABLE_DOMAINS: ReadonlySet<string> = new Set([
  '10minutemail.co.uk', '10minutemail.com', '10minutemail.net', '1secmail.com', '1secmail.net', '1secmail.org',
  '20minutemail.com', 'anonbox.net', 'armyspy.com', 'boun.cr', 'burnermail.io', 'byom.de', 'cool.fr.nf', 'courriel.fr.nf',
  'crazymailing.com', 'cuvox.de', 'dayrep.com', 'discard.email', 'discardmail.com', 'discardmail.de', 'dispostable.com',
  'dropmail.me', 'e4ward.com', 'einrot.com', 'email-fake.com', 'emailfake.com', 'emailondeck.com', 'emltmp.com',
  'etempmail.com', 'fakeinbox.com', 'fakemail.net', 'fleckens.hu', 'getairmail.com', 'getnada.com', 'grr.la', 'guerrillamail.biz',
  'guerrillamail.com', 'guerrillamail.de', 'guerrillamail.info', 'guerrillamail.net', 'guerrillamail.org',
  'guerrillamailblock.com', 'gustr.com', 'harakirimail.com', 'incognitomail.org', 'inboxbear.com', 'inboxkitten.com',
  'jetable.com', 'jetable.fr.nf', 'jetable.net', 'jetable.org', 'jourrapide.com', 'linshiyouxiang.net', 'mail-temp.com',
  'mail.tm', 'mailcatch.com', 'maildrop.cc', 'mailexpire.com', 'mailforspam.com', 'mailinator.com', 'mailinator.net',
  'mailinator2.com', 'mailnesia.com', 'mailpoof.com', 'mailsac.com', 'mega.zik.dj', 'minuteinbox.com', 'mintemail.com',
  'moakt.com', 'mohmal.com', 'moncourrier.fr.nf', 'monemail.fr.nf', 'monmail.fr.nf', 'mytemp.email', 'nada.email',
  'nomail.xl.cx', 'nospam.ze.tc', 'owlymail.com', 'pokemail.net', 'rhyta.com', 'sharklasers.com', 'spam4.me',
  'spambog.com', 'spambox.us', 'spamdecoy.net', 'spamgourmet.com', 'spamherelots.com', 'speed.1s.fr', 'superrito.com',
  'teleworm.us', 'temp-mail.io', 'temp-mail.org', 'tempail.com', 'tempinbox.com', 'tempmail.com', 'tempmail.net',
  'tempmail.plus', 'tempmailaddress.com', 'tempmailo.com', 'tempr.email', 'throwawaymail.com', 'tmail.ws', 'tmpmail.net',
  'tmpmail.org', 'trash-mail.com', 'trashmail.com', 'trashmail.de', 'trashmail.me', 'trashmail.net', 'wegwerfmail.de',
  'wegwerfmail.net', 'yopmail.com', 'yopmail.fr', 'yopmail.net',
]);
