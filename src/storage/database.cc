#include "storage/database.h"

namespace fyren::storage {

std::string_view ToString(Backend backend) {
  switch (backend) {
    case Backend::kSqlite:
      return "sqlite";
    case Backend::kPostgres:
      return "postgres";
  }
  return "unknown";
}

}  // namespace fyren::storage
