import { describeLargeTenantReport } from "./large-tenant-report";

// 1,200 mailboxes: two pages of Get-Recipient, and every kind of delegate and automatic reply
// well represented. The 5,000-mailbox run is in large-tenant.long.test.ts.
describeLargeTenantReport(1_200);
