import type { Locator, Page } from '@playwright/test';
import { openScreen } from './app-page.js';

/** The composer UI is missing or not drivable by role and name; the message says what was missing. */
export class ComposerUnavailable extends Error {}

/** The composer, found the way a person finds it: by role and accessible name. */
export interface ComposerDriver {
  setUrl(url: string): Promise<void>;
  /** Click Send (the bench's probe timestamps the click inside the page). */
  send(): Promise<void>;
}

async function firstVisible(candidates: Locator[], timeoutMs: number): Promise<Locator | null> {
  const deadline = Date.now() + timeoutMs;
  do {
    for (const locator of candidates) {
      const first = locator.first();
      if ((await first.count()) > 0 && (await first.isVisible())) return first;
    }
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  return null;
}

/**
 * Open the Composer area, pick the connection and return a driver. Throws ComposerUnavailable
 * when there is no Send button or no URL field to type into.
 */
export async function openComposer(page: Page, connectionName: string): Promise<ComposerDriver> {
  await openScreen(page, 'Composer');
  const send = await firstVisible(
    [
      page.getByRole('button', { name: /^send$/i }),
      page.getByRole('button', { name: /^send request$/i }),
      page.getByRole('button', { name: /^send\b/i }),
    ],
    8_000,
  );
  if (send === null) {
    throw new ComposerUnavailable(
      'The Composer screen has no button named "Send": the request composer UI is not in this build (the Composer area shows a placeholder), or its Send button was renamed.',
    );
  }
  const picker = await firstVisible(
    [page.getByRole('combobox', { name: /connection/i }), page.getByLabel(/^connection$/i)],
    1_000,
  );
  if (picker !== null) {
    const tag = await picker.evaluate((el) => el.tagName);
    if (tag === 'SELECT') {
      await picker.selectOption({ label: connectionName });
    } else {
      await picker.click();
      await page.getByRole('option', { name: connectionName }).first().click();
    }
  }
  const url = await firstVisible(
    [
      page.getByRole('textbox', { name: /^(request )?url$/i }),
      page.getByRole('textbox', { name: /url/i }),
      page.getByLabel(/url/i),
    ],
    3_000,
  );
  if (url === null) {
    throw new ComposerUnavailable(
      'The Composer screen has a Send button but no field named "URL".',
    );
  }
  return {
    setUrl: async (value) => {
      await url.fill(value);
    },
    send: async () => {
      await send.click({ timeout: 10_000 });
    },
  };
}
