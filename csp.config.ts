/**
 * The Content-Security-Policy of the built page, put into index.html by the build (the dev server
 * runs inline scripts of its own, so it goes without). Scripts only from the lab's own files: no
 * inline script, no eval; nothing from any other origin, no connections out; styles may be inline
 * (React Flow positions nodes and xterm themes itself with style attributes and elements); images
 * from data: and blob: URLs for the diagram export. e2e/csp.spec.ts checks the built page against it.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
