#include "trust/crypto/encrypted_column.h"

#include <gtest/gtest.h>

namespace fyren::trust::crypto {
namespace {

static_assert(IsSqlIdentifier("persons"));
static_assert(IsSqlIdentifier("name_sv2"));
static_assert(IsSqlIdentifier("_x"));
static_assert(!IsSqlIdentifier(""));
static_assert(!IsSqlIdentifier("2x"));
static_assert(!IsSqlIdentifier("Persons"));
static_assert(!IsSqlIdentifier("persons; DROP TABLE x"));
static_assert(!IsSqlIdentifier("a.b"));
static_assert(!IsSqlIdentifier("\"quoted\""));
static_assert(!IsSqlIdentifier(std::string_view("a\0b", 3)));

// An invalid name does not compile: EncryptedColumn{"Bad Name", "c", "id"} is a compile error.
constexpr EncryptedColumn kPersonColumns[] = {{"persons", "name", "person_id"},
                                              {"persons", "identity_number", "person_id"}};
constexpr EncryptedColumn kNoteColumns[] = {{"notes", "body", "note_id"},
                                            {"persons", "name", "person_id"}};

TEST(EncryptedColumnRegistryTest, CollectsColumnsOnce) {
  EncryptedColumnRegistry registry;
  registry.Add(kPersonColumns);
  registry.Add(kNoteColumns);
  ASSERT_EQ(registry.columns().size(), 3U);
  EXPECT_EQ(registry.columns()[2].table, "notes");
  EXPECT_EQ(registry.columns()[2].id_column, "note_id");
}

}  // namespace
}  // namespace fyren::trust::crypto
