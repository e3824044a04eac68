/**
 * The console-auth calls the pages make (sign-in, session, the admin screens), typed by the contract
 * sync/protocol/console.ts: its routes and wire types, nothing restated here.
 */
import {
  consoleRoutes,
  type ConsoleCreateOperatorRequest,
  type ConsoleCreateStoreRequest,
  type ConsoleCreateUserRequest,
  type ConsoleCreateUserResponse,
  type ConsoleDevicesResponse,
  type ConsoleEnrollmentCodeRequest,
  type ConsoleEnrollmentCodeResponse,
  type ConsoleOperatorsResponse,
  type ConsoleResetPinRequest,
  type ConsoleRevokeDeviceResponse,
  type ConsoleSessionResponse,
  type ConsoleSignInRequest,
  type ConsoleSignOutResponse,
  type ConsoleStore,
  type ConsoleStoresResponse,
  type ConsoleUpdateUserRequest,
  type ConsoleUsersResponse,
  type ConsoleUserView,
} from '../../sync/protocol/console.js';
import { api } from './api.js';

export { CONSOLE_ROLES, CONSOLE_PASSWORD_MIN, type ConsoleRole, type ConsoleUser, type ConsoleUserView, type ConsoleStore, type ConsoleDevice, type ConsoleOperator } from '../../sync/protocol/console.js';

export const authApi = {
  current: () => api.get<ConsoleSessionResponse>(consoleRoutes.session),
  signIn: (body: ConsoleSignInRequest) => api.post<ConsoleSessionResponse>(consoleRoutes.signIn, body),
  signOut: () => api.post<ConsoleSignOutResponse>(consoleRoutes.signOut, {}),

  stores: () => api.get<ConsoleStoresResponse>(consoleRoutes.stores).then((r) => r.stores),
  createStore: (body: ConsoleCreateStoreRequest) => api.post<ConsoleStore>(consoleRoutes.stores, body),
  issueCode: (storeId: string, body: ConsoleEnrollmentCodeRequest) => api.post<ConsoleEnrollmentCodeResponse>(consoleRoutes.enrollmentCodes(storeId), body),
  staff: (storeId: string) => api.get<ConsoleOperatorsResponse>(consoleRoutes.operators(storeId)).then((r) => r.operators),
  createOperator: (storeId: string, body: ConsoleCreateOperatorRequest) => api.post<unknown>(consoleRoutes.operators(storeId), body),
  deactivateOperator: (storeId: string, operatorId: string) => api.post<unknown>(consoleRoutes.deactivateOperator(storeId, operatorId), {}),
  resetPin: (storeId: string, operatorId: string, body: ConsoleResetPinRequest) => api.post<unknown>(consoleRoutes.resetOperatorPin(storeId, operatorId), body),
  devices: (storeId?: string) => api.get<ConsoleDevicesResponse>(consoleRoutes.devices, { storeId }).then((r) => r.devices),
  revokeDevice: (deviceId: string) => api.post<ConsoleRevokeDeviceResponse>(consoleRoutes.revokeDevice(deviceId), {}),
  users: () => api.get<ConsoleUsersResponse>(consoleRoutes.users).then((r) => r.users),
  createUser: (body: ConsoleCreateUserRequest) => api.post<ConsoleCreateUserResponse>(consoleRoutes.users, body),
  updateUser: (userId: string, body: ConsoleUpdateUserRequest) => api.patch<ConsoleUserView>(consoleRoutes.user(userId), body),
};
