import { describeLargeTenantReport } from "./large-tenant-report";

// Issue #8's acceptance at its full size: a 5,000-mailbox tenant (about a minute on 2 cores).
describeLargeTenantReport(5_000);
