#include "model/core/paged_array.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace provsim {
namespace {

using Small = PagedArray<std::uint32_t, 4>;  // pages of 16, so tests cross many

TEST(PagedArray, GrowsAcrossPagesKeepingValuesAndFillingNewOnes) {
  Small a;
  EXPECT_TRUE(a.empty());
  a.grow_to(5, 7);
  for (std::size_t i = 0; i < 5; ++i) a[i] = static_cast<std::uint32_t>(i);
  a.grow_to(40, 99);
  ASSERT_EQ(a.size(), 40u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(a[i], i);
  for (std::size_t i = 5; i < 40; ++i) EXPECT_EQ(a[i], 99u) << i;
  a.grow_to(10);  // never shrinks
  EXPECT_EQ(a.size(), 40u);
  EXPECT_EQ(a[39], 99u);
}

TEST(PagedArray, ReferencesStayValidAsItGrows) {
  // A std::vector would move its elements here; a caller holding a record
  // across a call that adds subscribers must not see it move.
  Small a;
  a.grow_to(1);
  std::uint32_t& first = a[0];
  first = 5;
  a.grow_to(1000);
  EXPECT_EQ(&first, &a[0]);
  EXPECT_EQ(a[0], 5u);
}

TEST(PagedArray, MemoryIsTheDataRoundedUpToAPage) {
  PagedArray<std::uint64_t, 10> a;  // 1,024 per page
  a.grow_to(1025);
  EXPECT_EQ(a.bytes(), 2 * (1024 * sizeof(std::uint64_t) + sizeof(std::unique_ptr<std::uint64_t[]>)));
}

TEST(PagedArray, ForEachVisitsEveryElementInIndexOrder) {
  PagedArray<std::string, 2> a;
  a.grow_to(9, "x");
  for (std::size_t i = 0; i < 9; ++i) a[i] = std::to_string(i);
  std::vector<std::string> seen;
  a.for_each([&](const std::string& s) { seen.push_back(s); });
  EXPECT_EQ(seen, (std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8"}));
}

}  // namespace
}  // namespace provsim
