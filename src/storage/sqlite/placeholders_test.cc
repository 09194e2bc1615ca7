#include "storage/sqlite/placeholders.h"

#include <gtest/gtest.h>

namespace fyren::storage::sqlite {
namespace {

struct Case {
  std::string_view in;
  std::string_view out;
};

TEST(RewritePlaceholdersTest, RewritesOnlyOutsideQuotesAndComments) {
  const Case cases[] = {
      {"SELECT 1", "SELECT 1"},
      {"SELECT * FROM t WHERE a = $1 AND b = $2", "SELECT * FROM t WHERE a = ?1 AND b = ?2"},
      {"VALUES ($10, $2)", "VALUES (?10, ?2)"},
      {"SELECT '$1', $1", "SELECT '$1', ?1"},
      {"SELECT 'it''s $1', $2", "SELECT 'it''s $1', ?2"},
      {"SELECT \"col$1\" FROM t", "SELECT \"col$1\" FROM t"},
      {"SELECT [a$1], `b$2`", "SELECT [a$1], `b$2`"},
      {"SELECT $1 -- not $2\n, $3", "SELECT ?1 -- not $2\n, ?3"},
      {"SELECT /* $1 */ $2", "SELECT /* $1 */ ?2"},
      {"SELECT $a, $", "SELECT $a, $"},
      {"SELECT 'unterminated $1", "SELECT 'unterminated $1"},
      {"SELECT /* unterminated $1", "SELECT /* unterminated $1"},
      {"SELECT 'åäö', $1", "SELECT 'åäö', ?1"},
      {"", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RewritePlaceholders(c.in), c.out) << c.in;
  }
}

}  // namespace
}  // namespace fyren::storage::sqlite
