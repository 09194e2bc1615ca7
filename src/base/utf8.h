#pragma once

#include <cstddef>
#include <string_view>

namespace fyren::base {

// Length of the well-formed UTF-8 sequence that starts at text[i] (1 for ASCII), or 0 when the
// bytes there are not well-formed UTF-8 (overlong forms, surrogates and values past U+10FFFF
// count as malformed). Requires i < text.size().
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i);

// True when all of `text` is well-formed UTF-8. Every text that enters from outside (forms,
// JSON, query strings) is checked with this before it reaches a service.
bool IsValidUtf8(std::string_view text);

}  // namespace fyren::base
