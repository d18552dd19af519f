import { stableGuid } from "../ids";
import type { DirectoryUser } from "./model";
import { GUEST_USER_SEED } from "./seed-people";

// Entra's "Guest User" directory role template id, in every guest's token instead of "User".
const WID_GUEST_USER = "10dae51f-b6af-4016-8d66-8c2a99b929b3";

// B2B guests of the demo tenant: a guest object here (UPN "<home address with _>#EXT#@<our
// domain>", its own oid) for a person whose account lives in another tenant. They have no
// mailbox here; Exchange admits them by their role groups alone.
export function createGuestUsers(resourceDomain: string): DirectoryUser[] {
  return GUEST_USER_SEED.map((g) => ({
    oid: stableGuid(`contoso/guest/${g.homeUpn}/oid`),
    userPrincipalName: `${g.homeUpn.replace("@", "_")}#EXT#@${resourceDomain}`,
    displayName: `${g.first} ${g.last}`,
    givenName: g.first,
    surname: g.last,
    appRoles: [...g.appRoles],
    roleGroups: [...g.roleGroups],
    readScope: null,
    writeScope: null,
    wids: [WID_GUEST_USER],
    home: { oid: stableGuid(`${g.homeTenant}/${g.homeUpn}/oid`), tenantId: stableGuid(`${g.homeTenant}/tenant`), userPrincipalName: g.homeUpn },
  }));
}
