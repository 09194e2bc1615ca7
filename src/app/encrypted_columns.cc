#include "app/encrypted_columns.h"

#include "domain/person/person_columns.h"

namespace fyren::app {

trust::crypto::EncryptedColumnRegistry EncryptedColumns() {
  trust::crypto::EncryptedColumnRegistry registry;
  // The platform's own tables (tenants, organisations) hold no personal data; modules register
  // their columns here as they arrive.
  registry.Add(person::kPersonEncryptedColumns);
  return registry;
}

}  // namespace fyren::app
