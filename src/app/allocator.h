#pragma once

#include <string>

namespace fyren::app {

// The allocator the process runs on, for the start line and `fyren version`: "jemalloc 5.3.0-…"
// when the binary is linked with Debian's jemalloc (the default build, decision 0015), otherwise
// "glibc" (sanitizer builds, FYREN_JEMALLOC=OFF).
[[nodiscard]] std::string AllocatorInUse();

}  // namespace fyren::app
