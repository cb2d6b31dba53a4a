/** OpenSSL's long error lines reduced to their reason ("wrong version number", "self-signed certificate"). */
export function tlsReason(message: string): string {
  const openssl = /routines:[^:]*:([^:\n]+)/.exec(message);
  return (openssl?.[1] ?? message).trim().slice(0, 200);
}

export const TLS_PROBLEM = /tls|ssl|certificate|wrong version number|handshake|self[- ]signed|EPROTO/i;

const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
};

/** "connection refused" for a socket error code found in the message or code, else null. */
export function socketReason(text: string): string | null {
  const code = Object.keys(SOCKET_ERRORS).find((name) => text.includes(name));
  return code ? SOCKET_ERRORS[code]! : null;
}
