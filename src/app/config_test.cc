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

TEST_F(ConfigFileTest, AuditSectionSyslogMirrorAndBulkRule) {
  auto defaults = LoadConfig("", {});
  ASSERT_TRUE(defaults.has_value());
  EXPECT_FALSE(defaults->audit_syslog_mirror);
  EXPECT_EQ(defaults->audit_bulk_records, 20);
  EXPECT_EQ(defaults->audit_bulk_minutes, 10);

  auto on = LoadConfig(Write("[audit]\nsyslog_mirror = true\nbulk_records = 5\n"), {});
  ASSERT_TRUE(on.has_value()) << on.error().message;
  EXPECT_TRUE(on->audit_syslog_mirror);
  EXPECT_EQ(on->audit_bulk_records, 5);
  auto env = LoadConfig("", {{"FYREN_AUDIT_SYSLOG_MIRROR", "true"}});
  ASSERT_TRUE(env.has_value()) << env.error().message;
  EXPECT_TRUE(env->audit_syslog_mirror);

  auto not_bool = LoadConfig(Write("[audit]\nsyslog_mirror = \"yes\"\n"), {});
  ASSERT_FALSE(not_bool.has_value());
  EXPECT_NE(not_bool.error().message.find("audit.syslog_mirror"), std::string::npos);
  EXPECT_FALSE(LoadConfig("", {{"FYREN_AUDIT_SYSLOG_MIRROR", "sometimes"}}).has_value());
  EXPECT_FALSE(LoadConfig(Write("[audit]\nbulk_minutes = 0\n"), {}).has_value());
  EXPECT_FALSE(LoadConfig(Write("[audit]\nsyslog_mirorr = true\n"), {}).has_value());
  Config config;
  EXPECT_TRUE(ApplyOverride(config, "audit.syslog_mirror", "true", "--set").has_value());
  EXPECT_TRUE(config.audit_syslog_mirror);
  EXPECT_NE(DescribeConfig(config).find("[audit]"), std::string::npos);
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
