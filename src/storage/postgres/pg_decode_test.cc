#include "storage/postgres/pg_decode.h"

#include <gtest/gtest.h>

#include <limits>

namespace fyren::storage::postgres {
namespace {

TEST(DecodeTextTest, Integers) {
  EXPECT_EQ(DecodeText(kInt8Oid, "-9223372036854775808"),
            Value(std::numeric_limits<std::int64_t>::min()));
  EXPECT_EQ(DecodeText(kInt4Oid, "42"), Value(std::int64_t{42}));
  EXPECT_EQ(DecodeText(kInt2Oid, "-7"), Value(std::int64_t{-7}));
  EXPECT_FALSE(DecodeText(kInt8Oid, "12x"));
  EXPECT_FALSE(DecodeText(kInt8Oid, ""));
}

TEST(DecodeTextTest, BooleansAreZeroOrOne) {
  EXPECT_EQ(DecodeText(kBoolOid, "t"), Value(std::int64_t{1}));
  EXPECT_EQ(DecodeText(kBoolOid, "f"), Value(std::int64_t{0}));
  EXPECT_FALSE(DecodeText(kBoolOid, "yes"));
}

TEST(DecodeTextTest, Floats) {
  EXPECT_EQ(DecodeText(kFloat8Oid, "0.1"), Value(0.1));
  EXPECT_EQ(DecodeText(kFloat8Oid, "-1.7976931348623157e+308"),
            Value(-std::numeric_limits<double>::max()));
  EXPECT_EQ(DecodeText(kFloat8Oid, "Infinity"), Value(std::numeric_limits<double>::infinity()));
}

TEST(DecodeTextTest, NumericIsIntegerWhenIntegral) {
  EXPECT_EQ(DecodeText(kNumericOid, "12345"), Value(std::int64_t{12345}));
  EXPECT_EQ(DecodeText(kNumericOid, "2.5"), Value(2.5));
}

TEST(DecodeTextTest, ByteaHex) {
  EXPECT_EQ(DecodeText(kByteaOid, "\\x00ff41"), Value(Blob{.bytes = std::string("\0\xff"
                                                                                "A",
                                                                                3)}));
  EXPECT_EQ(DecodeText(kByteaOid, "\\x"), Value(Blob{}));
  EXPECT_FALSE(DecodeText(kByteaOid, "\\x0"));
  EXPECT_FALSE(DecodeText(kByteaOid, "\\xzz"));
  EXPECT_FALSE(DecodeText(kByteaOid, "abc"));
}

TEST(DecodeTextTest, OtherTypesAreText) {
  EXPECT_EQ(DecodeText(25, "åäö 🙂"), Value(std::string("åäö 🙂")));
  EXPECT_EQ(DecodeText(1184, "2026-01-01 00:00:00+00"),
            Value(std::string("2026-01-01 00:00:00+00")));
}

}  // namespace
}  // namespace fyren::storage::postgres
