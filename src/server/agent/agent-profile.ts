import type { agents } from '../db/schema/index.js';
import type { AgentProfile } from './classify-and-decide.js';

type AgentRow = typeof agents.$inferSelect;

/** What classify-and-decide needs from an `agents` row. */
export function agentProfile(row: Pick<AgentRow, 'name' | 'personality' | 'tone' | 'style' | 'language' | 'templates' | 'bookingUrl' | 'confidenceThreshold' | 'autoSend' | 'escalationWords' | 'forbiddenTopics'>): AgentProfile {
  return {
    name: row.name,
    personality: row.personality,
    tone: row.tone,
    style: row.style,
    language: row.language,
    templates: row.templates,
    bookingUrl: row.bookingUrl,
    // `real` is single precision: 0.8 comes back as 0.800000011920929.
    confidenceThreshold: Math.round(row.confidenceThreshold * 1000) / 1000,
    autoSend: row.autoSend,
    escalationWords: row.escalationWords,
    forbiddenTopics: row.forbiddenTopics,
  };
}
