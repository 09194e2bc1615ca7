// Fuzzes the text decoders every request passes through: PercentDecode, ParseUrlEncoded, the
// Cookie header and query lookups. Invariants: no crash, no sanitizer report, and whatever
// decodes successfully is well-formed UTF-8 and survives an encode/decode round trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/utf8.h"
#include "http/cookie.h"
#include "http/message.h"
#include "http/url_encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const bool plus_is_space : {false, true}) {
    if (const auto decoded = fyren::http::PercentDecode(text, plus_is_space)) {
      if (!fyren::base::IsValidUtf8(*decoded)) std::abort();
      if (fyren::http::PercentDecode(fyren::http::PercentEncode(*decoded), false) != *decoded) {
        std::abort();
      }
    }
  }
  if (const auto pairs = fyren::http::ParseUrlEncoded(text)) {
    for (const auto& [name, value] : *pairs) {
      if (!fyren::base::IsValidUtf8(name) || !fyren::base::IsValidUtf8(value)) std::abort();
    }
  }
  (void)fyren::http::FindCookie(text, "fyren_lang");
  (void)fyren::http::FormatSetCookie("fyren_lang", text, {});
  fyren::http::Request request;
  request.query = std::string(text);
  request.headers.emplace_back("cookie", std::string(text));
  (void)request.QueryParam("lang");
  (void)request.Cookie("a");
  return 0;
}
