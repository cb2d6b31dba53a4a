import type { Config } from '../config.js';
import { resolveLlmSettings } from '../credentials/connection-test.js';
import { loadCredential } from '../credentials/credentials.service.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import { completeStructured } from '../integrations/llm-structured.js';
import type { ReplyModel } from './classify-and-decide.js';
import { LLM_REPLY_JSON_SCHEMA } from './llm-reply.js';

/** Well inside the 5 s arrival-to-decision target, with a model that answers in 1.5 s. */
export const REPLY_MODEL_TIMEOUT_MS = 20_000;

/** The workspace's LLM (its `openai` credential) as the agent's model, or null when none is configured. */
export async function loadReplyModel(db: Db, deps: { config: Config; secretBox: SecretBox }): Promise<ReplyModel | null> {
  const credential = await loadCredential(db, deps.secretBox, 'openai');
  if (!credential) return null;
  const settings = resolveLlmSettings(deps.config, credential);
  return {
    model: settings.model,
    async complete(messages) {
      const completion = await completeStructured({
        baseUrl: settings.baseUrl,
        apiKey: settings.apiKey,
        model: settings.model,
        messages,
        schemaName: 'reply_decision',
        jsonSchema: LLM_REPLY_JSON_SCHEMA,
        // Not every OpenAI-compatible server accepts strict schemas; the answer is validated anyway.
        strict: false,
        timeoutMs: REPLY_MODEL_TIMEOUT_MS,
        allowPrivate: settings.allowPrivate,
      });
      if (completion.refusal) throw new Error(`The model refused: ${completion.refusal.slice(0, 200)}`);
      return completion.content;
    },
  };
}
