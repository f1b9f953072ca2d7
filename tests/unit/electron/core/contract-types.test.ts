import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AppInfo, ChannelResult, EventPayload } from '#shared/ipc/contract.js';
import type {
  certificateInfoSchema,
  httpExchangeSchema,
  tokenSummarySchema,
} from '#shared/ipc/tokens-channels.js';
import type {
  secretKindSchema,
  secretPresenceSchema,
  secretValuesSchema,
} from '#shared/ipc/connections-channels.js';
import type { TokenExpectation } from '#shared/ipc/inspector-channels.js';
import type { Timings } from '#shared/requests/schemas.js';
import type { AppContext } from '../../../../electron/core/app-context.js';
import type {
  SecretKind,
  SecretPresence,
  SecretValues,
} from '../../../../electron/core/connections/connection-repository.js';
import type { InspectorConnectionToken } from '../../../../electron/core/handlers/inspector-handlers.js';
import type { CertificateInfo } from '../../../../electron/core/http/tls-trust.js';
import type { SignatureReport } from '../../../../electron/core/jwt/signature-report.js';
import type { HopTimings } from '../../../../electron/core/requests/timeline.js';
import type { StorageNotice } from '../../../../electron/core/storage/safe-files.js';
import type { TokenEngine } from '../../../../electron/core/tokens/engine.js';
import type { redactExchange } from '../../../../electron/core/tokens/exchange-redaction.js';
import type {
  testConnection,
  summarizeToken,
} from '../../../../electron/core/tokens/test-connection.js';
import type { describeCertificate } from '../../../../electron/core/http/tls-trust.js';

// The core builds these values and the dispatcher sends them through the contract's result
// schemas, which strip any field they do not know. Each type here must therefore be exactly the
// schema's output: a field added on one side only fails `npm run typecheck` (tests/tsconfig.json
// compiles this file), instead of being dropped on the way to the renderer.

describe('core types are the contract types', () => {
  it('the token engine answers exactly what the tokens channels carry', () => {
    expectTypeOf<Awaited<ReturnType<typeof testConnection>>>().toEqualTypeOf<
      ChannelResult<'tokens:test'>
    >();
    expectTypeOf<Awaited<ReturnType<TokenEngine['revealToken']>>>().toEqualTypeOf<
      ChannelResult<'tokens:reveal'>
    >();
    expectTypeOf<ReturnType<typeof summarizeToken>>().toEqualTypeOf<
      z.output<typeof tokenSummarySchema>
    >();
    expectTypeOf<ReturnType<typeof redactExchange>>().toEqualTypeOf<
      z.output<typeof httpExchangeSchema>
    >();
    expectTypeOf<ReturnType<typeof describeCertificate>>().toEqualTypeOf<
      z.output<typeof certificateInfoSchema>
    >();
    expectTypeOf<CertificateInfo>().toEqualTypeOf<z.output<typeof certificateInfoSchema>>();
  });

  it('the inspector answers exactly what its channels carry', () => {
    expectTypeOf<SignatureReport>().toEqualTypeOf<ChannelResult<'inspector:verify'>>();
    expectTypeOf<InspectorConnectionToken['expected']>().toEqualTypeOf<TokenExpectation>();
  });

  it('secrets, app info and timings have one definition', () => {
    expectTypeOf<SecretKind>().toEqualTypeOf<z.output<typeof secretKindSchema>>();
    expectTypeOf<SecretValues>().toEqualTypeOf<z.output<typeof secretValuesSchema>>();
    expectTypeOf<SecretPresence>().toEqualTypeOf<z.output<typeof secretPresenceSchema>>();
    expectTypeOf<SecretPresence>().toEqualTypeOf<ChannelResult<'secrets:status'>>();
    expectTypeOf<AppContext['mode']>().toEqualTypeOf<AppInfo['mode']>();
    expectTypeOf<HopTimings>().toEqualTypeOf<Omit<Timings, 'token' | 'total'>>();
    expectTypeOf<StorageNotice['level']>().toEqualTypeOf<EventPayload<'app:notice'>['level']>();
  });
});
