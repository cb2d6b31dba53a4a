import { Card } from '../../components/ui/Card.js';
import { EmptyState } from '../../components/ui/EmptyState.js';

/** What a member sees on a settings section only admins can open (the API answers 403 to them). */
export function AdminOnlyNotice({ title, body }: { title: string; body: string }) {
  return (
    <Card>
      <EmptyState
        level={2}
        icon={
          <svg viewBox="0 0 24 24" className="size-10" fill="none" stroke="currentColor" strokeWidth="1.5">
            <rect x="4" y="10" width="16" height="10" rx="2" />
            <path d="M8 10V7a4 4 0 1 1 8 0v3" />
          </svg>
        }
        title={title}
        body={body}
      />
    </Card>
  );
}
