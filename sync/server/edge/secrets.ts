import { randomBytes } from 'node:crypto';

/**
 * The shortest ADMIN_TOKEN or PLATFORM_API_KEY the server starts with. Both are bearer secrets sent on every call;
 * 32 characters of a generated token are ~190 bits, beyond any guessing, and the failure limit (auth-limit.ts)
 * only slows guessing down: it cannot make "admin123" safe.
 */
export const MIN_SECRET_LENGTH = 32;

export type SecretName = 'ADMIN_TOKEN' | 'PLATFORM_API_KEY';

/** What the server generates when a secret is not configured: 32 random bytes, 43 characters. */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The reason a configured secret is refused, or undefined when it is long enough. */
export function weakSecretProblem(name: SecretName, value: string): string | undefined {
  if (value.length >= MIN_SECRET_LENGTH) return undefined;
  return `${name} must be at least ${MIN_SECRET_LENGTH} characters long (it has ${value.length}); leave it unset to have one generated and printed`;
}

/** Throws if either secret is too short: every way of starting a server (cli, demo, tests) goes through it. */
export function assertStrongSecrets(secrets: Record<SecretName, string>): void {
  const problems = (Object.keys(secrets) as SecretName[]).flatMap((name) => weakSecretProblem(name, secrets[name]) ?? []);
  if (problems.length > 0) throw new Error(problems.join('; '));
}
