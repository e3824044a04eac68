import type { JsonSchema } from '../model/json-schema.js';
import { storeIdSchema } from '../model/common.js';
import { operatorSchema } from '../model/operator.js';
import type { Role } from '../model/permissions.js';
import { PIN_PATTERN } from '../model/pin.js';
import type { StoreSettings } from '../model/store.js';
import type { WindowSettings } from '../model/window.js';
import { storeInputSchema, type StoreInput } from './platform.js';

/**
 * The central console's API (issue 11 §2), for the web pages at /console/ only. It is not part of the Platform API:
 * its routes are left out of /openapi.json (openapi/describe.ts hides everything under CONSOLE_PATH) and it may
 * change with the pages. Authentication is a session cookie (HttpOnly, SameSite=Strict, Secure over TLS) plus, on
 * every write, the session's CSRF token in the x-csrf-token header.
 */
export const CONSOLE_PATH = '/console';
export const CONSOLE_API_BASE = '/console/api';

/** The session cookie's name. The page never reads it (HttpOnly); the browser sends it. */
export const CONSOLE_SESSION_COOKIE = 'storeops_console';
/** The header every POST/PUT/PATCH/DELETE carries, holding ConsoleSessionResponse.csrfToken. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * admin: stores, devices, enrollment codes, staff, console users. finance: reconciliation and reports.
 * manager: their own stores (ConsoleUser.storeIds), read only.
 */
export const CONSOLE_ROLES = ['admin', 'finance', 'manager'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** The signed-in user, as the guard hands it to a route (consoleUserOf) and as GET session answers it. */
export interface ConsoleUser {
  id: string;
  name: string;
  role: ConsoleRole;
  /** A manager's own stores; empty for admin and finance (they see every store). */
  storeIds: string[];
}

export const consoleRoutes = {
  signIn: `${CONSOLE_API_BASE}/sign-in`,
  signOut: `${CONSOLE_API_BASE}/sign-out`,
  session: `${CONSOLE_API_BASE}/session`,
  stores: `${CONSOLE_API_BASE}/stores`,
  store: (storeId: string) => `${CONSOLE_API_BASE}/stores/${encodeURIComponent(storeId)}`,
  enrollmentCodes: (storeId: string) => `${CONSOLE_API_BASE}/stores/${encodeURIComponent(storeId)}/enrollment-codes`,
  operators: (storeId: string) => `${CONSOLE_API_BASE}/stores/${encodeURIComponent(storeId)}/operators`,
  deactivateOperator: (storeId: string, operatorId: string) =>
    `${CONSOLE_API_BASE}/stores/${encodeURIComponent(storeId)}/operators/${encodeURIComponent(operatorId)}/deactivate`,
  resetOperatorPin: (storeId: string, operatorId: string) =>
    `${CONSOLE_API_BASE}/stores/${encodeURIComponent(storeId)}/operators/${encodeURIComponent(operatorId)}/reset-pin`,
  /** GET with an optional ?storeId= */
  devices: `${CONSOLE_API_BASE}/devices`,
  revokeDevice: (deviceId: string) => `${CONSOLE_API_BASE}/devices/${encodeURIComponent(deviceId)}/revoke`,
  users: `${CONSOLE_API_BASE}/users`,
  user: (userId: string) => `${CONSOLE_API_BASE}/users/${encodeURIComponent(userId)}`,
  resetUserPassword: (userId: string) => `${CONSOLE_API_BASE}/users/${encodeURIComponent(userId)}/reset-password`,
  /** GET the latest audit entries (admin), newest first; ?limit= up to 500. */
  audit: `${CONSOLE_API_BASE}/audit`,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Sign-in and session

export interface ConsoleSignInRequest {
  name: string;
  password: string;
}

/** GET session's answer, and sign-in's: who is signed in, the CSRF token for writes, and when the session ends. */
export interface ConsoleSessionResponse {
  user: ConsoleUser;
  csrfToken: string;
  expiresAt: string;
}
export type ConsoleSignInResponse = ConsoleSessionResponse;

export interface ConsoleSignOutResponse {
  signedOut: true;
}

export const CONSOLE_NAME_MAX = 64;
export const CONSOLE_PASSWORD_MIN = 12;
export const CONSOLE_PASSWORD_MAX = 256;

const consoleNameSchema = { type: 'string', minLength: 1, maxLength: CONSOLE_NAME_MAX, pattern: '^[^\\s].*[^\\s]$|^[^\\s]$' } as const;

export const consoleSignInRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: CONSOLE_NAME_MAX },
    // No minimum here: a short password is simply wrong, and must be answered like any wrong one.
    password: { type: 'string', minLength: 1, maxLength: CONSOLE_PASSWORD_MAX },
  },
  required: ['name', 'password'],
} as const satisfies JsonSchema;

const consoleRoleSchema = { type: 'string', enum: CONSOLE_ROLES } as const;
const storeIdsSchema = { type: 'array', items: storeIdSchema, maxItems: 1000, uniqueItems: true } as const;

export const consoleUserSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { id: { type: 'string' }, name: { type: 'string' }, role: consoleRoleSchema, storeIds: { type: 'array', items: { type: 'string' } } },
  required: ['id', 'name', 'role', 'storeIds'],
} as const satisfies JsonSchema;

