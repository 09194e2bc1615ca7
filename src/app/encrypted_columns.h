#pragma once

#include "trust/crypto/encrypted_column.h"

namespace fyren::app {

// Every encrypted column of every domain module, for `fyren keys rotate-data`. A module that adds
// an encrypted column adds its constant list here (its store defines the list beside the SQL).
trust::crypto::EncryptedColumnRegistry EncryptedColumns();

}  // namespace fyren::app
