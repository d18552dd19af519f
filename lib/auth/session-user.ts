import type { TAppRole } from "./roles";

// What the session cookie carries: ids and app roles, taken from the verified ID token.
export type TSessionUser = {
  oid: string;
  tid: string;
  upn: string;
  name: string;
  roles: TAppRole[];
};
