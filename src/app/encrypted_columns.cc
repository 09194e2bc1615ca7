#include "app/encrypted_columns.h"

namespace fyren::app {

trust::crypto::EncryptedColumnRegistry EncryptedColumns() {
  trust::crypto::EncryptedColumnRegistry registry;
  // The platform's own tables (tenants, organisations) hold no personal data; modules register
  // their columns here as they arrive.
  return registry;
}

}  // namespace fyren::app
