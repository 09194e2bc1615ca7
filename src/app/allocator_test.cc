#include "app/allocator.h"

#include <gtest/gtest.h>

namespace fyren::app {
namespace {

// The build links this test like the server (src/app/CMakeLists.txt), so the answer must match
// how it was configured.
TEST(AllocatorTest, NamesTheAllocatorTheBuildLinked) {
#ifdef FYREN_JEMALLOC_LINKED
  EXPECT_TRUE(AllocatorInUse().starts_with("jemalloc 5.")) << AllocatorInUse();
#else
  EXPECT_EQ(AllocatorInUse(), "glibc");
#endif
}

}  // namespace
}  // namespace fyren::app