export const consoleSessionResponseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { user: consoleUserSchema, csrfToken: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
  required: ['user', 'csrfToken', 'expiresAt'],
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Stores (admin writes; everyone reads, a manager only their own)

export interface ConsoleStore {
  id: string;
  name: string;
  timezone: string;
  location?: { lat: number; lon: number };
  serviceRadiusKm?: number;
  settings: StoreSettings;
  window: WindowSettings;
  /** Devices enrolled and not revoked. */
  activeDevices: number;
  createdAt: string;
  updatedAt: string;
}

export interface ConsoleStoresResponse {
  stores: ConsoleStore[];
}

/** POST stores: a new store (409 CONFLICT if the id exists). */
export type ConsoleCreateStoreRequest = StoreInput;
/** PUT stores/:storeId: the store as it should be; settings and window merge over the current ones. */
export type ConsoleUpdateStoreRequest = Omit<StoreInput, 'id'>;

export const consoleCreateStoreRequestSchema = storeInputSchema;
export const consoleUpdateStoreRequestSchema = {
  ...storeInputSchema,
  properties: Object.fromEntries(Object.entries(storeInputSchema.properties).filter(([k]) => k !== 'id')),
  required: ['name', 'timezone'],
} as const satisfies JsonSchema;

export interface ConsoleEnrollmentCodeRequest {
  /** 1 to 1440; 60 when absent. */
  ttlMinutes?: number;
}
export interface ConsoleEnrollmentCodeResponse {
  storeId: string;
  /** Shown once: the server keeps only its hash. */
  code: string;
  expiresAt: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Staff (the terminals' operators)

export interface ConsoleOperator {
  id: string;
  storeId: string;
  name: string;
  roles: Role[];
  badge?: string;
  active: boolean;
  hasPin: boolean;
  updatedAt: string;
}
export interface ConsoleOperatorsResponse {
  storeId: string;
  operators: ConsoleOperator[];
}
/** POST stores/:storeId/operators: a new member of staff (409 CONFLICT if the id exists anywhere). */
export interface ConsoleCreateOperatorRequest {
  id: string;
  name: string;
  roles: Role[];
  /** 4 to 8 digits, a manager's at least 6. */
  pin: string;
  badge?: string;
}
export interface ConsoleResetPinRequest {
  pin: string;
}

export const consoleCreateOperatorRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: operatorSchema.properties.id,
    name: operatorSchema.properties.name,
    roles: operatorSchema.properties.roles,
    pin: { type: 'string', pattern: PIN_PATTERN.source },
    badge: operatorSchema.properties.badge,
  },
  required: ['id', 'name', 'roles', 'pin'],
} as const satisfies JsonSchema;

export const consoleResetPinRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { pin: { type: 'string', pattern: PIN_PATTERN.source } },
  required: ['pin'],
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Devices

export interface ConsoleDevice {
  id: string;
  storeId: string;
  name: string;
  enrolledAt: string;
  lastPulledAt: string | null;
  revokedAt: string | null;
}
export interface ConsoleDevicesResponse {
  devices: ConsoleDevice[];
}
export interface ConsoleRevokeDeviceResponse {
  deviceId: string;
  storeId: string;
  revokedAt: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Console users (admin)

export interface ConsoleUserView extends ConsoleUser {
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface ConsoleUsersResponse {
  users: ConsoleUserView[];
}
export interface ConsoleCreateUserRequest {
  name: string;
  role: ConsoleRole;
  /** A manager's stores (at least one); must be empty or absent for the other roles. */
  storeIds?: string[];
  /** At least CONSOLE_PASSWORD_MIN characters; absent, the server generates one and answers it once. */
  password?: string;
}
export interface ConsoleCreateUserResponse {
  user: ConsoleUserView;
  /** Only when the server generated it: shown this once, never stored in clear. */
  generatedPassword?: string;
}
/** PATCH users/:userId: what changes. Disabling ends the user's sessions at once. */
export interface ConsoleUpdateUserRequest {
  role?: ConsoleRole;
  storeIds?: string[];
  disabled?: boolean;
}

/** POST users/:userId/reset-password: a new password (given, or generated and answered once); ends their sessions. */
export interface ConsoleResetPasswordRequest {
  password?: string;
}
export interface ConsoleResetPasswordResponse {
  user: ConsoleUserView;
  generatedPassword?: string;
}
export const consoleResetPasswordRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { password: { type: 'string', minLength: CONSOLE_PASSWORD_MIN, maxLength: CONSOLE_PASSWORD_MAX } },
} as const satisfies JsonSchema;

export const consoleCreateUserRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: consoleNameSchema,
    role: consoleRoleSchema,
    storeIds: storeIdsSchema,
    password: { type: 'string', minLength: CONSOLE_PASSWORD_MIN, maxLength: CONSOLE_PASSWORD_MAX },
  },
  required: ['name', 'role'],
} as const satisfies JsonSchema;

export const consoleUpdateUserRequestSchema = {
  type: 'object',
  additionalProperties: false,
  // An empty change is answered with the user as they are.
  properties: { role: consoleRoleSchema, storeIds: storeIdsSchema, disabled: { type: 'boolean' } },
} as const satisfies JsonSchema;

// ---------------------------------------------------------------------------------------------------------------
// Audit

export interface ConsoleAuditEntry {
  id: number;
  at: string;
  userId: string | null;
  userName: string;
  /** e.g. store.create, store.update, enrollment-code.issue, operator.create, operator.deactivate, operator.reset-pin,
   * device.revoke, user.create, user.update, user.reset-password, user.create-cli, session.sign-in */
  action: string;
  /** What it was done to: a store id, operator id, device id or user id. */
  target: string;
  /** The change, without secrets (never a password, PIN or code). */
  detail: Record<string, unknown>;
}
export interface ConsoleAuditResponse {
  entries: ConsoleAuditEntry[];
}
