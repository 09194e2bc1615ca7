// Fuzzes request parsing (RequestReader over Beast's parser) on arbitrary bytes, fed whole and
// then split at a point chosen by the first input byte, as the network would deliver them.
// Invariants: no crash or sanitizer report, consumed never exceeds the input, errors carry a
// status the server can answer, and a decoded path is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "http/request_reader.h"

namespace {

void Check(const fyren::http::RequestReader::Progress& progress, std::size_t offered,
           const fyren::http::Request& request) {
  using State = fyren::http::RequestReader::State;
  if (progress.consumed > offered) std::abort();
  if (progress.state == State::kError && progress.error_status != 400 &&
      progress.error_status != 413 && progress.error_status != 431) {
    std::abort();
  }
  if (progress.state == State::kComplete && !fyren::base::IsValidUtf8(request.path)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t split = data[0] % size;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  fyren::http::Request request;
  fyren::http::RequestReader reader(1024, 4096);

  // Whole input, then every pipelined request after it.
  std::string_view rest = input;
  for (int i = 0; i < 16; ++i) {
    reader.Start(request);
    const auto progress = reader.Feed(rest);
    Check(progress, rest.size(), request);
    if (progress.state != fyren::http::RequestReader::State::kComplete) break;
    rest.remove_prefix(progress.consumed);
  }

  // The same bytes in two pieces.
  reader.Start(request);
  std::string buffer(input.substr(0, std::min(split, input.size())));
  auto progress = reader.Feed(buffer);
  Check(progress, buffer.size(), request);
  if (progress.state == fyren::http::RequestReader::State::kNeedMore) {
    buffer.erase(0, progress.consumed);
    buffer.append(input.substr(std::min(split, input.size())));
    Check(reader.Feed(buffer), buffer.size(), request);
  }
  return 0;
}
