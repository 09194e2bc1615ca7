#pragma once

#include "base/ids.h"
#include "domain/support_directory/support_directory_service.h"
#include "http/message.h"

namespace fyren::api {

// GET /api/v1/directory: the public "where to turn" directory for integrations (a partner's
// web site, an app). No sign-in; organisation information only. Thread-safe; holds references
// that must outlive it.
class DirectoryApi {
 public:
  DirectoryApi(const support_directory::SupportDirectoryService& service, base::TenantId tenant)
      : service_(service), tenant_(tenant) {}

  // ?lang= text language (a directory language code, default sv; missing texts fall back to
  // English and say so in text_lang), ?q= free text (every word must occur in the name or
  // description, or be a target-group code), ?target= target-group code, ?language= spoken
  // language code. An unknown lang, target or language is a 400 problem naming the parameter.
  [[nodiscard]] http::Response List(http::Request& request) const;

 private:
  const support_directory::SupportDirectoryService& service_;
  base::TenantId tenant_;
};

}  // namespace fyren::api
