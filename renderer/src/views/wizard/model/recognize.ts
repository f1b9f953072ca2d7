import { hostOf } from '#shared/curl/index.js';
import type { AuthMethod } from '#shared/connection.js';
import {
  getPreset,
  presets,
  resolveTokenUrl,
  type Preset,
  type PresetField,
} from '#shared/presets/index.js';

/** Which preset a pasted token URL belongs to, and the field values read out of it. */
export interface Recognition {
  preset: Preset;
  /** How it was recognised: the preset's usual host, the shape of its URL, or not at all. */
  how: 'host' | 'url-shape' | 'none';
  fields: Record<string, string>;
  /** The URL does not fit the preset's template: keep it as a token URL override. */
  override: string | undefined;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function capture(field: PresetField | undefined): string {
  switch (field?.kind) {
    case 'host':
      return '([A-Za-z0-9_.-]+|\\[[0-9A-Fa-f:.]+\\])';
    case 'port':
      return '(\\d{1,5})';
    case 'url':
      return '(https?://[^?#]*?)';
    default:
      return '([^/?#&]+)';
  }
}

interface TemplateMatcher {
  regex: RegExp;
  keys: string[];
  /** Literal characters after the scheme: long literal paths identify a platform. */
  literalLength: number;
}

function matcherFor(preset: Preset): TemplateMatcher | undefined {
  if (preset.tokenEndpoint.kind !== 'template') return undefined;
  const template = preset.tokenEndpoint.template;
  // A template that is one placeholder (generic OAuth2's {tokenUrl}) matches anything.
  if (/^\{[A-Za-z]\w*\}$/.test(template)) return undefined;
  const keys: string[] = [];
  let source = '';
  let literal = '';
  let last = 0;
  for (const m of template.matchAll(/\{(:?)([A-Za-z][A-Za-z0-9_]*)\}/g)) {
    const text = template.slice(last, m.index);
    source += escapeRegex(text);
    literal += text;
    const field = preset.fields.find((f) => f.key === m[2]);
    keys.push(m[2] as string);
    source += m[1] === ':' ? `(?::${capture(field)})?` : capture(field);
    last = (m.index ?? 0) + m[0].length;
  }
  const tail = template.slice(last);
  source += escapeRegex(tail);
  literal += tail;
  return {
    regex: new RegExp(`^${source}$`, 'i'),
    keys,
    literalLength: literal.replace(/^https?:\/\//, '').length,
  };
}

function defaultHost(preset: Preset): string | undefined {
  try {
    const resolved = resolveTokenUrl(preset, {});
    return resolved.kind === 'url' ? hostOf(resolved.url) : undefined;
  } catch {
    return undefined;
  }
}

/** Fields a preset sends as a header value, e.g. WSO2's `Host: {virtualHost}`. */
export function headerFields(preset: Preset): { header: string; field: string }[] {
  return Object.entries(preset.defaults.extraHeaders ?? {}).flatMap(([header, value]) => {
    const m = /^\{([A-Za-z]\w*)\}$/.exec(value);
    return m?.[1] !== undefined ? [{ header, field: m[1] }] : [];
  });
}

/**
 * Find the preset a token URL belongs to. Its usual host counts most, then a URL that fits its
 * template with a distinctive path, then a header it is known to need; the auth method breaks
 * ties (Axway Platform and Support share one endpoint and differ only in that).
 */
export function recognizePreset(
  url: string,
  headers: readonly { name: string; value: string }[],
  authMethod: AuthMethod | undefined,
): Recognition {
  const host = hostOf(url);
  let best: { score: number; recognition: Recognition } | undefined;
  for (const preset of presets) {
    const matcher = matcherFor(preset);
    const match = matcher?.regex.exec(url.trim());
    const hostMatch = host !== undefined && defaultHost(preset) === host;
    let score = hostMatch ? 3 : 0;
    const fields: Record<string, string> = {};
    if (matcher !== undefined && match) {
      score += 1.5 + (matcher.literalLength >= 20 ? 1 : 0) + matcher.literalLength / 1000;
      matcher.keys.forEach((key, i) => {
        const value = match[i + 1];
        if (value !== undefined) fields[key] = value;
      });
    }
    for (const { header, field } of headerFields(preset)) {
      const sent = headers.find((h) => h.name.toLowerCase() === header.toLowerCase());
      const expected = preset.fields.find((f) => f.key === field)?.default;
      if (sent !== undefined && expected !== undefined && sent.value === expected) score += 1;
    }
    if (authMethod !== undefined && preset.defaults.authMethod === authMethod) score += 0.5;
    if (score >= 2.5 && (best === undefined || score > best.score)) {
      best = {
        score,
        recognition: {
          preset,
          how: hostMatch ? 'host' : 'url-shape',
          fields,
          override: match ? undefined : url.trim(),
        },
      };
    }
  }
  if (best !== undefined) return best.recognition;
  const generic = getPreset('generic-oauth2') as Preset;
  return { preset: generic, how: 'none', fields: { tokenUrl: url.trim() }, override: undefined };
}
