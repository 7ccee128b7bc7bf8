// The cache shared by every Searcher of a database: hits within a revision, forgets on a newer
// one, ignores workers still on an older one, bounded.
#include "tracuu/revision_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "facet_columns.hpp"
#include "tracuu/searcher.hpp"

namespace tracuu {
namespace {

// Revision `number` of one index.
IndexRevision at(uint64_t number, std::string uuid = "index-a") {
  return {std::move(uuid), number};
}

// A rebuilt index counts its revisions from the start again: the same number of another index
// is another revision, and forgets everything (answers, counts, ranks, columns).
TEST(RevisionCacheTest, AnotherIndexAtTheSameRevisionNumberForgets) {
  RevisionCache cache;
  cache.remember(at(3), "q", ResultCounts{7, {}, {}});
  cache.remember_answer(at(3), "q", std::make_shared<SearchResult>(), 10);
  cache.remember_order(at(3), "q", std::make_shared<RankedOrder>());
  cache.remember_columns(at(3), std::make_shared<FacetColumns>());
  ASSERT_TRUE(cache.find(at(3), "q").has_value());
  const IndexRevision rebuilt = at(3, "index-b");
  EXPECT_FALSE(cache.find(rebuilt, "q").has_value());
  EXPECT_EQ(cache.answer(rebuilt, "q"), nullptr);
  EXPECT_EQ(cache.order(rebuilt, "q"), nullptr);
  EXPECT_EQ(cache.columns(rebuilt), nullptr);
  EXPECT_EQ(cache.columns(at(3)), nullptr) << "nor is the old index served after";
}

TEST(RevisionCacheTest, RemembersWithinARevisionOnly) {
  RevisionCache cache;
  ResultCounts c;
  c.total = 7;
  c.facets["year"] = {{"2022", 7}};
  cache.remember(at(3), "q", c);
  ASSERT_TRUE(cache.find(at(3), "q").has_value());
  EXPECT_EQ(cache.find(at(3), "q")->total, 7u);
  EXPECT_FALSE(cache.find(at(3), "other").has_value());
  EXPECT_FALSE(cache.find(at(4), "q").has_value()) << "a newer revision forgets";
  EXPECT_FALSE(cache.find(at(3), "q").has_value()) << "and stays forgotten";
  cache.remember(at(4), "q", c);
  cache.remember(at(3), "q", ResultCounts{99, {}, {}});  // a late worker on an old revision is ignored
  ASSERT_TRUE(cache.find(at(4), "q").has_value()) << "and does not make the newer one forget";
  EXPECT_EQ(cache.find(at(4), "q")->total, 7u);
}

TEST(RevisionCacheTest, CapacityZeroRemembersNothing) {
  RevisionCache cache(RevisionCache::Limits{.counts = 0, .answer_bytes = 0});
  cache.remember(at(1), "q", ResultCounts{7, {}, {}});
  EXPECT_FALSE(cache.find(at(1), "q").has_value());
}

TEST(RevisionCacheTest, AnswersAreBoundedByTheirSizeAndForgottenOnANewRevision) {
  RevisionCache cache(RevisionCache::Limits{.counts = 16, .answer_bytes = 1000});
  auto answer = std::make_shared<SearchResult>();
  answer->total = 3;
  cache.remember_answer(at(1), "q", answer, 400);
  EXPECT_EQ(cache.answer(at(1), "q"), answer);
  EXPECT_EQ(cache.answer(at(1), "other"), nullptr);
  cache.remember_answer(at(1), "huge", answer, 5000);  // larger than the whole budget
  EXPECT_EQ(cache.answer(at(1), "huge"), nullptr);
  EXPECT_EQ(cache.answer(at(1), "q"), answer) << "and refusing it forgets nothing";
  cache.remember_answer(at(1), "r", answer, 400);
  cache.remember_answer(at(1), "s", answer, 400);  // over budget: the older answers go
  EXPECT_EQ(cache.answer(at(1), "s"), answer);
  EXPECT_EQ(cache.answer(at(1), "q"), nullptr);
  cache.remember_answer(at(0), "late", answer, 10);  // a worker on an older revision
  EXPECT_EQ(cache.answer(at(1), "late"), nullptr);
  EXPECT_EQ(cache.answer(at(2), "s"), nullptr) << "a newer revision forgets";
  RevisionCache none(RevisionCache::Limits{.counts = 16, .answer_bytes = 0});
  none.remember_answer(at(1), "q", answer, 1);
  EXPECT_EQ(none.answer(at(1), "q"), nullptr);
}

// Counts with a thousand facet values per field are large; they are bounded by their size too.
TEST(RevisionCacheTest, CountsAreBoundedByTheirSize) {
  RevisionCache cache(RevisionCache::Limits{.counts = 1024, .count_bytes = 100000});
  auto counts_with = [](size_t values) {
    ResultCounts c;
    c.total = values;
    for (size_t i = 0; i < values; ++i) c.facets["issuer"].push_back({std::to_string(i), 1});
    return c;
  };
  cache.remember(at(1), "small", counts_with(10));
  cache.remember(at(1), "huge", counts_with(100000));  // more than the whole budget
  EXPECT_FALSE(cache.find(at(1), "huge").has_value());
  EXPECT_TRUE(cache.find(at(1), "small").has_value()) << "and refusing it forgets nothing";
  // Built by appending: g++ 12 -O3 warns (-Wrestrict, a false positive) on "q" + std::string.
  auto key = [](int i) { return std::string("q").append(std::to_string(i)); };
  for (int i = 0; i < 40; ++i) cache.remember(at(1), key(i), counts_with(100));
  size_t held = 0;
  for (int i = 0; i < 40; ++i) held += cache.find(at(1), key(i)).has_value();
  EXPECT_LT(held, 40u) << "100 values are a few KB each: not all 40 fit in 100 KB";
  EXPECT_GT(held, 0u);
}

TEST(RevisionCacheTest, RankedOrdersAreBoundedByTheirRanks) {
  RevisionCache::Limits limits;
  limits.ranks = 100;
  RevisionCache cache(limits);
  auto order_of = [](size_t n) {
    auto order = std::make_shared<RankedOrder>();
    order->ranks.assign(n, {1, 0.5});
    return order;
  };
  auto sixty = order_of(60);
  cache.remember_order(at(1), "a", sixty);
  EXPECT_EQ(cache.order(at(1), "a"), sixty);
  cache.remember_order(at(1), "deep", order_of(101));  // more than the whole budget
  EXPECT_EQ(cache.order(at(1), "deep"), nullptr);
  EXPECT_EQ(cache.order(at(1), "a"), sixty) << "and refusing it forgets nothing";
  cache.remember_order(at(1), "a", sixty);  // the same key again counts once
  cache.remember_order(at(1), "b", order_of(30));
  EXPECT_EQ(cache.order(at(1), "a"), sixty);
  cache.remember_order(at(1), "c", order_of(30));  // 120 > 100: the older orders go
  EXPECT_NE(cache.order(at(1), "c"), nullptr);
  EXPECT_EQ(cache.order(at(1), "a"), nullptr);
  EXPECT_EQ(cache.order(at(2), "c"), nullptr) << "a newer revision forgets";
}

TEST(RevisionCacheTest, FacetColumnsBelongToTheirRevision) {
  RevisionCache cache;
  EXPECT_EQ(cache.columns(at(1)), nullptr);
  auto columns = std::make_shared<FacetColumns>();
  cache.remember_columns(at(1), columns);
  EXPECT_EQ(cache.columns(at(1)), columns);
  EXPECT_EQ(cache.columns(at(0)), nullptr) << "an older revision is not served newer columns";
  EXPECT_EQ(cache.columns(at(1)), columns);
  EXPECT_EQ(cache.columns(at(2)), nullptr) << "a newer revision reads them again";
}

// Four threads remembering and finding under one bound: what is left is within the bound, not
// nothing, and each entry holds a value remembered under its own key (for key i, a multiple of
// 40 plus i).
TEST(RevisionCacheTest, BoundedAndSafeAcrossThreads) {
  RevisionCache cache(RevisionCache::Limits{.counts = 16, .answer_bytes = 0});
  std::vector<std::thread> threads;
  std::atomic<size_t> hits{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        std::string key = std::to_string(t) + ":" + std::to_string(i % 40);
        cache.remember(at(1), key, ResultCounts{static_cast<size_t>(i), {}, {}});
        if (auto found = cache.find(at(1), key); found && found->total % 40 == size_t(i % 40)) {
          ++hits;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  size_t found = 0;
  for (int t = 0; t < 4; ++t) {
    for (int i = 0; i < 40; ++i) {
      auto counts = cache.find(at(1), std::to_string(t) + ":" + std::to_string(i));
      if (!counts) continue;
      ++found;
      EXPECT_EQ(counts->total % 40, size_t(i)) << t << ":" << i;
    }
  }
  EXPECT_GE(found, 1u);
  EXPECT_LE(found, 16u);
  EXPECT_GT(hits.load(), 0u) << "a value just remembered is found at least sometimes";
}

}  // namespace
}  // namespace tracuu
