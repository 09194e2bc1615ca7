#include "app/config.h"

#include <toml++/toml.h>
#include <unistd.h>

#include <charconv>
#include <limits>
#include <sstream>
#include <variant>

#include "storage/database.h"

extern char** environ;  // NOLINT: POSIX global, read once at start

namespace fyren::app {
namespace {

struct IntRange {
  std::int64_t min;
  std::int64_t max;
};

// One row per key: the single description that file parsing, environment variables, flags and
// `config check` all use, so they cannot drift apart.
struct KeySpec {
  std::string_view section;
  std::string_view key;
  std::variant<std::string Config::*, std::int64_t Config::*, bool Config::*> member;
  IntRange range{0, 0};
  bool secret = false;
};

constexpr std::int64_t kMaxInt = std::numeric_limits<std::int32_t>::max();

const std::vector<KeySpec>& Specs() {
  static const std::vector<KeySpec> specs = {
      {"server", "address", &Config::server_address},
      {"server", "port", &Config::server_port, {0, 65535}},
      {"server", "threads", &Config::server_threads, {0, 256}},
      {"server", "blocking_threads", &Config::server_blocking_threads, {1, 1024}},
      {"server", "max_connections", &Config::server_max_connections, {1, 1'000'000}},
      {"server", "max_body_bytes", &Config::server_max_body_bytes, {1024, 64 * 1024 * 1024}},
      {"server", "request_timeout_ms", &Config::server_request_timeout_ms, {50, 600'000}},
      {"server", "idle_timeout_ms", &Config::server_idle_timeout_ms, {50, 3'600'000}},
      {"server", "drain_timeout_ms", &Config::server_drain_timeout_ms, {0, 60'000}},
      {"server", "behind_tls", &Config::server_behind_tls},
      {"database", "url", &Config::database_url, {}, true},
      {"database", "pool_size", &Config::database_pool_size, {1, 1024}},
      {"database", "busy_timeout_ms", &Config::database_busy_timeout_ms, {0, kMaxInt}},
      {"database", "sqlite_cache_mib", &Config::database_sqlite_cache_mib, {1, 4096}},
      {"keys", "master_key_file", &Config::keys_master_key_file},
      {"tenant", "slug", &Config::tenant_slug},
      {"log", "level", &Config::log_level},
      {"demo", "enabled", &Config::demo_enabled},
      {"audit", "syslog_mirror", &Config::audit_syslog_mirror},
      {"audit", "bulk_records", &Config::audit_bulk_records, {1, 100'000}},
      {"audit", "bulk_minutes", &Config::audit_bulk_minutes, {1, 24 * 60}},
      {"instruments", "dir", &Config::instruments_dir},
      {"tasks", "interval_seconds", &Config::tasks_interval_seconds, {0, 7 * 24 * 3600}},
  };
  return specs;
}

const KeySpec* FindSpec(std::string_view section, std::string_view key) {
  for (const KeySpec& spec : Specs()) {
    if (spec.section == section && spec.key == key) return &spec;
  }
  return nullptr;
}

std::string Where(std::string_view origin, std::string_view section, std::string_view key) {
  return std::string(origin) + ": " + std::string(section) + "." + std::string(key);
}

base::Status CheckRange(const KeySpec& spec, std::int64_t value, std::string_view origin) {
  if (value < spec.range.min || value > spec.range.max) {
    return base::Fail(base::ErrorCode::kInvalidInput, Where(origin, spec.section, spec.key) +
                                                          " must be between " +
                                                          std::to_string(spec.range.min) + " and " +
                                                          std::to_string(spec.range.max));
  }
  return base::Ok();
}

base::Status SetFromText(Config& config, const KeySpec& spec, std::string_view text,
                         std::string_view origin) {
  const std::string where = Where(origin, spec.section, spec.key);
  if (auto* s = std::get_if<std::string Config::*>(&spec.member)) {
    config.*(*s) = std::string(text);
    return base::Ok();
  }
  if (auto* i = std::get_if<std::int64_t Config::*>(&spec.member)) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
      return base::Fail(base::ErrorCode::kInvalidInput, where + " must be an integer");
    }
    if (auto ok = CheckRange(spec, value, origin); !ok) return ok;
    config.*(*i) = value;
    return base::Ok();
  }
  auto* b = std::get_if<bool Config::*>(&spec.member);
  if (text == "true" || text == "1") {
    config.*(*b) = true;
  } else if (text == "false" || text == "0") {
    config.*(*b) = false;
  } else {
    return base::Fail(base::ErrorCode::kInvalidInput, where + " must be true or false");
  }
  return base::Ok();
}

base::Status SetFromToml(Config& config, const KeySpec& spec, const toml::node& node,
                         std::string_view origin) {
  const std::string where = Where(origin, spec.section, spec.key);
  if (auto* s = std::get_if<std::string Config::*>(&spec.member)) {
    const auto value = node.value<std::string>();
    if (!node.is_string() || !value) {
      return base::Fail(base::ErrorCode::kInvalidInput, where + " must be a string");
    }
    config.*(*s) = *value;
    return base::Ok();
  }
  if (auto* i = std::get_if<std::int64_t Config::*>(&spec.member)) {
    if (!node.is_integer()) {
      return base::Fail(base::ErrorCode::kInvalidInput, where + " must be an integer");
    }
    const std::int64_t value = *node.value<std::int64_t>();
    if (auto ok = CheckRange(spec, value, origin); !ok) return ok;
    config.*(*i) = value;
    return base::Ok();
  }
  if (!node.is_boolean()) {
    return base::Fail(base::ErrorCode::kInvalidInput, where + " must be true or false");
  }
  config.*(std::get<bool Config::*>(spec.member)) = *node.value<bool>();
  return base::Ok();
}

std::string LineOf(const toml::node& node, std::string_view path) {
  return std::string(path) + ":" + std::to_string(node.source().begin.line);
}

base::Status ApplyFile(Config& config, std::string_view path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream message;
    message << path << ":" << e.source().begin.line << ": " << e.description();
    return base::Fail(base::ErrorCode::kInvalidInput, message.str());
  }
  for (const auto& [section_key, section_node] : root) {
    const std::string section(section_key.str());
    const auto* table = section_node.as_table();
    if (table == nullptr) {
      return base::Fail(base::ErrorCode::kInvalidInput,
                        LineOf(section_node, path) + ": '" + section +
                            "' must be a [section]; unknown top-level key");
    }
    for (const auto& [key_key, node] : *table) {
      const std::string key(key_key.str());
      const KeySpec* spec = FindSpec(section, key);
      if (spec == nullptr) {
        return base::Fail(base::ErrorCode::kInvalidInput,
                          LineOf(node, path) + ": unknown key " + section + "." + key);
      }
      if (auto ok = SetFromToml(config, *spec, node, LineOf(node, path)); !ok) return ok;
    }
  }
  return base::Ok();
}

std::string EnvName(const KeySpec& spec) {
  std::string name = "FYREN_";
  for (const char c : spec.section) name.push_back(static_cast<char>(std::toupper(c)));
  name.push_back('_');
  for (const char c : spec.key) name.push_back(static_cast<char>(std::toupper(c)));
  return name;
}

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace

base::Result<Config> LoadConfig(std::string_view path,
                                const std::map<std::string, std::string>& env) {
  Config config;
  if (!path.empty()) {
    if (auto ok = ApplyFile(config, path); !ok) return std::unexpected(ok.error());
  }
  for (const KeySpec& spec : Specs()) {
    const std::string name = EnvName(spec);
    if (const auto found = env.find(name); found != env.end()) {
      if (auto ok = SetFromText(config, spec, found->second, "environment " + name); !ok) {
        return std::unexpected(ok.error());
      }
    }
  }
  // A misspelt key in a known section would otherwise be silently ignored.
  for (const auto& [name, value] : env) {
    bool in_known_section = false;
    bool known = false;
    for (const KeySpec& spec : Specs()) {
      const std::string full = EnvName(spec);
      known = known || full == name;
      const std::string prefix = full.substr(0, 6 + spec.section.size() + 1);
      in_known_section = in_known_section || name.starts_with(prefix);
    }
    if (in_known_section && !known) {
      return base::Fail(base::ErrorCode::kInvalidInput, "environment: unknown variable " + name);
    }
  }
  return config;
}

base::Status ApplyOverride(Config& config, std::string_view key, std::string_view value,
                           std::string_view origin) {
  const auto dot = key.find('.');
  const KeySpec* spec =
      dot == std::string_view::npos ? nullptr : FindSpec(key.substr(0, dot), key.substr(dot + 1));
  if (spec == nullptr) {
    return base::Fail(base::ErrorCode::kInvalidInput,
                      std::string(origin) + ": unknown key " + std::string(key));
  }
  return SetFromText(config, *spec, value, origin);
}

std::map<std::string, std::string> FyrenEnvironment() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view name = text.substr(0, eq);
    if (name.starts_with("FYREN_")) env.emplace(name, text.substr(eq + 1));
  }
  return env;
}

std::string DescribeConfig(const Config& config) {
  std::string out;
  std::string_view current_section;
  for (const KeySpec& spec : Specs()) {
    if (spec.section != current_section) {
      if (!out.empty()) out += "\n";
      out += "[" + std::string(spec.section) + "]\n";
      current_section = spec.section;
    }
    out += std::string(spec.key) + " = ";
    if (auto* s = std::get_if<std::string Config::*>(&spec.member)) {
      out += Quote(spec.secret ? storage::RedactUrl(config.*(*s)) : config.*(*s));
    } else if (auto* i = std::get_if<std::int64_t Config::*>(&spec.member)) {
      out += std::to_string(config.*(*i));
    } else {
      out += config.*(std::get<bool Config::*>(spec.member)) ? "true" : "false";
    }
    out += "\n";
  }
  return out;
}

std::vector<std::string> ConfigKeys() {
  std::vector<std::string> keys;
  for (const KeySpec& spec : Specs()) {
    keys.push_back(std::string(spec.section) + "." + std::string(spec.key));
  }
  return keys;
}

}  // namespace fyren::app
