#pragma once

#include <string_view>

#include "trust/crypto/encrypted_column.h"

namespace fyren::referral {

// Table and column names the KeyRing binds ciphertexts to (AssociatedData{tenant, table, column,
// row id}).
inline constexpr std::string_view kReferralsTable = "referrals";
inline constexpr std::string_view kPersonSummaryColumn = "person_summary";
inline constexpr std::string_view kMessageColumn = "message";
inline constexpr std::string_view kDeclineReasonColumn = "decline_reason";
inline constexpr std::string_view kConsultationsTable = "consultations";
inline constexpr std::string_view kQuestionColumn = "question";
inline constexpr std::string_view kAnswerColumn = "answer";

// Every sealed column of referrals and consultations, for `fyren keys rotate-data`.
inline constexpr trust::crypto::EncryptedColumn kReferralEncryptedColumns[] = {
    {"referrals", "person_summary", "referral_id"},
    {"referrals", "message", "referral_id"},
    {"referrals", "decline_reason", "referral_id"},
    {"consultations", "question", "consultation_id"},
    {"consultations", "answer", "consultation_id"},
};

}  // namespace fyren::referral
