import { defineMessages } from '../define.js';

/** Settings → Workspace: the demo data card (data made by `npm run seed:demo`). */
export const demo = defineMessages({
  en: {
    'demo.title': 'Demo data',
    'demo.description': 'This workspace holds demo data: {prospects} prospects, {campaigns} campaigns and {messages} messages, tagged “demo”. Your own data is not part of it.',
    'demo.remove': 'Remove demo data',
    'demo.confirmTitle': 'Remove all demo data?',
    'demo.confirmBody': 'The demo prospects, campaigns, messages, replies and meetings are deleted. Your own prospects and campaigns stay as they are.',
    'demo.removed': 'Demo data removed',
    'demo.removeFailed': 'Could not remove the demo data',
  },
  fr: {
    'demo.title': 'Données de démonstration',
    'demo.description': 'Cet espace contient des données de démonstration : {prospects} prospects, {campaigns} campagnes et {messages} messages, étiquetés « demo ». Vos propres données n’en font pas partie.',
    'demo.remove': 'Supprimer les données de démonstration',
    'demo.confirmTitle': 'Supprimer toutes les données de démonstration ?',
    'demo.confirmBody': 'Les prospects, campagnes, messages, réponses et rendez-vous de démonstration sont supprimés. Vos propres prospects et campagnes restent tels quels.',
    'demo.removed': 'Données de démonstration supprimées',
    'demo.removeFailed': 'Impossible de supprimer les données de démonstration',
  },
});
