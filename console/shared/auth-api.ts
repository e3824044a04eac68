/**
 * The console-auth calls the pages make: sign-in and the admin screens. Until sync/protocol/console.ts lands
 * (the consoleauth branch), the shapes here are this side's reading of issue 11 §2; they are replaced by the
 * contract's own types and routes when it is merged.
 */
import { api } from './api.js';

export const CONSOLE_ROLES = ['admin', 'finance', 'manager'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

export interface ConsoleUserView {
  id: string;
  name: string;
  role: ConsoleRole;
  /** A manager's stores (read only); empty for admin and finance, who see every store. */
  storeIds: string[];
  active: boolean;
}

export interface SessionResponse {
  user: ConsoleUserView;
  csrfToken: string;
}

export interface StoreView {
  id: string;
  name: string;
  timezone: string;
}

export interface EnrollmentCodeView {
  code: string;
  expiresAt: string;
}

export interface StaffView {
  id: string;
  name: string;
  roles: string[];
  badge?: string;
  active: boolean;
}

export interface DeviceView {
  deviceId: string;
  deviceName: string;
  storeId: string;
  enrolledAt: string;
  revokedAt: string | null;
}

const BASE = '/console/api';

export const authApi = {
  current: () => api.get<SessionResponse>(`${BASE}/session`),
  signIn: (name: string, password: string) => api.post<SessionResponse>(`${BASE}/session`, { name, password }),
  signOut: () => api.delete<void>(`${BASE}/session`),

  stores: () => api.get<{ stores: StoreView[] }>(`${BASE}/stores`).then((r) => r.stores),
  createStore: (s: StoreView) => api.post<StoreView>(`${BASE}/stores`, s),
  issueCode: (storeId: string, ttlMinutes: number) => api.post<EnrollmentCodeView>(`${BASE}/stores/${encodeURIComponent(storeId)}/enrollment-codes`, { ttlMinutes }),
  staff: (storeId: string) => api.get<{ operators: StaffView[] }>(`${BASE}/stores/${encodeURIComponent(storeId)}/operators`).then((r) => r.operators),
  putStaff: (storeId: string, operators: (StaffView & { pin?: string })[]) => api.put<unknown>(`${BASE}/stores/${encodeURIComponent(storeId)}/operators`, operators),
  devices: () => api.get<{ devices: DeviceView[] }>(`${BASE}/devices`).then((r) => r.devices),
  revokeDevice: (deviceId: string) => api.post<unknown>(`${BASE}/devices/${encodeURIComponent(deviceId)}/revoke`, {}),
  users: () => api.get<{ users: ConsoleUserView[] }>(`${BASE}/users`).then((r) => r.users),
  createUser: (u: { name: string; password: string; role: ConsoleRole; storeIds: string[] }) => api.post<ConsoleUserView>(`${BASE}/users`, u),
};
