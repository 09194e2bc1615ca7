#pragma once

#include "app/route_gate.h"
#include "base/ids.h"
#include "trust/audit/audit_log.h"

namespace fyren::app {

// Audits the route gate's 403s (DESIGN.md, Audit: every denial is one entry): a signed-in user
// whose roles lack a route's permission, e.g. an analyst opening a person's page. The entry
// names the user, unit and authority and no record (the gate never reads one); its purpose
// follows the permission (log review, administration, statistics, otherwise case work). A
// failed append is logged, never turned into a different answer: the user is refused either way.
[[nodiscard]] GateDenialRecorder AuditGateDenials(trust::audit::AuditLog& audit,
                                                  base::TenantId tenant);

}  // namespace fyren::app
