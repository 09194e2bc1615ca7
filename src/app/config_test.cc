#include "app/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fyren::app {
namespace {

class ConfigFileTest : public ::testing::Test {
 protected:
  std::string Write(std::string_view text) {
    path_ = std::filesystem::temp_directory_path() /
            ("fyren-config-test-" + std::to_string(::getpid()) + ".toml");
    std::ofstream(path_) << text;
    return path_.string();
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::filesystem::path path_;
};

TEST_F(ConfigFileTest, DefaultsWithoutFileOrEnvironment) {
  auto config = LoadConfig("", {});
  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(config->server_port, 8080);
  EXPECT_EQ(config->database_url, "sqlite:var/fyren.db");
  EXPECT_FALSE(config->demo_enabled);
}

TEST_F(ConfigFileTest, FileThenEnvironmentThenOverride) {
  const std::string path = Write("[server]\nport = 9000\nthreads = 2\n[demo]\nenabled = true\n");
  auto config = LoadConfig(path, {{"FYREN_SERVER_PORT", "9100"}});
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->server_port, 9100);
  EXPECT_EQ(config->server_threads, 2);
  EXPECT_TRUE(config->demo_enabled);
  ASSERT_TRUE(ApplyOverride(*config, "server.port", "9200", "--set").has_value());
  EXPECT_EQ(config->server_port, 9200);
}

TEST_F(ConfigFileTest, UnknownKeyNamesKeyAndLine) {
  const std::string path = Write("[server]\nport = 9000\n\nprot = 1\n");
  auto config = LoadConfig(path, {});
  ASSERT_FALSE(config.has_value());
  EXPECT_NE(config.error().message.find("server.prot"), std::string::npos);
  EXPECT_NE(config.error().message.find(":4"), std::string::npos) << config.error().message;
}

TEST_F(ConfigFileTest, WrongTypeNamesKeyAndLine) {
  const std::string path = Write("[server]\nport = \"eighty\"\n");
  auto config = LoadConfig(path, {});
  ASSERT_FALSE(config.has_value());
  EXPECT_NE(config.error().message.find("server.port"), std::string::npos);
  EXPECT_NE(config.error().message.find(":2"), std::string::npos) << config.error().message;
  EXPECT_NE(config.error().message.find("integer"), std::string::npos);
}

TEST_F(ConfigFileTest, OutOfRangeAndSyntaxErrors) {
  EXPECT_FALSE(LoadConfig(Write("[server]\nport = 70000\n"), {}).has_value());
  auto broken = LoadConfig(Write("[server\nport = 1\n"), {});
  ASSERT_FALSE(broken.has_value());
  EXPECT_NE(broken.error().message.find(":1"), std::string::npos) << broken.error().message;
  EXPECT_FALSE(LoadConfig(Write("port = 1\n"), {}).has_value());
}

TEST(ConfigTest, EnvironmentErrors) {
  EXPECT_FALSE(LoadConfig("", {{"FYREN_SERVER_PORT", "abc"}}).has_value());
  EXPECT_FALSE(LoadConfig("", {{"FYREN_DEMO_ENABLED", "yes please"}}).has_value());
  auto typo = LoadConfig("", {{"FYREN_DATABASE_ULR", "sqlite:x"}});
  ASSERT_FALSE(typo.has_value());
  EXPECT_NE(typo.error().message.find("FYREN_DATABASE_ULR"), std::string::npos);
  // Variables of other tools that share the prefix are left alone.
  EXPECT_TRUE(LoadConfig("", {{"FYREN_TEST_POSTGRES_URL", "x"}}).has_value());
}

TEST(ConfigTest, OverrideErrors) {
  Config config;
  EXPECT_FALSE(ApplyOverride(config, "server.nope", "1", "--set").has_value());
  EXPECT_FALSE(ApplyOverride(config, "noseparator", "1", "--set").has_value());
  EXPECT_FALSE(ApplyOverride(config, "server.port", "", "--set").has_value());
}

TEST(ConfigTest, DescribeRedactsTheDatabasePassword) {
  Config config;
  config.database_url = "postgresql://fyren:s3cret@db.example:5432/fyren";
  const std::string text = DescribeConfig(config);
  EXPECT_EQ(text.find("s3cret"), std::string::npos);
  EXPECT_NE(text.find("[database]"), std::string::npos);
  EXPECT_NE(text.find("port = 8080"), std::string::npos);
}

}  // namespace
}  // namespace fyren::app
