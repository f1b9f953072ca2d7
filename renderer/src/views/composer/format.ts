import { formatRelative, formatWhen } from '../../lib/time.js';

/** "512 B", "1.2 KB", "50.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** "850 ms", "2.4 s", "1 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "just now", "5 minutes ago", the time with the date for older entries (lib/time.ts). */
export function formatAgo(iso: string, now = Date.now()): string {
  const at = Date.parse(iso);
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return formatRelative(at, { now });
  return formatWhen(at, { now });
}

/** The class of a status code for colouring: 2xx ok, 3xx info, 4xx warn, 5xx error. */
export function statusTone(status: number): 'ok' | 'info' | 'warn' | 'error' {
  if (status >= 500) return 'error';
  if (status >= 400) return 'warn';
  if (status >= 300) return 'info';
  return 'ok';
}

/** Path and query of a URL with `{{variables}}`, for compact lists. */
export function shortUrl(url: string): string {
  const m = /^(?:\{\{[^}]+\}\}|https?:\/\/[^/?#]+)(.*)$/.exec(url);
  const rest = m?.[1] ?? url;
  return rest === '' ? url : rest;
}
