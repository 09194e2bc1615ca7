#include "app/demo_users.h"

#include <toml++/toml.h>

#include <iostream>

#include "app/account_stack.h"
#include "base/embedded.h"
#include "trust/accounts/totp.h"

namespace fyren::app {

base::Result<int> LoadDemoUsers(storage::Database& db, const Config& config,
                                base::TenantId tenant) {
  const auto text = base::FindEmbedded(kDemoUsersFile);
  if (!text)
    return base::Fail(base::ErrorCode::kInternal, "the demo users are missing from this build");
  toml::table file;
  try {
    file = toml::parse(*text, kDemoUsersFile);
  } catch (const toml::parse_error& e) {
    return base::Fail(base::ErrorCode::kInvalidInput,
                      std::string(kDemoUsersFile) + ": " + std::string(e.description()));
  }
  // The demo always hashes at the demo cost, whatever mode this command runs in.
  Config demo = config;
  demo.demo_enabled = true;
  auto stack = BuildAccountStack(db, demo);
  if (!stack) return std::unexpected(stack.error());
  trust::Actor op = trust::Actor::Public(tenant, "demo-data");
  op.purpose = "demo data";
  op.local_operator = true;

  const std::string password = file["password"].value_or(std::string());
  const auto* users = file["user"].as_array();
  if (password.empty() || users == nullptr) {
    return base::Fail(base::ErrorCode::kInvalidInput,
                      std::string(kDemoUsersFile) + ": needs password and [[user]] entries");
  }
  int created = 0;
  std::cout << "\nDemo users (password for all: " << password << "):\n";
  for (const auto& node : *users) {
    const auto* user = node.as_table();
    if (user == nullptr) continue;
    const std::string username = (*user)["username"].value_or(std::string());
    const std::string role_name = (*user)["role"].value_or(std::string());
    const std::string secret_b32 = (*user)["totp_secret"].value_or(std::string());
    const auto role = trust::accounts::ParseRole(role_name);
    const auto secret = trust::accounts::DecodeBase32(secret_b32);
    if (!role || !secret || secret->size() != trust::accounts::kTotpSecretBytes) {
      return base::Fail(base::ErrorCode::kInvalidInput,
                        std::string(kDemoUsersFile) + ": bad role or totp_secret for " + username);
    }
    auto made = stack->get()->accounts->CreateUser(
        op, tenant,
        trust::accounts::NewUser{.username = username,
                                 .display_name = (*user)["name"].value_or(std::string()),
                                 .unit_code = (*user)["unit"].value_or(std::string()),
                                 .roles = {*role},
                                 .password = password,
                                 .is_demo = true,
                                 .totp_secret = *secret});
    if (made) {
      ++created;
    } else if (made.error().field != "username") {  // "taken": created by an earlier run
      return std::unexpected(made.error());
    }
    std::cout << "  " << username << "  (" << role_name << ")  TOTP secret " << secret_b32 << "\n";
  }
  std::cout << "Current code for a user: scripts/totp SECRET\n";
  return created;
}

}  // namespace fyren::app
