#pragma once

#include <string>
#include <vector>

#include "app/config.h"

namespace fyren::app {

// `fyren user ...`: account administration by the server's operator (acts as a local operator,
// audited as such). Each returns the process exit code like the other commands (commands.h).

struct UserAddOptions {
  std::string username;
  std::string name;  // display name
  std::string unit;  // organisation code, e.g. "CEN-SAM"
  std::vector<std::string> roles;
  // Empty: a random initial password is generated and printed once. The user sets up TOTP at
  // the first sign-in.
  std::string password;
};

int RunUserAdd(const Config& config, const UserAddOptions& options);
int RunUserList(const Config& config);
int RunUserDeactivate(const Config& config, const std::string& username);
int RunUserEndSessions(const Config& config, const std::string& username);
int RunUserUnlock(const Config& config, const std::string& username);

}  // namespace fyren::app
