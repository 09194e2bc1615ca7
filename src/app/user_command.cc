// `fyren user add|list|deactivate|end-sessions|unlock`.
#include "app/user_command.h"

#include <iostream>
#include <memory>

#include "app/account_stack.h"
#include "app/commands.h"
#include "app/database_url.h"
#include "base/random.h"
#include "domain/organisation/organisation_service.h"
#include "storage/migrator.h"
#include "trust/accounts/role.h"
#include "trust/accounts/totp.h"

namespace fyren::app {
namespace {

// What every user subcommand needs: the database (schema current), the tenant and the
// account services.
struct UserContext {
  std::unique_ptr<storage::Database> db;
  base::TenantId tenant;
  std::unique_ptr<AccountStack> stack;
  trust::Actor op;
};

std::unique_ptr<UserContext> Open(const Config& config) {
  auto ctx = std::make_unique<UserContext>();
  auto db = storage::OpenDatabase(config.database_url, DatabaseOptionsFrom(config));
  if (!db) {
    std::cerr << "fyren: cannot open the database " << storage::RedactUrl(config.database_url)
              << ": " << db.error().message << "\n";
    return nullptr;
  }
  ctx->db = std::move(*db);
  auto migrations = storage::LoadMigrations(ctx->db->backend());
  if (!migrations) return nullptr;
  if (auto ok = storage::CheckSchema(*ctx->db, static_cast<int>(migrations->size())); !ok) {
    std::cerr << "fyren: " << ok.error().message << "\n";
    return nullptr;
  }
  organisation::OrganisationService organisations(*ctx->db);
  auto tenant = organisations.FindTenant(config.tenant_slug);
  if (!tenant) {
    std::cerr << "fyren: tenant '" << config.tenant_slug << "' is not in the database\n";
    return nullptr;
  }
  ctx->tenant = tenant->id;
  auto stack = BuildAccountStack(*ctx->db, config);
  if (!stack) {
    std::cerr << "fyren: " << stack.error().message << "\n";
    return nullptr;
  }
  ctx->stack = std::move(*stack);
  ctx->op = trust::Actor::Public(ctx->tenant, "cli-" + base::NewPublicId());
  ctx->op.purpose = "account administration";
  ctx->op.local_operator = true;
  return ctx;
}

int Report(const base::Error& error) {
  std::cerr << "fyren: " << error.message;
  if (!error.field.empty()) std::cerr << " (" << error.field << ")";
  std::cerr << "\n";
  return error.code == base::ErrorCode::kInvalidInput || error.code == base::ErrorCode::kNotFound
             ? kExitUsage
             : kExitFailure;
}

// 20 random base32 characters (100 bits): strong, and easy to read out or type once.
std::string InitialPassword() {
  std::string password = trust::accounts::EncodeBase32(base::RandomBytes(13)).substr(0, 20);
  for (char& c : password) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return password.substr(0, 5) + "-" + password.substr(5, 5) + "-" + password.substr(10, 5) + "-" +
         password.substr(15, 5);
}

}  // namespace

int RunUserAdd(const Config& config, const UserAddOptions& options) {
  std::vector<trust::accounts::Role> roles;
  for (const std::string& name : options.roles) {
    const auto role = trust::accounts::ParseRole(name);
    if (!role) {
      std::cerr << "fyren: unknown role '" << name << "'; roles are:";
      for (const auto r : trust::accounts::AllRoles()) std::cerr << " " << ToString(r);
      std::cerr << "\n";
      return kExitUsage;
    }
    roles.push_back(*role);
  }
  auto ctx = Open(config);
  if (!ctx) return kExitFailure;
  const bool generated = options.password.empty();
  const std::string password = generated ? InitialPassword() : options.password;
  auto user =
      ctx->stack->accounts->CreateUser(ctx->op, ctx->tenant,
                                       trust::accounts::NewUser{.username = options.username,
                                                                .display_name = options.name,
                                                                .unit_code = options.unit,
                                                                .roles = roles,
                                                                .password = password,
                                                                .is_demo = false,
                                                                .totp_secret = std::nullopt});
  if (!user) return Report(user.error());
  std::cout << "User created (id " << user->user_id << ").\n";
  if (generated) {
    std::cout << "Initial password (shown once; give it to the user in person): " << password
              << "\n";
  }
  std::cout << "At the first sign-in the user sets up two-factor sign-in (TOTP).\n";
  return 0;
}

int RunUserList(const Config& config) {
  auto ctx = Open(config);
  if (!ctx) return kExitFailure;
  auto users = ctx->stack->accounts->ListUsers(ctx->op, ctx->tenant);
  if (!users) return Report(users.error());
  for (const auto& u : *users) {
    std::cout << u.username << "\t" << u.unit_code << "\t";
    for (std::size_t i = 0; i < u.roles.size(); ++i) {
      std::cout << (i ? "," : "") << ToString(u.roles[i]);
    }
    std::cout << "\t" << (u.active ? "active" : "deactivated") << (u.locked ? ",locked" : "")
              << (u.totp_enrolled ? ",totp" : ",no-totp") << (u.is_demo ? ",demo" : "") << "\n";
  }
  return 0;
}

int RunUserDeactivate(const Config& config, const std::string& username) {
  auto ctx = Open(config);
  if (!ctx) return kExitFailure;
  if (auto ok = ctx->stack->accounts->Deactivate(ctx->op, ctx->tenant, username); !ok) {
    return Report(ok.error());
  }
  std::cout << "User deactivated; their sessions have ended.\n";
  return 0;
}

int RunUserEndSessions(const Config& config, const std::string& username) {
  auto ctx = Open(config);
  if (!ctx) return kExitFailure;
  auto ended = ctx->stack->accounts->EndSessionsOf(ctx->op, ctx->tenant, username);
  if (!ended) return Report(ended.error());
  std::cout << "Ended " << *ended << " session(s).\n";
  return 0;
}

int RunUserUnlock(const Config& config, const std::string& username) {
  auto ctx = Open(config);
  if (!ctx) return kExitFailure;
  if (auto ok = ctx->stack->accounts->Unlock(ctx->op, ctx->tenant, username); !ok) {
    return Report(ok.error());
  }
  std::cout << "User unlocked.\n";
  return 0;
}

}  // namespace fyren::app
