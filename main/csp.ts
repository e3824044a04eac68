/**
 * The renderer's Content-Security-Policy, shared by the Electron protocol handler and the web host.
 * Scripts only from the app itself; the network only to the app and the central server. antd injects its
 * CSS-in-JS as <style> elements, hence 'unsafe-inline' for styles (never for scripts).
 *
 * Before enrollment no server is known yet, and the operator may type any address into the enrollment screen;
 * no credential exists at that point, so connect-src allows http(s) until the page is next loaded.
 */
/**
 * Ajv (RxDB's validate-ajv and the sync client's document checks) compiles JSON Schemas with `new Function`, which
 * needs 'unsafe-eval'. Scripts still load only from the app itself. Drop this once the validators are
 * precompiled (Ajv standalone code) or replaced by a non-eval validator.
 */
const SCRIPT_EVAL = ` 'unsafe-eval'`;

export function contentSecurityPolicy(serverUrl: string | null): string {
  const connect = serverUrl ? `'self' ${serverOrigin(serverUrl)}` : `'self' http: https:`;
  return [
    `default-src 'none'`,
    `script-src 'self'${SCRIPT_EVAL}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src ${connect}`,
    `worker-src 'self' blob:`,
    `manifest-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

function serverOrigin(serverUrl: string): string {
  const url = new URL(serverUrl);
  // Only origins go into the policy; a stored value is already normalized, but never let a quote or ; through.
  return url.origin.replace(/[;'"\s]/g, '');
}

/** The server the page may talk to: only an enrolled terminal pins it (see contentSecurityPolicy). */
export function pinnedServerUrl(s: { serverUrl: string | null; device: object | null }): string | null {
  return s.device ? s.serverUrl : null;
}

/** Headers sent with every file of the renderer. */
export function securityHeaders(serverUrl: string | null): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(serverUrl),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}
