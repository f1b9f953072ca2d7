/**
 * Measurement code that runs inside the page (passed to page.evaluate / addInitScript, so each
 * function must be self-contained). Times are the page's performance.now(): the click's event
 * timestamp is the start, the frame after the marker text became visible is the end.
 */

export interface PageProbe {
  marker: string;
  clickAt: number | null;
  /** The marker was in the DOM and visible. */
  domAt: number | null;
  /** The frame after that (requestAnimationFrame, then a task): the user can see it. */
  seenAt: number | null;
  longTasks: { start: number; duration: number }[];
}

/**
 * Arm a probe: remember the next click's timestamp, watch the DOM for `marker` in visible text,
 * and record long tasks. Stored on window.__benchProbe.
 */
export function armProbe(marker: string): void {
  const w = window as unknown as { __benchProbe?: PageProbe; __benchStop?: () => void };
  w.__benchStop?.();
  const probe: PageProbe = { marker, clickAt: null, domAt: null, seenAt: null, longTasks: [] };
  w.__benchProbe = probe;
  const onClick = (event: Event): void => {
    if (probe.clickAt === null) probe.clickAt = event.timeStamp;
  };
  window.addEventListener('click', onClick, { capture: true });
  const candidates = new Set<Node>();
  const visible = (node: Node): boolean => {
    const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    if (el === null || !el.isConnected) return false;
    if (typeof el.checkVisibility === 'function' && !el.checkVisibility()) return false;
    return el.getClientRects().length > 0;
  };
  const consider = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      if ((node as Text).data.includes(marker)) candidates.add(node);
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_NODE) return;
    // Inputs hold typed text as a property, not as DOM text: they never count as a rendered body.
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t !== null; t = walker.nextNode()) {
      if ((t as Text).data.includes(marker)) candidates.add(t);
    }
  };
  let obs: PerformanceObserver | undefined;
  const found = (): void => {
    probe.domAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      setTimeout(() => {
        probe.seenAt = performance.now();
      }, 0);
    });
  };
  const check = (): void => {
    for (const node of candidates) {
      if (visible(node)) {
        found();
        return;
      }
      if (!node.isConnected) candidates.delete(node);
    }
  };
  const observer = new MutationObserver((records) => {
    if (probe.domAt !== null) return;
    for (const record of records) {
      if (record.type === 'characterData') consider(record.target);
      for (const added of record.addedNodes) consider(added);
    }
    check();
  });
  observer.observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });
  try {
    obs = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    });
    obs.observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the report says none were seen.
  }
  w.__benchStop = () => {
    observer.disconnect();
    obs?.disconnect();
    window.removeEventListener('click', onClick, { capture: true });
  };
  // The marker may already be on screen (it must not be: markers are new per run).
  consider(document);
  check();
}

/** The probe's state, copied out of the page. */
export function readProbe(): PageProbe | null {
  const w = window as unknown as { __benchProbe?: PageProbe };
  return w.__benchProbe === undefined ? null : JSON.parse(JSON.stringify(w.__benchProbe));
}

/**
 * The floor of B4: a button outside the app's React root whose click fetches the same URL and
 * writes the JSON into the page, as a bare page would.
 */
export function installFetchFloor(url: string): void {
  let host = document.getElementById('bench-floor');
  if (host === null) {
    host = document.createElement('div');
    host.id = 'bench-floor';
    host.style.cssText =
      'position:fixed;right:8px;bottom:8px;z-index:2147483647;background:#fff;color:#000;max-width:360px;max-height:200px;overflow:auto;font:12px monospace';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Bench fetch';
    const out = document.createElement('pre');
    out.id = 'bench-floor-out';
    host.append(button, out);
    document.body.append(host);
    button.addEventListener('click', () => {
      const target = (document.getElementById('bench-floor') as HTMLElement).dataset.url ?? '';
      void fetch(target)
        .then((res) => res.json())
        .then((json: unknown) => {
          out.textContent = JSON.stringify(json, null, 2);
        });
    });
  }
  host.dataset.url = url;
}

/** One WebSocket frame between page and host, as the page saw it. */
export interface WsFrame {
  t: number;
  dir: 'out' | 'in';
  /** `call` / `result` / `event`. */
  kind: string;
  id: number | null;
  /** The channel of a call, or the name of an event. */
  name: string | null;
}

/**
 * Init script: log every WebSocket frame's time, kind, id and channel (read from the first bytes
 * only, so big frames cost nothing extra). The app's bridge uses the global WebSocket.
 */
export function installWsLog(): void {
  const w = window as unknown as { __benchWs?: WsFrame[]; WebSocket: typeof WebSocket };
  const log: WsFrame[] = [];
  w.__benchWs = log;
  const describe = (text: string, dir: 'out' | 'in'): WsFrame => {
    const head = text.slice(0, 200);
    const kind = /"t":"(\w+)"/.exec(head)?.[1] ?? '?';
    const id = /"id":(\d+)/.exec(head)?.[1];
    const name = /"(?:channel|name)":"([\w:-]+)"/.exec(head)?.[1] ?? null;
    return { t: performance.now(), dir, kind, id: id === undefined ? null : Number(id), name };
  };
  const Original = w.WebSocket;
  class LoggedWebSocket extends Original {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        if (typeof event.data === 'string') log.push(describe(event.data, 'in'));
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === 'string') log.push(describe(data, 'out'));
      super.send(data);
    }
  }
  w.WebSocket = LoggedWebSocket;
}

/** The frames logged since page time `from` (and clears older ones). */
export function readWsLog(from: number): WsFrame[] {
  const w = window as unknown as { __benchWs?: WsFrame[] };
  const log = w.__benchWs ?? [];
  const recent = log.filter((f) => f.t >= from);
  log.length = 0;
  return recent;
}
