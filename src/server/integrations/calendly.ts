import { IntegrationError } from './http.js';
import { createBearerApiClient, type ApiKeyOptions } from './json-api.js';

/**
 * Calendly API v2 (Bearer personal access token). Base URL from CALENDLY_API_URL. Shapes from
 * developer.calendly.com: `GET /users/me` → `{resource: {uri, current_organization, …}}`;
 * `POST /webhook_subscriptions` → 201 `{resource: WebhookSubscription}`; the list answers
 * `{collection: WebhookSubscription[], pagination}`; DELETE answers 204.
 */
type CalendlyMe = { resource?: { uri?: string; name?: string; email?: string; current_organization?: string } };

export type CalendlyScope = 'organization' | 'user';

export type CalendlyWebhookSubscription = {
  uri: string;
  callback_url: string;
  created_at: string;
  state?: string;
  scope: CalendlyScope;
  organization?: string;
  user?: string | null;
  events?: string[];
};

export const CALENDLY_MEETING_EVENTS = ['invitee.created', 'invitee.canceled'] as const;

/** The last path segment of a resource URI (`https://api.calendly.com/webhook_subscriptions/<uuid>`). */
function uuidOf(uri: string): string {
  const last = uri.replace(/\/+$/, '').split('/').pop() ?? '';
  return encodeURIComponent(last);
}

export function createCalendlyClient(options: ApiKeyOptions) {
  const api = createBearerApiClient(options);
  return {
    ...api,
    /** The cheap call behind "Test connection": `GET /users/me`. */
    async verify(): Promise<{ account: string | null }> {
      const me = await api.get<CalendlyMe>('/users/me');
      return { account: me.resource?.email ?? me.resource?.name ?? null };
    },

    /** Who the token belongs to: the user and organization URIs a subscription names. */
    async currentUser(): Promise<{ user: string; organization: string }> {
      const me = await api.get<CalendlyMe>('/users/me');
      const user = me.resource?.uri;
      const organization = me.resource?.current_organization;
      if (!user || !organization) throw new IntegrationError('Calendly answered /users/me without a user or organization URI', 'invalid');
      return { user, organization };
    },

    async createWebhookSubscription(input: { url: string; organization: string; user: string; scope: CalendlyScope; signingKey: string }): Promise<CalendlyWebhookSubscription> {
      const answer = await api.post<{ resource: CalendlyWebhookSubscription }>('/webhook_subscriptions', {
        url: input.url,
        events: CALENDLY_MEETING_EVENTS,
        organization: input.organization,
        // `user` only belongs to a user-scoped subscription.
        ...(input.scope === 'user' ? { user: input.user } : {}),
        scope: input.scope,
        signing_key: input.signingKey,
      });
      return answer.resource;
    },

    /** The subscriptions at a scope (the first 100: one workspace makes one). */
    async listWebhookSubscriptions(input: { organization: string; user: string; scope: CalendlyScope }): Promise<CalendlyWebhookSubscription[]> {
      const query: Record<string, string> = { organization: input.organization, scope: input.scope, count: '100' };
      if (input.scope === 'user') query.user = input.user;
      const answer = await api.get<{ collection?: CalendlyWebhookSubscription[] }>('/webhook_subscriptions', query);
      return answer.collection ?? [];
    },

    async deleteWebhookSubscription(uri: string): Promise<void> {
      await api.delete(`/webhook_subscriptions/${uuidOf(uri)}`);
    },
  };
}

export type CalendlyClient = ReturnType<typeof createCalendlyClient>;
