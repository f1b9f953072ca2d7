/**
 * Placeholders that documentation puts where a real value belongs: `<host>`, `{yourclientid}`,
 * `{{token}}`, `<Base64Encoded(clientId:clientSecret)>`, and shell or cmd variables such as
 * `${token}`, `$TOKEN` or `%TOKEN%`. Import turns them into "fill this in", never into values.
 */

// Angle brackets and braces hold a name, never JSON: no quotes, colons after spaces, or nesting.
const PATTERNS: readonly RegExp[] = [
  /<[^<>\s"'][^<>\n"']{0,78}>/g,
  /\{\{\s*[\w.-]+\s*\}\}/g,
  /(?<!\$)\{[A-Za-z_][\w .-]{0,60}\}/g,
  /\$\{[^}\s]{1,60}\}/g,
  // Unbraced variables only in the conventional upper case, so OData's `$filter` is not one.
  /\$(?:env:\w+|[A-Z_][A-Z0-9_]*\b)/g,
  // cmd's %NAME%, but not percent-escapes such as %FF%20 (the name needs a non-hex letter).
  /%(?=\w*[G-Zg-z_])[A-Za-z_]\w{2,}%/g,
];

/** The placeholders found in a value, in order of appearance, without duplicates. */
export function findPlaceholders(text: string): string[] {
  const found: { at: number; text: string }[] = [];
  for (const pattern of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const inside = found.some((f) => m.index >= f.at && m.index < f.at + f.text.length);
      if (!inside) found.push({ at: m.index, text: m[0] });
    }
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.text))];
}
