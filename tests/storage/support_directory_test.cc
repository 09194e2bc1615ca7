// The support directory's store and service (src/domain/support_directory) on both backends:
// seeding, public reads, editing with optimistic concurrency, hiding, the fingerprint the public
// page caches by, and the audit entries every change and refusal leaves.
#include <algorithm>
#include <chrono>

#include "base/clock.h"
#include "base/random.h"
#include "domain/support_directory/support_directory_service.h"
#include "domain/support_directory/support_directory_store.h"
#include "storage_fixture.h"
#include "trust/audit/audit_log.h"

namespace fyren::storage::testing {
namespace {

using support_directory::DirectoryContent;
using support_directory::DirectoryEntry;
using support_directory::DirectoryFingerprint;
using support_directory::SupportDirectoryService;

constexpr std::int64_t kTenant = 1;

trust::Actor Editor() {
  return trust::Actor{.tenant = base::TenantId(kTenant),
                      .user_id = 7,
                      .unit = base::OrganisationId(11),
                      .authority = base::OrganisationId(10),
                      .roles = {"competence_centre_staff"},
                      .purpose = "administration",
                      .request_id = "test-request-1",
                      .session_handle = {},
                      .second_factor_at = std::nullopt,
                      .local_operator = false};
}

trust::Actor Worker() {
  trust::Actor actor = Editor();
  actor.user_id = 8;
  actor.roles = {"social_worker"};
  return actor;
}

trust::Actor Operator() {
  trust::Actor actor = trust::Actor::Public(base::TenantId(kTenant), "seed-directory");
  actor.purpose = "system";
  actor.local_operator = true;
  return actor;
}

class DirectoryFixture {
 public:
  explicit DirectoryFixture(Database& db)
      : clock_(std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000))),
        audit_(db, clock_) {
    auto content = support_directory::LoadEmbeddedDirectoryContent();
    EXPECT_TRUE(content) << content.error().message;
    service_.emplace(db, clock_, audit_, std::move(*content));
  }
  SupportDirectoryService& service() { return *service_; }
  base::FakeClock& clock() { return clock_; }

 private:
  base::FakeClock clock_;
  trust::audit::AuditLog audit_;
  std::optional<SupportDirectoryService> service_;
};

std::int64_t CountAudit(Database& db, std::string_view action, std::string_view outcome) {
  auto rows = db.Read([&](Transaction& tx) {
    return tx.Query(
        "SELECT COUNT(*) FROM audit_entries WHERE tenant_id = $1 AND action = $2 AND outcome = $3",
        {kTenant, action, outcome});
  });
  EXPECT_TRUE(rows) << rows.error().detail;
  return rows ? rows->front().Int(0) : -1;
}

TEST_P(StorageTest, SupportDirectorySeedsOnceAndReadsPublicly) {
  MigrateAndCreateTestTable();
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) { return InsertTenant(tx, kTenant, "test"); }));
  DirectoryFixture fixture(*db_);
  auto& service = fixture.service();
  const trust::Actor anyone = trust::Actor::Public(base::TenantId(kTenant), "public-request");

  auto seeded = service.SeedIfEmpty(Operator());
  FYREN_ASSERT_OK(seeded);
  EXPECT_GE(*seeded, 20);
  auto again = service.SeedIfEmpty(Operator());
  FYREN_ASSERT_OK(again);
  EXPECT_EQ(*again, 0);  // never twice, never over staff edits

  auto visible = service.ListVisible(anyone);
  FYREN_ASSERT_OK(visible);
  ASSERT_EQ(static_cast<int>(visible->size()), *seeded);
  // Local help first, national services last.
  EXPECT_EQ(visible->front().draft.kind, support_directory::EntryKind::kCityUnit);
  EXPECT_EQ(visible->back().draft.kind, support_directory::EntryKind::kNationalService);
  const auto mika = std::ranges::find(*visible, "mikamottagningen", &DirectoryEntry::entry_key);
  ASSERT_NE(mika, visible->end());
  EXPECT_EQ(mika->Text("ar").name, "عيادة ميكا (Mikamottagningen)");
  EXPECT_EQ(mika->draft.texts.size(), 5U);

  auto one = service.GetVisible(anyone, mika->public_id);
  FYREN_ASSERT_OK(one);
  EXPECT_EQ(one->draft, mika->draft);
  EXPECT_EQ(service.GetVisible(anyone, "not-an-id").error().code, base::ErrorCode::kNotFound);
  EXPECT_EQ(service.GetVisible(anyone, base::NewPublicId()).error().code,
            base::ErrorCode::kNotFound);
  EXPECT_EQ(CountAudit(*db_, "create", "allowed"), 1);
}

