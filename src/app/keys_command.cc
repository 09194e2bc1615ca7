// `fyren keys init | status | rotate-master | rotate-data`: the operator's side of envelope
// encryption (docs/decisions/0004-envelope-encryption.md, docs/operations.md "Key rotation").
#include <filesystem>
#include <iostream>
#include <set>

#include "app/commands.h"
#include "app/database_url.h"
#include "app/encrypted_columns.h"
#include "storage/database.h"
#include "trust/crypto/encrypted_column.h"
#include "trust/crypto/key_ring.h"
#include "trust/crypto/key_rotation.h"
#include "trust/crypto/key_store.h"
#include "trust/crypto/master_key.h"

namespace fyren::app {
namespace {

std::unique_ptr<storage::Database> OpenKeyDatabase(const Config& config) {
  auto db = storage::OpenDatabase(config.database_url, DatabaseOptionsFrom(config));
  if (!db) {
    std::cerr << "fyren: cannot open the database " << storage::RedactUrl(config.database_url)
              << ": " << db.error().message << "\n";
    return nullptr;
  }
  return std::move(*db);
}

std::optional<trust::crypto::MasterKey> LoadMaster(const std::string& path) {
  auto master = trust::crypto::LoadMasterKeyFile(path);
  if (!master) {
    std::cerr << "fyren: " << master.error().message << "\n";
    return std::nullopt;
  }
  return std::move(*master);
}

// Tenants that have data keys; keys are created with the tenant, so this is every tenant.
base::Result<std::set<std::int64_t>> TenantsWithKeys(storage::Database& db) {
  auto keys =
      db.Read([](storage::Transaction& tx) { return trust::crypto::KeyStore::ListAll(tx); });
  if (!keys) return std::unexpected(keys.error());
  std::set<std::int64_t> tenants;
  for (const auto& key : *keys) tenants.insert(key.tenant.value());
  return tenants;
}

}  // namespace

int RunKeysInit(const Config& config) {
  const std::string& path = config.keys_master_key_file;
  if (std::filesystem::exists(path)) {
    std::cerr << "fyren: " << path << " already exists; a master key is never overwritten\n";
    return kExitFailure;
  }
  if (const auto parent = std::filesystem::path(path).parent_path(); !parent.empty()) {
    std::filesystem::create_directories(parent);
  }
  if (auto ok = trust::crypto::WriteNewMasterKeyFile(path); !ok) {
    std::cerr << "fyren: " << ok.error().message << "\n";
    return kExitFailure;
  }
  auto master = LoadMaster(path);
  if (!master) return kExitFailure;
  std::cout << "Master key written to " << path << " (mode 0600, fingerprint "
            << master->fingerprint() << ").\n"
            << "Keep a copy apart from the database backups: without it, encrypted data cannot "
               "be read.\n";
  return 0;
}

int RunKeysStatus(const Config& config) {
  auto master = LoadMaster(config.keys_master_key_file);
  if (!master) return kExitFailure;
  auto db = OpenKeyDatabase(config);
  if (!db) return kExitFailure;
  auto keys =
      db->Read([](storage::Transaction& tx) { return trust::crypto::KeyStore::ListAll(tx); });
  if (!keys) {
    std::cerr << "fyren: " << keys.error().message << "\n";
    return kExitFailure;
  }
  std::cout << "Master key fingerprint: " << master->fingerprint() << "\n";
  for (const auto& key : *keys) {
    std::cout << "tenant " << key.tenant.value() << "  key " << key.key_id << "  "
              << trust::crypto::ToString(key.purpose) << "  "
              << (key.active() ? "active" : "retired") << "  wrapped by " << key.master_key_id
              << (key.master_key_id == master->fingerprint() ? "" : "  (NOT the current master)")
              << "\n";
  }
  db->Close();
  return 0;
}

int RunKeysRotateMaster(const Config& config, const std::string& new_master_path) {
  auto old_master = LoadMaster(config.keys_master_key_file);
  if (!old_master) return kExitFailure;
  if (!std::filesystem::exists(new_master_path)) {
    if (auto ok = trust::crypto::WriteNewMasterKeyFile(new_master_path); !ok) {
      std::cerr << "fyren: " << ok.error().message << "\n";
      return kExitFailure;
    }
  }
  auto new_master = LoadMaster(new_master_path);
  if (!new_master) return kExitFailure;
  auto db = OpenKeyDatabase(config);
  if (!db) return kExitFailure;
  auto report = trust::crypto::RotateMasterKey(*db, *old_master, *new_master);
  if (!report) {
    std::cerr << "fyren: master key rotation failed, nothing changed: " << report.error().message
              << "\n";
    return kExitFailure;
  }
  std::cout << "Re-wrapped " << report->rewrapped << " data key(s) (" << report->already_current
            << " already under the new key).\n"
            << "Now set keys.master_key_file = \"" << new_master_path
            << "\" and restart every server; then destroy the old key file.\n";
  db->Close();
  return 0;
}

int RunKeysRotateData(const Config& config) {
  auto master = LoadMaster(config.keys_master_key_file);
  if (!master) return kExitFailure;
  auto db = OpenKeyDatabase(config);
  if (!db) return kExitFailure;
  trust::crypto::KeyRing ring(std::move(*master));
  if (auto ok = ring.Reload(*db); !ok) {
    std::cerr << "fyren: " << ok.error().message << "\n";
    return kExitFailure;
  }
  auto tenants = TenantsWithKeys(*db);
  if (!tenants) {
    std::cerr << "fyren: " << tenants.error().message << "\n";
    return kExitFailure;
  }
  const trust::crypto::EncryptedColumnRegistry registry = EncryptedColumns();
  for (const std::int64_t tenant : *tenants) {
    auto report =
        trust::crypto::RotateDataKey(*db, ring, base::TenantId(tenant), registry.columns());
    if (!report) {
      std::cerr << "fyren: tenant " << tenant << ": " << report.error().message
                << "\nRe-run `fyren keys rotate-data` to finish; rows already moved are skipped.\n";
      return kExitFailure;
    }
    std::cout << "tenant " << tenant << ": new data key " << report->new_key_id << ", "
              << report->reencrypt.reencrypted << " value(s) re-encrypted\n";
  }
  std::cout << "Restart the servers so they load the new key.\n";
  db->Close();
  return 0;
}

}  // namespace fyren::app
