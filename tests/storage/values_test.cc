// Conformance: values go in and come back the same on both backends.

#include <limits>

#include "storage_fixture.h"

namespace fyren::storage::testing {
namespace {

using base::ErrorCode;

constexpr std::string_view kInsert =
    "INSERT INTO conformance_values (id, i, d, t, b) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kSelect = "SELECT i, d, t, b FROM conformance_values WHERE id = $1";

struct Sample {
  std::optional<std::int64_t> i;
  std::optional<double> d;
  std::optional<std::string> t;
  std::optional<Blob> b;
};

TEST_P(StorageTest, ValuesRoundTripExactly) {
  MigrateAndCreateTestTable();
  const std::string binary(
      "\0\x01\xff\xfe"
      "A\0",
      6);
  const std::vector<Sample> samples = {
      {std::nullopt, std::nullopt, std::nullopt, std::nullopt},
      {std::numeric_limits<std::int64_t>::min(), -1e300, "", Blob{}},
      {std::numeric_limits<std::int64_t>::max(), 1e-300, "åäö ÅÄÖ", Blob{.bytes = binary}},
      {0, 0.1, "emoji 🙂🏳️‍🌈 and 'quotes' \"double\" \\ back", Blob{.bytes = "\xff"}},
      {-1, 3.141592653589793, std::string(10000, 'x'), Blob{.bytes = std::string(70000, '\0')}},
  };
  for (std::size_t k = 0; k < samples.size(); ++k) {
    const Sample& s = samples[k];
    const auto id = static_cast<std::int64_t>(k + 1);
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) {
      return tx.Execute(kInsert, {id, s.i, s.d, s.t, s.b ? Param(*s.b) : Param(nullptr)});
    }));
    auto rows = db_->Read([&](Transaction& tx) { return tx.Query(kSelect, {id}); });
    FYREN_ASSERT_OK(rows);
    ASSERT_EQ(rows->size(), 1u);
    const Row& row = (*rows)[0];
    ASSERT_EQ(row.size(), 4u);
    EXPECT_EQ(row.OptionalInt(0), s.i) << k;
    if (s.d) {
      EXPECT_EQ(row.Real(1), *s.d) << k;
    } else {
      EXPECT_TRUE(row.IsNull(1)) << k;
    }
    EXPECT_EQ(row.OptionalText(2), s.t) << k;
    if (s.b) {
      EXPECT_EQ(std::get<Blob>(row.at(3)), *s.b) << k;
    } else {
      EXPECT_TRUE(row.IsNull(3)) << k;
    }
  }
}

// Optional sealed fields go in through OptionalBlob and come back through Row::OptionalBytes:
// nothing stays NULL, and bytes (a NUL and high bytes included) come back as they went in.
TEST_P(StorageTest, OptionalBlobsRoundTripWithNull) {
  MigrateAndCreateTestTable();
  const std::vector<std::optional<std::string>> samples = {std::nullopt, std::string(),
                                                           std::string("\0\x01\xff sealed", 10)};
  for (std::size_t k = 0; k < samples.size(); ++k) {
    const auto id = static_cast<std::int64_t>(k + 1);
    FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) {
      return tx.Execute(kInsert, {id, nullptr, nullptr, nullptr, OptionalBlob(samples[k])});
    }));
    auto rows = db_->Read([&](Transaction& tx) { return tx.Query(kSelect, {id}); });
    FYREN_ASSERT_OK(rows);
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].OptionalBytes(3), samples[k]) << k;
  }
}

TEST_P(StorageTest, QueryEachVisitsRowsInOrderWithFreshValuesAndStopsWhenAsked) {
  MigrateAndCreateTestTable();
  // Text and blob lengths shrink and grow from row to row, and a NULL sits between values: a
  // backend that refills one Row must not leak one row's bytes into the next.
  FYREN_ASSERT_OK(db_->Write([&](Transaction& tx) -> Status {
    for (auto [id, t, b] : {std::tuple{1, "a longer text than the next", "\x01\x02\x03"},
                            std::tuple{2, "short", ""}, std::tuple{3, "", "\xff"}}) {
      if (auto ok = tx.Execute(
              kInsert, {id, id * 10, nullptr, std::string_view(t), Blob{.bytes = std::string(b)}});
          !ok) {
        return std::unexpected(ok.error());
      }
    }
    auto last = tx.Execute(kInsert, {4, nullptr, nullptr, nullptr, nullptr});
    if (!last) return std::unexpected(last.error());
    return base::Ok();
  }));
  const std::string_view select = "SELECT id, i, t, b FROM conformance_values ORDER BY id";
  std::vector<std::string> seen;
  FYREN_ASSERT_OK(db_->Read([&](Transaction& tx) {
    return tx.QueryEach(select, {}, [&](const Row& row) {
      seen.push_back(std::to_string(row.Int(0)) + "|" +
                     (row.IsNull(1) ? "null" : std::to_string(row.Int(1))) + "|" +
                     row.OptionalText(2).value_or("null") + "|" +
                     std::to_string(row.OptionalBytes(3).value_or("null").size()));
      return true;
    });
  }));
  EXPECT_EQ(seen, (std::vector<std::string>{"1|10|a longer text than the next|3", "2|20|short|0",
                                            "3|30||1", "4|null|null|4"}));

  int visited = 0;
  FYREN_ASSERT_OK(db_->Read([&](Transaction& tx) {
    return tx.QueryEach(select, {}, [&](const Row&) { return ++visited < 2; });
  }));
  EXPECT_EQ(visited, 2);

  // A failing statement is an error, and the transaction refuses what follows, as after Query.
  auto poisoned = db_->Read([&](Transaction& tx) -> Status {
    EXPECT_FALSE(tx.QueryEach("SELECT no_such_column FROM conformance_values", {},
                              [](const Row&) { return true; }));
    EXPECT_FALSE(tx.Query(select));
    return base::Ok();
  });
  EXPECT_FALSE(poisoned);
}

