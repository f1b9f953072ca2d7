/** The request composer's pure logic: drafts, variables, URL ⇄ params, HAR, curl import, redaction. */
export * from './schemas.js';
export * from './variables.js';
export * from './query.js';
export * from './resolve.js';
export * from '../redaction.js';
export * from './har.js';
export * from './catalog.js';
export * from './curl-import.js';
export * from './json-path.js';
export * from './draft-rules.js';
export * from './json-syntax.js';
export * from './graphql-body.js';
