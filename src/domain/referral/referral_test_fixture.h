#pragma once

// A tenant with two authorities for the referral and consultation tests, on an in-memory SQLite
// database with real keys and a real audit log.
//   authority 10 "CEN": unit 11 "CEN-MOT" (intake), 12 "CEN-BH" (Barnahus), 13 "CEN-KC"
//   (competence centre), 14 "CEN-SAM" (exit coordinators)
//   authority 40 "HIS": unit 41 "HIS-MOT"
//   partner 50 "NGO-A"
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "base/clock.h"
#include "base/embedded.h"
#include "storage/migrator.h"
#include "trust/audit/audit_log.h"
#include "trust/crypto/data_keys.h"
#include "trust/crypto/key_ring.h"

namespace fyren::referral::testing {

inline std::unique_ptr<storage::Database> OpenDatabase() {
  auto db = storage::OpenDatabase("sqlite::memory:", storage::DatabaseOptions{});
  if (!db) return nullptr;
  std::vector<storage::Migration> migrations;
  for (const base::EmbeddedFile& file : base::EmbeddedFiles()) {
    if (!file.path.starts_with("migrations/sqlite/") || !file.path.ends_with(".sql")) continue;
    migrations.push_back(
        storage::Migration{.version = 0, .name = std::string(file.path), .sql = file.data});
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    migrations[i].version = static_cast<int>(i) + 1;
  }
  if (!storage::Migrate(**db, migrations)) return nullptr;
  return std::move(*db);
}

inline constexpr std::int64_t kIntake = 201;       // unit 11, social_worker
inline constexpr std::int64_t kBarnahus = 202;     // unit 12, barnahus_staff
inline constexpr std::int64_t kCentre = 203;       // unit 13, competence_centre_staff
inline constexpr std::int64_t kCoordinator = 204;  // unit 14, coordinator
inline constexpr std::int64_t kOther = 205;        // unit 41 (other authority), social_worker
inline constexpr std::int64_t kPartner = 206;      // partner 50, external_partner
inline constexpr std::int64_t kAnalyst = 207;      // unit 11, analyst

class Fixture : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = OpenDatabase();
    ASSERT_TRUE(db_);
    ASSERT_TRUE(db_->Write([](storage::Transaction& tx) -> base::Status {
      for (const char* sql : {
               "INSERT INTO tenants (tenant_id, public_id, slug, name, created_at) "
               "VALUES (1, 't1', 't1', 'Test', 0)",
               "INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, "
               "kind, code, name_sv, name_en, created_at, updated_at) VALUES "
               "(1, 10, 'o10', NULL, 'authority', 'CEN', 'Centrum', 'Centrum', 0, 0), "
               "(1, 11, 'o11', 10, 'unit', 'CEN-MOT', 'Mottagning', 'Intake', 0, 0), "
               "(1, 12, 'o12', 10, 'unit', 'CEN-BH', 'Barnahus', 'Barnahus', 0, 0), "
               "(1, 13, 'o13', 10, 'unit', 'CEN-KC', 'Kompetenscentrum', 'Centre', 0, 0), "
               "(1, 14, 'o14', 10, 'unit', 'CEN-SAM', 'Samordnare', 'Coordinators', 0, 0), "
               "(1, 40, 'o40', NULL, 'authority', 'HIS', 'Hisingen', 'Hisingen', 0, 0), "
               "(1, 41, 'o41', 40, 'unit', 'HIS-MOT', 'Mottagning H', 'Intake H', 0, 0), "
               "(1, 50, 'o50', NULL, 'partner', 'NGO-A', 'Förening', 'NGO', 0, 0)",
           }) {
        if (auto done = tx.Execute(sql); !done) return std::unexpected(done.error());
      }
      for (const auto& [id, name, unit] :
           {std::tuple{kIntake, "intake", 11}, std::tuple{kBarnahus, "barnahus", 12},
            std::tuple{kCentre, "centre", 13}, std::tuple{kCoordinator, "coordinator", 14},
            std::tuple{kOther, "other", 41}, std::tuple{kPartner, "partner", 50},
            std::tuple{kAnalyst, "analyst", 11}}) {
        auto done = tx.Execute(
            "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, unit_id, "
            "password_hash, created_at, updated_at) VALUES (1, $1, $2, $2, $2, $3, 'x', 0, 0)",
            {id, std::string_view(name), unit});
        if (!done) return std::unexpected(done.error());
      }
      return base::Ok();
    }));
    auto master = trust::crypto::MasterKey::Generate();
    ASSERT_TRUE(trust::crypto::EnsureTenantKeys(*db_, master, base::TenantId(1)));
    ring_ = std::make_unique<trust::crypto::KeyRing>(std::move(master));
    ASSERT_TRUE(ring_->Reload(*db_));
    audit_ = std::make_unique<trust::audit::AuditLog>(*db_, clock_);
  }

  trust::Actor Actor(std::int64_t user, std::int64_t unit, std::optional<std::int64_t> authority,
                     std::string role) const {
    std::optional<base::OrganisationId> auth;
    if (authority) auth = base::OrganisationId(*authority);
    return trust::Actor{.tenant = base::TenantId(1),
                        .user_id = user,
                        .unit = base::OrganisationId(unit),
                        .authority = auth,
                        .roles = {std::move(role)},
                        .purpose = "case_work",
                        .request_id = "test-request-0001",
                        .session_handle = {},
                        .second_factor_at = clock_.Now(),
                        .local_operator = false};
  }
  trust::Actor Intake() const { return Actor(kIntake, 11, 10, "social_worker"); }
  trust::Actor Barnahus() const { return Actor(kBarnahus, 12, 10, "barnahus_staff"); }
  trust::Actor Centre() const { return Actor(kCentre, 13, 10, "competence_centre_staff"); }
  trust::Actor Coordinator() const { return Actor(kCoordinator, 14, 10, "coordinator"); }
  trust::Actor Other() const { return Actor(kOther, 41, 40, "social_worker"); }
  trust::Actor Partner() const { return Actor(kPartner, 50, std::nullopt, "external_partner"); }
  trust::Actor Analyst() const { return Actor(kAnalyst, 11, 10, "analyst"); }

  // Audit entries with the given action and outcome codes.
  std::int64_t CountAudit(std::string_view action, std::string_view outcome) {
    auto rows = db_->Read([&](storage::Transaction& tx) {
      return tx.Query("SELECT COUNT(*) FROM audit_entries WHERE action = $1 AND outcome = $2",
                      {action, outcome});
    });
    return rows ? rows->front().Int(0) : -1;
  }

  base::FakeClock clock_{base::TimePoint(std::chrono::seconds(1'780'000'000))};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<trust::crypto::KeyRing> ring_;
  std::unique_ptr<trust::audit::AuditLog> audit_;
};

}  // namespace fyren::referral::testing
