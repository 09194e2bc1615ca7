#include "app/encrypted_columns.h"

#include "domain/concern/concern_columns.h"
#include "domain/exit_case/exit_case_columns.h"
#include "domain/person/person_columns.h"
#include "domain/referral/referral_columns.h"
#include "domain/screening/screening_columns.h"
#include "domain/sip/sip_columns.h"

namespace fyren::app {

trust::crypto::EncryptedColumnRegistry EncryptedColumns() {
  trust::crypto::EncryptedColumnRegistry registry;
  // The platform's own tables (tenants, organisations) hold no personal data; modules register
  // their columns here as they arrive.
  registry.Add(person::kPersonEncryptedColumns);
  registry.Add(exit_case::kExitCaseEncryptedColumns);
  registry.Add(concern::kConcernEncryptedColumns);
  registry.Add(screening::kScreeningEncryptedColumns);
  registry.Add(sip::kSipEncryptedColumns);
  registry.Add(referral::kReferralEncryptedColumns);
  return registry;
}

}  // namespace fyren::app
