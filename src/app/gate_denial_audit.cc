#include "app/gate_denial_audit.h"

#include <string>

#include "base/log.h"
#include "trust/audit/audit_event.h"

namespace fyren::app {
namespace {

using trust::access::Permission;
using trust::audit::Purpose;

Purpose PurposeOf(Permission permission) {
  switch (permission) {
    case Permission::kReviewAuditLog:
      return Purpose::kLogReview;
    case Permission::kManageUsers:
    case Permission::kManageOrganisation:
      return Purpose::kAdministration;
    case Permission::kViewStatistics:
      return Purpose::kStatistics;
    case Permission::kEmergencyAccess:
      return Purpose::kEmergency;
    default:
      return Purpose::kCaseWork;
  }
}

std::optional<base::OrganisationId> OrganisationOrNone(std::int64_t id) {
  if (id <= 0) return std::nullopt;
  return base::OrganisationId(id);
}

}  // namespace

GateDenialRecorder AuditGateDenials(trust::audit::AuditLog& audit, base::TenantId tenant) {
  return [&audit, tenant](const http::Request& request, Permission permission) {
    if (!request.session) return;
    auto request_id = trust::audit::RequestId::Parse(request.request_id);
    if (!request_id) return;
    const http::SessionView& session = *request.session;
    const trust::audit::AuditEvent event{.tenant = tenant,
                                         .actor_user_id = session.user_id,
                                         .unit = OrganisationOrNone(session.unit_id),
                                         .authority = OrganisationOrNone(session.authority_id),
                                         .action = trust::audit::Action::kDenied,
                                         .outcome = trust::audit::Outcome::kDenied,
                                         .record_type = std::nullopt,
                                         .record_id = std::nullopt,
                                         .person_id = std::nullopt,
                                         .purpose = PurposeOf(permission),
                                         .flags = 0,
                                         .request_id = std::move(*request_id)};
    if (auto appended = audit.Append(event); !appended) {
      base::log::Warn("gate.denial_not_audited",
                      {{"permission", std::string(trust::access::ToString(permission))},
                       {"error", appended.error().message}});
    }
  };
}

}  // namespace fyren::app
