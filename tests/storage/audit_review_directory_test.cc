// Conformance: the names and lookups behind the log-review pages (trust/audit/review_directory*,
// app/person_directory_store) on both backends: a user's authority through the organisation
// tree (a recursive query), organisation names, and persons by public and internal id.

#include "app/person_directory_store.h"
#include "audit_fixture.h"
#include "trust/audit/review_directory_store.h"

namespace fyren::storage::testing {
namespace {

using trust::audit::FindOrganisationName;
using trust::audit::FindStaffById;
using trust::audit::FindStaffByPublicId;

class AuditReviewDirectoryTest : public AuditTest {
 protected:
  void SetUpDirectory() {
    SetUpAudit();
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> Status {
      for (const char* sql :
           {"INSERT INTO organisations (tenant_id, organisation_id, public_id, parent_id, "
            "kind, code, name_sv, name_en, created_at, updated_at) VALUES "
            "(201, 10, 'o10', NULL, 'authority', 'A', 'Nämnd', 'Committee', 0, 0), "
            "(201, 11, 'o11', 10, 'department', 'A-D', 'Avdelning', 'Department', 0, 0), "
            "(201, 12, 'o12', 11, 'unit', 'A-U', 'Enhet', 'Unit', 0, 0), "
            "(201, 20, 'o20', NULL, 'partner', 'P', 'Partner', 'Partner', 0, 0)",
            "INSERT INTO users (tenant_id, user_id, public_id, username, display_name, "
            "unit_id, password_hash, created_at, updated_at) VALUES "
            "(201, 1, 'u-one', 'one', 'Ulla Ett', 12, 'x', 0, 0), "
            "(201, 2, 'u-two', 'two', 'Per Partner', 20, 'x', 0, 0)",
            "INSERT INTO persons (tenant_id, person_id, public_id, owning_authority_id, "
            "identity_kind, created_by, created_at, updated_at) VALUES "
            "(201, 500, 'p-five', 10, 'alias', 1, 0, 0)"}) {
        auto done = tx.Execute(sql);
        if (!done) return std::unexpected(done.error());
      }
      return base::Ok();
    }));
  }
};

TEST_P(AuditReviewDirectoryTest, StaffAuthorityComesFromTheTree) {
  SetUpDirectory();
  FYREN_ASSERT_OK(db_->Read([&](Transaction& tx) -> Status {
    auto one = FindStaffByPublicId(tx, kTenant, "u-one");
    if (!one) return std::unexpected(one.error());
    EXPECT_TRUE(one->has_value());
    if (*one) {
      EXPECT_EQ((*one)->user_id, 1);
      EXPECT_EQ((*one)->display_name, "Ulla Ett");
      EXPECT_EQ((*one)->unit, base::OrganisationId(12));
      EXPECT_EQ((*one)->authority, base::OrganisationId(10));
    }
    auto partner = FindStaffById(tx, kTenant, 2);
    if (!partner) return std::unexpected(partner.error());
    EXPECT_TRUE(partner->has_value());
    if (*partner) {
      EXPECT_FALSE((*partner)->authority);  // a partner has no authority above it
    }
    auto missing = FindStaffByPublicId(tx, kTenant, "u-none");
    if (!missing) return std::unexpected(missing.error());
    EXPECT_FALSE(missing->has_value());
    auto other_tenant = FindStaffById(tx, kOtherTenant, 1);
    if (!other_tenant) return std::unexpected(other_tenant.error());
    EXPECT_FALSE(other_tenant->has_value());
    auto name = FindOrganisationName(tx, kTenant, base::OrganisationId(12));
    if (!name) return std::unexpected(name.error());
    EXPECT_TRUE(name->has_value());
    if (*name) {
      EXPECT_EQ((*name)->name_en, "Unit");
    }
    return base::Ok();
  }));
}

TEST_P(AuditReviewDirectoryTest, PersonsByPublicAndInternalId) {
  SetUpDirectory();
  const app::SqlPersonDirectory persons;
  FYREN_ASSERT_OK(db_->Read([&](Transaction& tx) -> Status {
    auto by_public = persons.FindByPublicId(tx, kTenant, "p-five");
    if (!by_public) return std::unexpected(by_public.error());
    EXPECT_TRUE(by_public->has_value());
    if (*by_public) {
      EXPECT_EQ((*by_public)->person_id, 500);
      EXPECT_EQ((*by_public)->owning_authority, base::OrganisationId(10));
    }
    auto by_id = persons.FindById(tx, kTenant, 500);
    if (!by_id) return std::unexpected(by_id.error());
    EXPECT_TRUE(by_id->has_value());
    if (*by_id) {
      EXPECT_EQ((*by_id)->public_id, "p-five");
    }
    auto other_tenant = persons.FindByPublicId(tx, kOtherTenant, "p-five");
    if (!other_tenant) return std::unexpected(other_tenant.error());
    EXPECT_FALSE(other_tenant->has_value());
    return base::Ok();
  }));
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditReviewDirectoryTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return std::string(ToString(param_info.param));
                         });

}  // namespace
}  // namespace fyren::storage::testing