TEST_P(StorageTest, SupportDirectoryEditsWithOptimisticConcurrencyAndAudit) {
  MigrateAndCreateTestTable();
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) { return InsertTenant(tx, kTenant, "test"); }));
  DirectoryFixture fixture(*db_);
  auto& service = fixture.service();
  const trust::Actor anyone = trust::Actor::Public(base::TenantId(kTenant), "public-request");
  const auto fingerprint = [&] {
    auto read = service.Fingerprint(anyone);
    EXPECT_TRUE(read);
    return read.value_or(DirectoryFingerprint{});
  };
  EXPECT_EQ(fingerprint(), DirectoryFingerprint{});

  support_directory::EntryDraft draft;
  draft.kind = support_directory::EntryKind::kNgo;
  draft.target_groups = {"lgbtq"};
  draft.languages = {"sv", "ar"};
  draft.email = "hej@example.org";
  draft.texts["sv"] = {.name = "Testföreningen", .description = "Stöd", .hours = ""};
  draft.texts["en"] = {.name = "Test association", .description = "Support", .hours = ""};

  // Bad input: nothing written, every problem named.
  support_directory::EntryDraft bad = draft;
  bad.email = "not an address";
  bad.texts["sv"].name = "";
  auto refused = service.Create(Editor(), bad);
  FYREN_ASSERT_OK(refused);
  EXPECT_EQ(refused->problems.size(), 2U);
  EXPECT_EQ(fingerprint().rows, 0);

  // Someone without the permission: refused and the refusal audited.
  auto denied = service.Create(Worker(), draft);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, base::ErrorCode::kForbidden);
  EXPECT_EQ(service.ListForEditing(anyone).error().code, base::ErrorCode::kUnauthenticated);
  EXPECT_GE(CountAudit(*db_, "denied", "denied"), 2);

  auto created = service.Create(Editor(), draft);
  FYREN_ASSERT_OK(created);
  ASSERT_TRUE(created->ok());
  const DirectoryEntry entry = *created->entry;
  const DirectoryFingerprint after_create = fingerprint();
  EXPECT_EQ(after_create.rows, 1);

  // Edit at version 1 succeeds; a second edit still at version 1 is a conflict.
  support_directory::EntryDraft changed = draft;
  changed.texts["sv"].hours = "Måndagar 9–12";
  changed.texts["ar"] = {.name = "جمعية الاختبار", .description = "دعم", .hours = ""};
  auto updated = service.Update(Editor(), entry.public_id, changed, 1);
  FYREN_ASSERT_OK(updated);
  ASSERT_TRUE(updated->ok());
  EXPECT_EQ(updated->entry->version, 2);
  auto stale = service.Update(Editor(), entry.public_id, draft, 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, base::ErrorCode::kConflict);
  auto stored = service.GetVisible(anyone, entry.public_id);
  FYREN_ASSERT_OK(stored);
  EXPECT_EQ(stored->draft.texts.at("sv").hours, "Måndagar 9–12");
  EXPECT_EQ(stored->draft.texts.at("ar").name, "جمعية الاختبار");
  EXPECT_NE(fingerprint(), after_create);

  // Hidden: gone for the public, still there for editors; shown again.
  auto hidden = service.SetVisible(Editor(), entry.public_id, false, 2);
  FYREN_ASSERT_OK(hidden);
  EXPECT_EQ(service.GetVisible(anyone, entry.public_id).error().code, base::ErrorCode::kNotFound);
  EXPECT_TRUE(service.ListVisible(anyone)->empty());
  FYREN_ASSERT_OK(service.GetForEditing(Editor(), entry.public_id));
  EXPECT_EQ(service.SetVisible(Editor(), entry.public_id, true, 2).error().code,
            base::ErrorCode::kConflict);
  FYREN_ASSERT_OK(service.SetVisible(Editor(), entry.public_id, true, 3));
  EXPECT_EQ(service.ListVisible(anyone)->size(), 1U);

  EXPECT_EQ(CountAudit(*db_, "create", "allowed"), 1);
  EXPECT_EQ(CountAudit(*db_, "update", "allowed"), 3);

  // A directory with entries is never seeded over.
  auto seeded = service.SeedIfEmpty(Operator());
  FYREN_ASSERT_OK(seeded);
  EXPECT_EQ(*seeded, 0);
}

}  // namespace
}  // namespace fyren::storage::testing
