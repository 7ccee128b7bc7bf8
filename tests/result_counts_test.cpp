// The shared cache of result counts: hits within a revision, forgets on a newer one, bounded.
#include "tracuu/result_counts.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace tracuu {
namespace {

TEST(ResultCountsTest, RemembersWithinARevisionOnly) {
  ResultCountsCache cache;
  ResultCounts c;
  c.total = 7;
  c.facets["year"] = {{"2022", 7}};
  cache.remember(3, "q", c);
  ASSERT_TRUE(cache.find(3, "q").has_value());
  EXPECT_EQ(cache.find(3, "q")->total, 7u);
  EXPECT_FALSE(cache.find(3, "other").has_value());
  EXPECT_FALSE(cache.find(4, "q").has_value()) << "a newer revision forgets";
  EXPECT_FALSE(cache.find(3, "q").has_value()) << "and stays forgotten";
  cache.remember(3, "q", c);  // a late writer on an old revision is ignored
  EXPECT_FALSE(cache.find(4, "q").has_value());
}

TEST(ResultCountsTest, BoundedAndSafeAcrossThreads) {
  ResultCountsCache cache(16);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        std::string key = std::to_string(t) + ":" + std::to_string(i % 40);
        cache.remember(1, key, ResultCounts{static_cast<size_t>(i), {}});
        cache.find(1, key);
      }
    });
  }
  for (auto& t : threads) t.join();
  size_t found = 0;
  for (int i = 0; i < 40; ++i) found += cache.find(1, "0:" + std::to_string(i)).has_value();
  EXPECT_LE(found, 16u);
}

}  // namespace
}  // namespace tracuu
