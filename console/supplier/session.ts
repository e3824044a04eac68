import type { SupplierIdentity, SupplierSignInRequest } from '../../sync/protocol/supplier.js';
import { createSession } from '../shared/session-core.js';
import { supplierApi } from './api.js';

/** Who is signed in, and whether they must still replace the password the chain issued. */
export interface SupplierUser extends SupplierIdentity {
  mustChangePassword: boolean;
}

const toUser = (s: { supplier: SupplierIdentity; mustChangePassword: boolean; csrfToken: string }) => ({
  user: { ...s.supplier, mustChangePassword: s.mustChangePassword },
  csrfToken: s.csrfToken,
});

export const { SessionProvider, useSession } = createSession<SupplierUser, SupplierSignInRequest>({
  current: () => supplierApi.session().then(toUser),
  signIn: (c) => supplierApi.signIn(c).then(toUser),
  signOut: () => supplierApi.signOut(),
});

export { toUser as sessionOf };

export function useSupplier(): SupplierUser {
  const { user } = useSession();
  if (!user) throw new Error('useSupplier with nobody signed in');
  return user;
}
