// tracuu-query-bench: in-process query latency, the engine without HTTP.
//
// Runs each query of a file (one per line) through Searcher::search exactly as the API does
// (default request: 10 hits with snippets, every facet counted over the whole result), a few
// warm-up rounds then `--rounds` timed ones, and prints JSON: per query the median latency and
// total, and p50/p95/p99 over every timed run.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "tracuu/searcher.hpp"

namespace {

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * (v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tracuu-query-bench: in-process latency of search queries"};
  std::string db, queries_file;
  int rounds = 20, warmup = 2;
  std::string facets = "issuer,year,type,province,directive";
  app.add_option("--db", db, "index directory")->required();
  app.add_option("--queries", queries_file, "file with one query per line")->required();
  app.add_option("--rounds", rounds, "timed runs of each query")->capture_default_str();
  app.add_option("--warmup", warmup, "untimed runs of each query first")->capture_default_str();
  app.add_option("--facets", facets, "facet fields to count (comma-separated; empty for none)")
      ->capture_default_str();
  std::string remember = "everything";
  app.add_option("--remember", remember,
                 "what a repeated query reuses: nothing (every run is a first sight), counts (its "
                 "total, facets and first ranks, as another page of it), everything (the answer)")
      ->capture_default_str()
      ->check(CLI::IsMember({"nothing", "counts", "everything"}));
  CLI11_PARSE(app, argc, argv);
  std::vector<std::string> facet_fields;
  for (size_t start = 0; start < facets.size();) {
    size_t comma = std::min(facets.find(',', start), facets.size());
    if (comma > start) facet_fields.push_back(facets.substr(start, comma - start));
    start = comma + 1;
  }

  tracuu::RevisionCache::Limits limits;
  if (remember != "everything") limits.answer_bytes = 0;
  if (remember == "nothing") limits.counts = 0;
  auto searcher = tracuu::Searcher::open(db, std::make_shared<tracuu::RevisionCache>(limits));
  if (!searcher.is_ok()) {
    std::cerr << searcher.status().message() << "\n";
    return 2;
  }
  std::ifstream in(queries_file);
  std::vector<std::string> queries;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) queries.push_back(line);
  }
  nlohmann::json per_query = nlohmann::json::array();
  std::vector<double> all;
  for (const std::string& q : queries) {
    tracuu::SearchRequest request;
    request.query = q;
    request.facets = facet_fields;
    std::vector<double> times;
    size_t total = 0;
    for (int r = 0; r < warmup + rounds; ++r) {
      auto start = std::chrono::steady_clock::now();
      auto result = searcher.value()->search(request);
      double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      if (!result.is_ok()) {
        std::cerr << q << ": " << result.status().message() << "\n";
        return 1;
      }
      total = result->total;
      if (r >= warmup) times.push_back(ms);
    }
    all.insert(all.end(), times.begin(), times.end());
    per_query.push_back({{"query", q}, {"total", total}, {"p50_ms", percentile(times, 0.5)}});
  }
  nlohmann::json out = {{"queries", per_query},
                        {"runs", all.size()},
                        {"p50_ms", percentile(all, 0.5)},
                        {"p95_ms", percentile(all, 0.95)},
                        {"p99_ms", percentile(all, 0.99)}};
  std::cout << out.dump(1) << "\n";
  return 0;
}
