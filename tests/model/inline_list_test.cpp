#include "model/core/inline_list.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "model/provisioning/provisioned_state.hpp"

namespace provsim {
namespace {

using List = InlineList<std::uint16_t, 4>;

std::vector<std::uint16_t> values(const List& l) { return {l.begin(), l.end()}; }

TEST(InlineList, KeepsTheOrderOfPushesAndOfWhatIsLeftAfterAnErase) {
  List l;
  EXPECT_TRUE(l.empty());
  for (const std::uint16_t v : std::vector<std::uint16_t>{5, 3, 9}) l.push_back(v);
  EXPECT_EQ(values(l), (std::vector<std::uint16_t>{5, 3, 9}));
  l.erase(l.begin());
  EXPECT_EQ(values(l), (std::vector<std::uint16_t>{3, 9}));
  l.push_back(1);
  l.erase(l.begin() + 1);
  EXPECT_EQ(values(l), (std::vector<std::uint16_t>{3, 1}));
  EXPECT_FALSE(l.on_heap());
}

TEST(InlineList, SpillsToTheHeapPastItsRoomAndKeepsEveryValue) {
  List l;
  std::vector<std::uint16_t> expected;
  for (std::uint16_t v = 0; v < 100; ++v) {
    l.push_back(static_cast<std::uint16_t>(v * 7));
    expected.push_back(static_cast<std::uint16_t>(v * 7));
    ASSERT_EQ(values(l), expected) << "after " << v + 1 << " pushes";
  }
  EXPECT_TRUE(l.on_heap());
  l.erase(l.begin() + 50);
  expected.erase(expected.begin() + 50);
  EXPECT_EQ(values(l), expected);
}

TEST(InlineList, CopiesAreIndependentAndMovesLeaveTheSourceEmpty) {
  // Inline and spilled lists both: a copy must not share the heap block
  // (under ASan a shared block is a double free at the end of the test).
  for (const std::uint16_t n : std::vector<std::uint16_t>{3, 12}) {
    List a;
    for (std::uint16_t v = 0; v < n; ++v) a.push_back(v);
    List b = a;
    b.push_back(99);
    EXPECT_EQ(a.size(), n);
    EXPECT_EQ(b.size(), n + 1u);
    List c = std::move(b);
    EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move): the contract says empty
    EXPECT_EQ(c.size(), n + 1u);
    c = a;
    EXPECT_EQ(c, a);
    List d{1, 2};
    d = std::move(c);
    EXPECT_EQ(d, a);
    b.push_back(4);  // a moved-from list is usable
    EXPECT_EQ(values(b), std::vector<std::uint16_t>{4});
  }
}

TEST(InlineList, EqualityComparesTheValuesInOrder) {
  EXPECT_EQ((List{1, 2}), (List{1, 2}));
  EXPECT_FALSE((List{1, 2}) == (List{2, 1}));
  EXPECT_FALSE((List{1, 2}) == (List{1, 2, 3}));
}

TEST(InlineList, ThePlatformStoresRecordStaysSmall) {
  // The platform store holds one record per subscriber, ten million at
  // national scale: 44 bytes with two inline lists, 88 with small_vector.
  EXPECT_LE(sizeof(SubscriberState), 44u);
}

}  // namespace
}  // namespace provsim
