#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
namespace fyren::render {

// The user-interface texts of one locale, read from a TOML file under web/i18n/ that a translator
// can edit. Sections flatten into dotted keys: `[nav] start = "Start"` is "nav.start", which a
// template reads as {{t.nav.start}}. Immutable after Parse, so safe to share between threads.
class Catalog {
 public:
  // Fails with kInvalidInput naming the file (and key) on a TOML syntax error or a value that
  // is not a string.
  [[nodiscard]] static base::Result<Catalog> Parse(std::string_view locale, std::string_view file,
                                                   std::string_view toml_text);

  // `own` with every key it lacks taken from `fallback`: a language that translates only part of
  // the interface (the public pages) shows English, not key names, for the rest.
  [[nodiscard]] static Catalog WithFallback(Catalog own, const Catalog& fallback);

  Catalog(Catalog&& other) noexcept;
  Catalog& operator=(Catalog&& other) noexcept;
  ~Catalog();

  [[nodiscard]] const std::string& locale() const { return locale_; }
  // The text for `key`; a missing key returns the key itself, so a gap is visible, not blank.
  [[nodiscard]] std::string_view Get(std::string_view key) const;
  [[nodiscard]] bool Contains(std::string_view key) const;
  // The text for `key`, or `fallback` when the catalog has none (a code from stored data that
  // has no text, say: shown as it is rather than as a key).
  [[nodiscard]] std::string_view GetOr(std::string_view key, std::string_view fallback) const;
  // All keys, sorted.
  [[nodiscard]] std::vector<std::string> Keys() const;
  // The text for `key`, or null when the catalog has none.
  [[nodiscard]] const std::string* Find(std::string_view key) const;

 private:
  struct Entries;
  Catalog(std::string locale, std::unique_ptr<Entries> entries);
  std::string locale_;
  std::unique_ptr<Entries> entries_;
};

}  // namespace fyren::render
