#include "app/allocator.h"

#include <cstddef>

// jemalloc's control interface. Weak, so that it is null unless jemalloc is linked in; asking
// for it needs nothing from jemalloc at build time.
extern "C" int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp,
                       std::size_t newlen) __attribute__((weak));

namespace fyren::app {

std::string AllocatorInUse() {
  if (mallctl == nullptr) return "glibc";
  const char* version = nullptr;
  std::size_t size = sizeof(version);
  if (mallctl("version", static_cast<void*>(&version), &size, nullptr, 0) != 0 ||
      version == nullptr) {
    return "jemalloc";
  }
  return std::string("jemalloc ") + version;
}

}  // namespace fyren::app