TEST_P(StorageTest, BooleansAreStoredAsZeroAndOne) {
  MigrateAndCreateTestTable();
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) {
    return tx.Execute("INSERT INTO conformance_values (id, i) VALUES (1, $1), (2, $2)",
                      {true, false});
  }));
  auto rows = db_->Read(
      [](Transaction& tx) { return tx.Query("SELECT i FROM conformance_values ORDER BY id"); });
  FYREN_ASSERT_OK(rows);
  EXPECT_EQ((*rows)[0].Int(0), 1);
  EXPECT_EQ((*rows)[1].Int(0), 0);
}

TEST_P(StorageTest, PlaceholdersInsideStringLiteralsAreLeftAlone) {
  MigrateAndCreateTestTable();
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) {
    return tx.Execute(
        "INSERT INTO conformance_values (id, t) VALUES ($1, '$2 costs $1') -- $3 here too", {7});
  }));
  auto rows = db_->Read([](Transaction& tx) {
    return tx.Query("SELECT t FROM conformance_values WHERE t = '$2 costs $1' AND id = $1", {7});
  });
  FYREN_ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "$2 costs $1");
}

TEST_P(StorageTest, ExecuteCountsChangedRowsOnly) {
  MigrateAndCreateTestTable();
  auto counts = db_->Write([](Transaction& tx) -> Result<std::vector<std::int64_t>> {
    std::vector<std::int64_t> out;
    for (auto r :
         {tx.Execute("INSERT INTO conformance_values (id, n) VALUES (1, 1), (2, 1), (3, 2)"),
          tx.Execute("UPDATE conformance_values SET n = 5 WHERE n = $1", {1}),
          tx.Execute("UPDATE conformance_values SET n = 5 WHERE id = $1", {99}),
          tx.Execute("SELECT id FROM conformance_values"),
          tx.Execute("DELETE FROM conformance_values WHERE id = $1", {3}),
          tx.Execute("CREATE TABLE later (a BIGINT)")}) {
      if (!r) return std::unexpected(r.error());
      out.push_back(*r);
    }
    return out;
  });
  FYREN_ASSERT_OK(counts);
  EXPECT_EQ(*counts, (std::vector<std::int64_t>{3, 2, 0, 0, 1, 0}));
}

TEST_P(StorageTest, SumAndCountReadAsIntegers) {
  MigrateAndCreateTestTable();
  FYREN_ASSERT_OK(db_->Write([](Transaction& tx) {
    return tx.Execute("INSERT INTO conformance_values (id, i) VALUES (1, 40), (2, 2)");
  }));
  auto rows = db_->Read([](Transaction& tx) {
    return tx.Query("SELECT COUNT(*), SUM(i), MAX(i) FROM conformance_values");
  });
  FYREN_ASSERT_OK(rows);
  EXPECT_EQ((*rows)[0].Int(0), 2);
  EXPECT_EQ((*rows)[0].Int(1), 42);
  EXPECT_EQ((*rows)[0].Int(2), 40);
}

TEST_P(StorageTest, TextWithNulIsRejected) {
  MigrateAndCreateTestTable();
  const std::string with_nul("a\0b", 3);
  auto inserted = db_->Write([&](Transaction& tx) {
    return tx.Execute("INSERT INTO conformance_values (id, t) VALUES (1, $1)", {with_nul});
  });
  ASSERT_FALSE(inserted);
  EXPECT_EQ(inserted.error().code, ErrorCode::kInvalidInput);
}

TEST_P(StorageTest, WrongParameterCountIsAnError) {
  MigrateAndCreateTestTable();
  auto inserted = db_->Write([](Transaction& tx) {
    return tx.Execute("INSERT INTO conformance_values (id, i) VALUES ($1, $2)", {1});
  });
  ASSERT_FALSE(inserted);
  EXPECT_EQ(inserted.error().code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace fyren::storage::testing
