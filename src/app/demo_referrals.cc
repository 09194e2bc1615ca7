#include "app/demo_referrals.h"

#include <toml++/toml.h>

#include <iostream>

#include "app/account_stack.h"
#include "app/demo_actor.h"
#include "base/embedded.h"
#include "domain/referral/consultation_service.h"
#include "domain/referral/recipients.h"
#include "domain/referral/referral_service.h"
#include "domain/referral/referral_store.h"

namespace fyren::app {
namespace {

constexpr std::string_view kRequestId = "demo-data-referrals";

base::Error Bad(std::string what) {
  return base::Error{.code = base::ErrorCode::kInvalidInput,
                     .message = std::string(kDemoReferralsFile) + ": " + std::move(what),
                     .detail = {},
                     .field = {}};
}

// The demo referrals name no source: nothing to read.
class NoSources final : public referral::SourceReader {
 public:
  base::Status CheckReadable(const trust::Actor&, referral::SourceKind kind,
                             std::string_view) const override {
    if (kind == referral::SourceKind::kNone) return base::Ok();
    return base::Fail(base::ErrorCode::kNotFound, "No such record.");
  }
};

std::string Text(const toml::table& t, std::string_view key) {
  return t[key].value_or(std::string());
}

}  // namespace

base::Result<int> LoadDemoReferrals(storage::Database& db, const Config& config,
                                    base::TenantId tenant) {
  const auto text = base::FindEmbedded(kDemoReferralsFile);
  if (!text) {
    return base::Fail(base::ErrorCode::kInternal, "the demo referrals are missing from this build");
  }
  toml::table file;
  try {
    file = toml::parse(*text, kDemoReferralsFile);
  } catch (const toml::parse_error& e) {
    return std::unexpected(Bad(std::string(e.description())));
  }
  auto existing =
      db.Read([&](storage::Transaction& tx) { return referral::ReferralStore::Count(tx, tenant); });
  if (!existing) return std::unexpected(existing.error());
  if (*existing > 0) return 0;
  auto rules = referral::LoadRecipients();
  if (!rules) return std::unexpected(rules.error());
  Config demo = config;
  demo.demo_enabled = true;
  auto stack = BuildAccountStack(db, demo);
  if (!stack) return std::unexpected(stack.error());
  base::FakeClock clock(std::chrono::system_clock::now());
  const NoSources sources;
  const referral::ReferralService referrals(db, *(*stack)->ring, *(*stack)->audit, clock, *rules,
                                            sources);
  const referral::ConsultationService consultations(db, *(*stack)->ring, *(*stack)->audit, clock,
                                                    *rules);
  const auto actor = [&](const std::string& username) {
    return DemoActor(db, tenant, kDemoReferralsFile, std::string(kRequestId), username);
  };
  int sent = 0;
  if (const auto* entries = file["referral"].as_array()) {
    for (const auto& node : *entries) {
      const auto* entry = node.as_table();
      if (entry == nullptr) continue;
      const toml::table& r = *entry;
      const auto at =
          std::chrono::system_clock::now() - std::chrono::hours(r["hours_ago"].value_or(0));
      clock.Set(at);
      auto sender = actor(Text(r, "sent_by"));
      if (!sender) return std::unexpected(sender.error());
      auto outcome = referrals.Send(*sender, {.kind = Text(r, "kind"),
                                              .recipient = Text(r, "recipient"),
                                              .source_kind = {},
                                              .source_id = {},
                                              .message = Text(r, "message"),
                                              .person_summary = Text(r, "person_summary")});
      if (!outcome) return std::unexpected(outcome.error());
      if (!outcome->ok()) {
        return std::unexpected(
            Bad("referral " + std::to_string(sent + 1) + ": " + outcome->problems.front().code));
      }
      ++sent;
      const std::string step = r["step"].value_or(std::string("sent"));
      if (step == "sent") continue;
      auto recipient = actor(Text(r, "handled_by"));
      if (!recipient) return std::unexpected(recipient.error());
      // The recipient opens it within the hour (received), then answers.
      clock.Set(at + std::chrono::minutes(30));
      auto opened = referrals.Open(*recipient, outcome->public_id);
      if (!opened) return std::unexpected(opened.error());
      if (step == "received") continue;
      std::int64_t version = opened->version;
      for (const std::string_view move : {std::string_view("accepted"), std::string_view("done")}) {
        const std::string status = step == "declined" ? "declined" : std::string(move);
        clock.Set(clock.Now() + std::chrono::minutes(45));
        auto changed = referrals.ChangeStatus(
            *recipient, outcome->public_id,
            {.status = status, .reason = Text(r, "reason"), .expected_version = version});
        if (!changed) return std::unexpected(changed.error());
        if (!changed->ok()) {
          return std::unexpected(
              Bad("referral " + std::to_string(sent) + ": " + changed->problems.front().code));
        }
        ++version;
        if (step != "done") break;
      }
    }
  }
  int asked = 0;
  if (const auto* entries = file["consultation"].as_array()) {
    for (const auto& node : *entries) {
      const auto* entry = node.as_table();
      if (entry == nullptr) continue;
      const toml::table& c = *entry;
      const auto at =
          std::chrono::system_clock::now() - std::chrono::hours(c["hours_ago"].value_or(0));
      clock.Set(at);
      auto asker = actor(Text(c, "asked_by"));
      if (!asker) return std::unexpected(asker.error());
      auto outcome = consultations.Ask(*asker, Text(c, "question"));
      if (!outcome) return std::unexpected(outcome.error());
      if (!outcome->ok()) {
        return std::unexpected(Bad("consultation " + std::to_string(asked + 1) + ": " +
                                   outcome->problems.front().code));
      }
      ++asked;
      if (Text(c, "answered_by").empty()) continue;
      auto centre = actor(Text(c, "answered_by"));
      if (!centre) return std::unexpected(centre.error());
      clock.Set(at + std::chrono::hours(3));
      auto answered = consultations.Answer(*centre, outcome->public_id, Text(c, "answer"));
      if (!answered) return std::unexpected(answered.error());
      if (!answered->empty()) {
        return std::unexpected(
            Bad("consultation " + std::to_string(asked) + ": " + answered->front().code));
      }
    }
  }
  std::cout << "Demo referrals sent: " << sent << ", consultations asked: " << asked
            << " (synthetic).\n";
  return sent;
}

}  // namespace fyren::app
