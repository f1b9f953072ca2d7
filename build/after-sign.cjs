// electron-builder `afterSign` hook (electron-builder.yml). On macOS, electron-builder signs the
// app with the Developer ID identity (CSC_LINK + CSC_KEY_PASSWORD, or one in the keychain) and
// then notarises and staples it when the notarytool credentials below are set. This hook runs
// after both: a release build (GRANTLINE_RELEASE=1) without notarisation credentials fails here,
// because Gatekeeper blocks an app that is signed but not notarised; other builds only warn.

/** The credential sets electron-builder's notarisation accepts, as environment variable names. */
const CREDENTIAL_SETS = [
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_KEYCHAIN_PROFILE'],
];

/** Undefined when one complete credential set is present, else what is missing. */
function notarizationProblem(env) {
  if (CREDENTIAL_SETS.some((set) => set.every((name) => env[name]))) return undefined;
  return (
    'macOS notarisation credentials are not set, so this build is signed but not notarised and ' +
    'Gatekeeper will block it. Set one of: ' +
    CREDENTIAL_SETS.map((set) => set.join(' + ')).join('; or ') +
    '.'
  );
}

async function afterSign(context) {
  if (context.electronPlatformName !== 'darwin') return;
  const problem = notarizationProblem(process.env);
  if (!problem) return;
  if (process.env.GRANTLINE_RELEASE) throw new Error(problem);
  console.warn(`after-sign: ${problem}`);
}

module.exports = afterSign;
module.exports.default = afterSign;
module.exports.notarizationProblem = notarizationProblem;
