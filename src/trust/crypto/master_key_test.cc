#include "trust/crypto/master_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/random.h"

namespace fyren::trust::crypto {
namespace {

using base::ErrorCode;
namespace fs = std::filesystem;

constexpr std::string_view kValidHex =
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

class MasterKeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("fyren-mk-" + base::NewPublicId());
    fs::create_directory(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Write(std::string_view name, std::string_view content, mode_t mode = 0600) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    ::chmod(path.c_str(), mode);
    return path;
  }

  static std::string Read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  static void ExpectRefused(const base::Result<MasterKey>& loaded, std::string_view problem) {
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(loaded.error().message.find(problem), std::string::npos) << loaded.error().message;
    // The message names the problem, never the key.
    EXPECT_EQ(loaded.error().message.find("00112233"), std::string::npos);
  }

  fs::path dir_;
};

TEST_F(MasterKeyFileTest, WrittenFileLoadsBackWithMode0600) {
  const fs::path path = dir_ / "master.key";
  ASSERT_TRUE(WriteNewMasterKeyFile(path));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600U);
  const std::string text = Read(path);
  EXPECT_TRUE(text.starts_with("fyren-master-key-v1\n"));
  EXPECT_EQ(text.size(), 20U + 64U + 1U);

  auto first = LoadMasterKeyFile(path);
  ASSERT_TRUE(first) << first.error().message;
  auto second = LoadMasterKeyFile(path);
  ASSERT_TRUE(second);
  EXPECT_TRUE(first->key().Equals(second->key()));
  EXPECT_EQ(first->fingerprint(), second->fingerprint());
  EXPECT_EQ(first->fingerprint().size(), 16U);
}

TEST_F(MasterKeyFileTest, GivenKeyRoundTrips) {
  const MasterKey key = MasterKey::Generate();
  const fs::path path = dir_ / "given.key";
  ASSERT_TRUE(WriteMasterKeyFile(path, key));
  auto loaded = LoadMasterKeyFile(path);
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(loaded->key().Equals(key.key()));
  EXPECT_EQ(loaded->id(), key.id());
}

TEST_F(MasterKeyFileTest, ExistingFileIsNeverOverwritten) {
  const fs::path path = Write("master.key", "precious", 0600);
  const auto written = WriteNewMasterKeyFile(path);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Read(path), "precious");
}

TEST_F(MasterKeyFileTest, DanglingSymlinkIsNotFollowedWhenWriting) {
  const fs::path target = dir_ / "elsewhere.key";
  const fs::path link = dir_ / "master.key";
  fs::create_symlink(target, link);
  EXPECT_FALSE(WriteNewMasterKeyFile(link));
  EXPECT_FALSE(fs::exists(target));
}

TEST_F(MasterKeyFileTest, MissingDirectoryIsReported) {
  const auto written = WriteNewMasterKeyFile(dir_ / "no-such-dir" / "master.key");
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::kInvalidInput);
}

TEST_F(MasterKeyFileTest, LoadAcceptsAFileWithoutFinalNewline) {
  const fs::path path = Write("k", "fyren-master-key-v1\n" + std::string(kValidHex));
  EXPECT_TRUE(LoadMasterKeyFile(path));
}

TEST_F(MasterKeyFileTest, LoadFollowsASymlinkToAPrivateFile) {
  const fs::path target =
      Write("real.key", "fyren-master-key-v1\n" + std::string(kValidHex) + "\n");
  const fs::path link = dir_ / "link.key";
  fs::create_symlink(target, link);
  EXPECT_TRUE(LoadMasterKeyFile(link));
}

TEST_F(MasterKeyFileTest, GroupOrWorldAccessIsRefused) {
  const std::string content = "fyren-master-key-v1\n" + std::string(kValidHex) + "\n";
  for (const mode_t mode : {0644, 0640, 0604, 0620, 0602, 0660, 0666, 0610}) {
    const fs::path path = Write("k" + std::to_string(mode), content, mode);
    ExpectRefused(LoadMasterKeyFile(path), "group or others");
  }
  EXPECT_TRUE(LoadMasterKeyFile(Write("ok", content, 0400)));
}

TEST_F(MasterKeyFileTest, MissingFileIsRefused) {
  ExpectRefused(LoadMasterKeyFile(dir_ / "absent.key"), "does not exist");
}

TEST_F(MasterKeyFileTest, DirectoryIsRefused) {
  const fs::path sub = dir_ / "sub";
  fs::create_directory(sub);
  ::chmod(sub.c_str(), 0700);
  ExpectRefused(LoadMasterKeyFile(sub), "not a regular file");
}

TEST_F(MasterKeyFileTest, MalformedContentIsRefused) {
  const std::string hex(kValidHex);
  struct Case {
    std::string name;
    std::string content;
    std::string problem;
  };
  const Case cases[] = {
      {"empty", "", "does not start with"},
      {"no_header", hex + "\n", "does not start with"},
      {"wrong_header", "fyren-master-key-v2\n" + hex + "\n", "does not start with"},
      {"short", "fyren-master-key-v1\n" + hex.substr(2) + "\n", "64 lower-case hex"},
      {"upper", "fyren-master-key-v1\n" + std::string(64, 'A') + "\n", "64 lower-case hex"},
      {"not_hex", "fyren-master-key-v1\n" + std::string(64, 'g') + "\n", "64 lower-case hex"},
      {"trailing", "fyren-master-key-v1\n" + hex + "\n\n", "64 lower-case hex"},
      {"two_keys", "fyren-master-key-v1\n" + hex + "\n" + hex + "\n", "64 lower-case hex"},
      {"crlf", "fyren-master-key-v1\r\n" + hex + "\r\n", "line endings"},
      {"header_only", "fyren-master-key-v1\n", "64 lower-case hex"},
      {"huge", std::string(4096, 'a'), "too large"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectRefused(LoadMasterKeyFile(Write(c.name, c.content)), c.problem);
  }
}

TEST(MasterKeyTest, FromBytesChecksTheSize) {
  EXPECT_FALSE(MasterKey::FromBytes(SecretBytes::Random(31)));
  EXPECT_TRUE(MasterKey::FromBytes(SecretBytes::Random(32)));
}

TEST(MasterKeyTest, DifferentKeysHaveDifferentFingerprints) {
  const MasterKey a = MasterKey::Generate();
  const MasterKey b = MasterKey::Generate();
  EXPECT_NE(a.fingerprint(), b.fingerprint());
  EXPECT_NE(a.id(), b.id());
}

}  // namespace
}  // namespace fyren::trust::crypto
