import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from '../../../../electron/adapters/permission-policy.js';

const page = 'app://grantline/index.html';

describe('isPermissionAllowed', () => {
  it('allows the sanitised clipboard write for the app origin in the top frame', () => {
    for (const requestingUrl of ['app://grantline', 'app://grantline/', page]) {
      expect(
        isPermissionAllowed({
          permission: 'clipboard-sanitized-write',
          requestingUrl,
          isMainFrame: true,
          pageUrl: page,
        }),
        requestingUrl,
      ).toBe(true);
    }
  });

  it('refuses subframes, other origins, a page that left the app, and missing details', () => {
    const base = {
      permission: 'clipboard-sanitized-write',
      requestingUrl: page,
      isMainFrame: true,
      pageUrl: page,
    };
    expect(isPermissionAllowed({ ...base, isMainFrame: false })).toBe(false);
    expect(isPermissionAllowed({ ...base, isMainFrame: undefined })).toBe(false);
    expect(isPermissionAllowed({ ...base, requestingUrl: 'https://grantline/' })).toBe(false);
    expect(isPermissionAllowed({ ...base, requestingUrl: 'app://grantline.evil/' })).toBe(false);
    expect(isPermissionAllowed({ ...base, requestingUrl: undefined })).toBe(false);
    expect(isPermissionAllowed({ ...base, pageUrl: 'https://evil.example/' })).toBe(false);
  });

  it('refuses every other permission', () => {
    for (const permission of ['clipboard-read', 'notifications', 'media', 'openExternal', '']) {
      expect(
        isPermissionAllowed({ permission, requestingUrl: page, isMainFrame: true, pageUrl: page }),
      ).toBe(false);
    }
  });
});
