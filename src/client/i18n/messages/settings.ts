import { defineMessages } from '../define.js';

export const settings = defineMessages({
  en: {
    'settings.title': 'Settings',
    'settings.description': 'Everything the engines read: keys, your ideal customer, mailboxes, AI agents and access.',
    'settings.tabs': 'Settings sections',
    'settings.tab.apiKeys': 'API keys',
    'settings.tab.icp': 'ICP',
    'settings.tab.email': 'Email',
    'settings.tab.agents': 'AI agents',
    'settings.tab.apiTokens': 'API tokens',
    'settings.tab.workspace': 'Workspace & members',
    'settings.adminOnly': 'Only workspace admins can change this section.',
  },
  fr: {
    'settings.title': 'Paramètres',
    'settings.description': 'Tout ce que lisent les moteurs : clés, client idéal, boîtes d’envoi, agents IA et accès.',
    'settings.tabs': 'Sections des paramètres',
    'settings.tab.apiKeys': 'Clés d’API',
    'settings.tab.icp': 'ICP',
    'settings.tab.email': 'E-mail',
    'settings.tab.agents': 'Agents IA',
    'settings.tab.apiTokens': 'Jetons d’API',
    'settings.tab.workspace': 'Espace & membres',
    'settings.adminOnly': 'Seuls les administrateurs de l’espace peuvent modifier cette section.',
  },
});
