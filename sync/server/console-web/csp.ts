/**
 * The console's Content-Security-Policy. Stricter than the terminal's (main/csp.ts): the console compiles no JSON
 * Schemas in the page, so no 'unsafe-eval'; it talks only to the server it came from. antd injects its CSS-in-JS as
 * <style> elements, hence 'unsafe-inline' for styles (never for scripts). Downloads (exports) are plain links to
 * the same origin; forms are never submitted by the browser itself, only through fetch.
 */
export function consoleContentSecurityPolicy(): string {
  return [
    `default-src 'none'`,
    `script-src 'self'`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `manifest-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/** Headers sent with every page and file of the console. */
export function consoleSecurityHeaders(): Record<string, string> {
  return {
    'content-security-policy': consoleContentSecurityPolicy(),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}
