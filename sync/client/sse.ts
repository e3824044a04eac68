/** One dispatched server-sent event. Only the fields our server uses. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Parses a text/event-stream body (WHATWG "server-sent events" framing): fields per line, an empty line
 * dispatches, lines starting with ':' are comments (heartbeats). `onActivity` fires for every chunk so the
 * caller can tell a quiet stream from a dead one.
 */
export async function* readSse(body: ReadableStream<Uint8Array>, onActivity: () => void): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event = 'message';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      onActivity();
      buffer += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
        if (line === '') {
          if (data.length > 0) yield { event, data: data.join('\n') };
          data = [];
          event = 'message';
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const raw = colon < 0 ? '' : line.slice(colon + 1);
        const val = raw.startsWith(' ') ? raw.slice(1) : raw;
        if (field === 'data') data.push(val);
        else if (field === 'event') event = val;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
