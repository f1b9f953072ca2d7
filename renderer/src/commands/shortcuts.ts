/**
 * Shortcuts are written as Electron accelerators (`CmdOrCtrl+Shift+P`, `?`), the same text the
 * desktop menu uses. This file reads them, matches them against key events and shows them the way
 * the platform writes them (⌘⇧P on macOS, Ctrl+Shift+P elsewhere).
 */

export interface ParsedShortcut {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  /** The key, lower case (`k`, `1`, `,`, `?`, `enter`). */
  key: string;
}

export function parseShortcut(text: string): ParsedShortcut {
  const parts = text.split('+');
  // "CmdOrCtrl++" would be a plus key; we have none, so the last part is always the key.
  const key = (parts.pop() ?? '').toLowerCase();
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return {
    mod: mods.has('cmdorctrl') || mods.has('commandorcontrol'),
    shift: mods.has('shift'),
    alt: mods.has('alt') || mods.has('option'),
    key,
  };
}

/** True on macOS, where CmdOrCtrl is ⌘. */
export function isMacPlatform(): boolean {
  const nav = globalThis.navigator as
    (Navigator & { userAgentData?: { platform?: string } }) | undefined;
  const platform = nav?.userAgentData?.platform ?? nav?.platform ?? '';
  return /mac|iphone|ipad/i.test(platform);
}

/** A shortcut without CmdOrCtrl or Alt types text: it must not fire while the user types. */
export function isBareShortcut(text: string): boolean {
  const parsed = parseShortcut(text);
  return !parsed.mod && !parsed.alt;
}

/** `event.code` of a letter or digit key, so Alt combinations on macOS (Option+N types ˜) match. */
function codeFor(key: string): string | undefined {
  if (/^[a-z]$/.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  return undefined;
}

interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function matchesShortcut(event: KeyLike, text: string, mac = isMacPlatform()): boolean {
  const s = parseShortcut(text);
  const mod = mac ? event.metaKey : event.ctrlKey;
  const otherMod = mac ? event.ctrlKey : event.metaKey;
  if (mod !== s.mod || otherMod || event.altKey !== s.alt) return false;
  const key = event.key.toLowerCase();
  // "?" is a shifted key on most layouts: Shift is part of typing it, not a modifier.
  if (s.key === '?') return key === '?';
  if (event.shiftKey !== s.shift) return false;
  if (key === s.key) return true;
  const code = codeFor(s.key);
  return code !== undefined && event.code === code;
}

const MAC_SYMBOLS: Record<string, string> = { enter: '↩', escape: 'Esc', ',': ',' };

/** How a shortcut reads: `⌘⇧P` on macOS, `Ctrl+Shift+P` elsewhere. */
export function formatShortcut(text: string, mac = isMacPlatform()): string {
  const s = parseShortcut(text);
  const key = s.key.length === 1 ? s.key.toUpperCase() : s.key[0]?.toUpperCase() + s.key.slice(1);
  if (mac) {
    return `${s.mod ? '⌘' : ''}${s.alt ? '⌥' : ''}${s.shift ? '⇧' : ''}${MAC_SYMBOLS[s.key] ?? key}`;
  }
  return [s.mod ? 'Ctrl' : '', s.alt ? 'Alt' : '', s.shift ? 'Shift' : '', key]
    .filter((p) => p !== '')
    .join('+');
}

/** True when the key goes into a text field (input, textarea, select, contenteditable, CodeMirror). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(
      target.type,
    );
  }
  return false;
}
