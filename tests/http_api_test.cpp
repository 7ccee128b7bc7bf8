// tracuu-server's HTTP API, in process on a free port, queried with a real HTTP client over a
// temporary index of corpus/ and a few crafted letters: response shapes, relevance, filters and
// facets, documents and directives, every error case, and a reindex while queries run.
#include "http_api.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "test_support.hpp"
#include "tracuu/index_writer.hpp"

namespace tracuu::http {
namespace {

using nlohmann::json;
using testing::TempDir;
using testing::write_file;

void build_index(const std::filesystem::path& db, const std::vector<std::filesystem::path>& roots,
                 bool rebuild = true, size_t batch = 2000) {
  auto writer = IndexWriter::open(db, rebuild);
  ASSERT_TRUE(writer.is_ok()) << writer.status().message();
  writer.value()->set_batch_size(batch);
  auto summary = writer.value()->index(roots);
  ASSERT_TRUE(summary.is_ok()) << summary.status().message();
}

class HttpApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    write_file(*dir_ / "crafted" / "ban_giao.txt", "Bàn giao hàng hóa cho các đơn vị.");
    write_file(*dir_ / "crafted" / "ban_hang.txt", "Bán hàng hóa tại chợ trung tâm.");
    write_file(*dir_ / "crafted" / "ban_lau_nam.txt", "Bạn hàng lâu năm được khen thưởng.");
    build_index(*dir_ / "db", {testing::corpus_dir(), *dir_ / "crafted"});
    server_ = new httplib::Server();
    ServerOptions options;
    options.db = *dir_ / "db";
    options.log_requests = false;
    install_api(*server_, options);
    port_ = server_->bind_to_any_port("127.0.0.1");
    listener_ = new std::thread([] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::yield();
  }
  static void TearDownTestSuite() {
    server_->stop();
    listener_->join();
    delete listener_;
    delete server_;
    delete dir_;
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(20, 0);
    return c;
  }
  // GETs `path`, expects `status` and a JSON body, and returns it.
  json get(const std::string& path, int status = 200) {
    auto res = client().Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, status) << path << "\n" << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8") << path;
    json body = json::parse(res->body, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(body.is_discarded()) << path << ": " << res->body;
    return body;
  }
  // Expects an error response with the JSON error body.
  void expect_error(const std::string& path, int status, const std::string& code) {
    json body = get(path, status);
    ASSERT_TRUE(body.contains("error")) << path;
    EXPECT_EQ(body["error"]["code"], code) << path;
    EXPECT_FALSE(body["error"]["message"].get<std::string>().empty()) << path;
  }
  // The id of the first hit for `q`.
  std::string first_id(const std::string& q) {
    json r = get("/api/search?q=" + httplib::detail::encode_query_param(q));
    return r["hits"].empty() ? "" : r["hits"][0]["id"].get<std::string>();
  }

  static TempDir* dir_;
  static httplib::Server* server_;
  static std::thread* listener_;
  static int port_;
};

TempDir* HttpApiTest::dir_ = nullptr;
httplib::Server* HttpApiTest::server_ = nullptr;
std::thread* HttpApiTest::listener_ = nullptr;
int HttpApiTest::port_ = 0;

TEST_F(HttpApiTest, HealthCountsTheDocuments) {
  json h = get("/api/health");
  EXPECT_EQ(h["status"], "ok");
  EXPECT_EQ(h["documents"], 11);  // 8 seed documents (one file holds 4) + 3 crafted
}

TEST_F(HttpApiTest, SearchAnswersTheDocumentedShape) {
  json r = get("/api/search?q=nong%20thon&size=2");
  EXPECT_EQ(r["total_exact"], true);
  for (const char* key : {"query", "total", "page", "size", "took_ms", "hits", "facets"}) {
    EXPECT_TRUE(r.contains(key)) << key;
  }
  EXPECT_EQ(r["query"], "nong thon");
  EXPECT_EQ(r["page"], 1);
  EXPECT_EQ(r["size"], 2);
  EXPECT_GT(r["total"].get<int>(), 2);
  ASSERT_EQ(r["hits"].size(), 2u);
  for (const json& hit : r["hits"]) {
    for (const char* key : {"id", "title", "type", "number", "issuer", "province", "date", "year",
                            "directives", "source", "score", "snippet"}) {
      EXPECT_TRUE(hit.contains(key)) << key;
    }
    EXPECT_TRUE(hit["source"].contains("path") && hit["source"].contains("part") &&
                hit["source"].contains("parts"));
    EXPECT_NE(hit["snippet"].get<std::string>().find("<mark>"), std::string::npos);
  }
  for (const char* field : {"issuer", "year", "type", "province", "directive"}) {
    ASSERT_TRUE(r["facets"].contains(field)) << field;
    for (const json& v : r["facets"][field]) {
      EXPECT_TRUE(v["value"].is_string());
      EXPECT_GT(v["count"].get<int>(), 0);
    }
  }
}

TEST_F(HttpApiTest, RelevanceWithAndWithoutDiacritics) {
  // Among the three crafted letters that differ only by the tone of "ban", the typed form
  // comes first; the seed documents around them use these words too.
  auto crafted_order = [&](const std::string& q) {
    std::vector<std::string> files;
    json r = get("/api/search?size=100&q=" + httplib::detail::encode_query_param(q));
    for (const json& hit : r["hits"]) {
      std::string path = hit["source"]["path"];
      if (path.rfind("crafted/", 0) == 0) {  // shown below its folder's name
        files.push_back(path.substr(path.rfind('/') + 1));
      }
    }
    return files;
  };
  EXPECT_EQ(crafted_order("bán hàng").at(0), "ban_hang.txt");
  EXPECT_EQ(crafted_order("bạn hàng").at(0), "ban_lau_nam.txt");
  EXPECT_EQ(crafted_order("bàn giao hàng").at(0), "ban_giao.txt");
  EXPECT_EQ(crafted_order("ban hang").size(), 3u) << "ban hang finds all three forms";
  // A phrase typed without diacritics, and a query in NFD, find what NFC text holds.
  EXPECT_GT(get("/api/search?q=%22nong%20thon%22")["total"].get<int>(), 0);
  EXPECT_EQ(get("/api/search?q=n%C3%B4ng%20th%C3%B4n")["total"],
            get("/api/search?q=no%CC%82ng%20tho%CC%82n")["total"]);
  // Document numbers: the bearer first, then who cites it.
  json n = get("/api/search?q=" + httplib::detail::encode_query_param("Kế hoạch 02/KH-BCĐ"));
  EXPECT_EQ(n["hits"][0]["number"], "02-KH/BCĐ");
  EXPECT_EQ(n["hits"][1]["number"], "1512/UBND-KT");
}

TEST_F(HttpApiTest, ForgivingQuerySyntax) {
  for (const char* q :
       {"%22b%C3%A1n%20h%C3%A0ng", "b%C3%A1n%20AND%20(", "%29%29%29", "-", "OR%20OR", "%22%22"}) {
    json r = get(std::string("/api/search?q=") + q);
    EXPECT_TRUE(r.contains("hits")) << q;
  }
  EXPECT_GT(get("/api/search?q=%22b%C3%A1n%20h%C3%A0ng")["total"].get<int>(), 0);
  EXPECT_EQ(get("/api/search?q=ban%20hang%20-cho%20-nam&size=100")["total"].get<int>(),
            get("/api/search?q=ban%20hang%20-cho%20-nam&size=100")["hits"].size());
}

// The seed documents by hand (see searcher_test.cpp): 2022 holds four, Tây Ninh four, five cite
// Chỉ thị 03-CT/TW; the crafted letters have no metadata.
TEST_F(HttpApiTest, FiltersRepeatAndFacetsMatchAHandCount) {
  json r = get("/api/search?year=2022&year=2021&size=100");
  EXPECT_EQ(r["total"], 5);
  std::map<std::string, int> years;
  for (const json& v : r["facets"]["year"]) years[v["value"]] = v["count"];
  // The year facet leaves out the year filter itself: every year stays on offer.
  EXPECT_EQ(years, (std::map<std::string, int>{
                       {"2017", 1}, {"2020", 1}, {"2021", 1}, {"2022", 4}, {"2023", 1}}));

  r = get("/api/search?province=T%C3%A2y%20Ninh&type=K%E1%BA%BF%20ho%E1%BA%A1ch");
  EXPECT_EQ(r["total"], 3);
  r = get("/api/search?directive=03%2FCT-TW&facets=directive&facet_size=1");
  EXPECT_EQ(r["total"], 5);
  ASSERT_EQ(r["facets"].size(), 1u);
  ASSERT_EQ(r["facets"]["directive"].size(), 1u);
  EXPECT_EQ(r["facets"]["directive"][0]["value"], "03-CT/TW");
  EXPECT_EQ(r["facets"]["directive"][0]["count"], 5);
  EXPECT_EQ(get("/api/search?from=2022-04-20&to=2022-05-31")["total"], 2);
  EXPECT_EQ(get("/api/search?q=zzzkhongco")["total"], 0);

  r = get("/api/search");
  EXPECT_EQ(r["total"], 11);
  int typed = 0;
  for (const json& v : r["facets"]["type"]) typed += v["count"].get<int>();
  EXPECT_EQ(typed, 8) << "the crafted letters have no type";
}

TEST_F(HttpApiTest, DateSortAndPages) {
  json r = get("/api/search?q=cu%E1%BB%99c%20v%E1%BA%ADn%20%C4%91%E1%BB%99ng&sort=date_desc");
  std::vector<std::string> dates;
  for (const json& hit : r["hits"]) {
    if (!hit["date"].is_null()) dates.push_back(hit["date"]);
  }
  ASSERT_GE(dates.size(), 3u);
  EXPECT_TRUE(std::is_sorted(dates.rbegin(), dates.rend()));
  EXPECT_EQ(get("/api/search?sort=date_asc")["hits"][0]["date"], "2022-04-15");

  std::set<std::string> ids;
  for (int page = 1; page <= 4; ++page) {
    json p = get("/api/search?size=3&page=" + std::to_string(page));
    EXPECT_EQ(p["total"], 11);
    for (const json& hit : p["hits"]) EXPECT_TRUE(ids.insert(hit["id"]).second);
  }
  EXPECT_EQ(ids.size(), 11u);
}

TEST_F(HttpApiTest, DocumentsShowTextCitationsAndCitedBy) {
  std::string plan = first_id("02-KH/BCĐ");
  std::string letter = first_id("1512/UBND-KT");
  ASSERT_FALSE(plan.empty());
  json d = get("/api/documents/" + plan + "?q=nong%20thon");
  EXPECT_EQ(d["id"], plan);
  EXPECT_EQ(d["number"], "02-KH/BCĐ");
  EXPECT_GT(d["text"].get<std::string>().size(), 1000u);
  EXPECT_NE(d["highlighted_text"].get<std::string>().find("<mark>nông</mark>"), std::string::npos);
  ASSERT_EQ(d["cited_by"].size(), 1u);
  EXPECT_EQ(d["cited_by_count"], 1);
  EXPECT_EQ(d["cited_by"][0]["id"], letter);
  bool cites_03 = false;
  for (const json& c : d["cites"]) {
    if (c["id"] == "03-CT/TW") {
      cites_03 = true;
      EXPECT_EQ(c["kind"], "Chỉ thị");
      EXPECT_TRUE(c["document_id"].is_null());
    }
  }
  EXPECT_TRUE(cites_03);
  json l = get("/api/documents/" + letter);
  bool linked = false;
  for (const json& c : l["cites"]) linked |= c["document_id"] == plan;
  EXPECT_TRUE(linked);
}

TEST_F(HttpApiTest, DirectivesAnswerWhoImplementsThem) {
  for (const char* id : {"03-CT%2FTW", "03%2FCT-TW", "3-ct%2Ftw"}) {
    json d = get(std::string("/api/directives/") + id);
    EXPECT_EQ(d["id"], "03-CT/TW");
    EXPECT_EQ(d["kind"], "Chỉ thị");
    EXPECT_EQ(d["count"], 5);
    EXPECT_EQ(d["documents"].size(), 5u);
    EXPECT_TRUE(d["document_id"].is_null());
    for (const json& doc : d["documents"]) {
      for (const char* key : {"id", "title", "issuer", "date"}) EXPECT_TRUE(doc.contains(key));
    }
  }
  EXPECT_EQ(get("/api/directives/02-KH%2FBC%C4%90")["document_id"], first_id("02-KH/BCĐ"));
  json second = get("/api/directives/03-CT%2FTW?page=2&size=2");
  EXPECT_EQ(second["count"], 5);
  EXPECT_EQ(second["page"], 2);
  EXPECT_EQ(second["size"], 2);
  EXPECT_EQ(second["documents"].size(), 2u);
  for (const char* bad : {"?size=0", "?size=101", "?page=0", "?page=x"}) {
    auto res = client().Get(std::string("/api/directives/03-CT%2FTW") + bad);
    ASSERT_TRUE(res) << bad;
    EXPECT_EQ(res->status, 400) << bad;
  }
}

TEST_F(HttpApiTest, SuggestionsAndThePage) {
  json s = get("/api/suggest?q=03-c");
  ASSERT_TRUE(s["suggestions"].is_array());
  ASSERT_FALSE(s["suggestions"].empty());
  EXPECT_EQ(s["suggestions"][0]["text"], "03-CT/TW");
  EXPECT_LE(get("/api/suggest?q=n")["suggestions"].size(), 10u);
  EXPECT_TRUE(get("/api/suggest?q=")["suggestions"].empty());

  auto page = client().Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);
  EXPECT_TRUE(page->get_header_value("Access-Control-Allow-Origin").empty());
}

// Every response, answer or error, page or API, carries the security headers with exactly the
// values docs/RELIABILITY.md states, and no CORS header without --cors-origin.
TEST_F(HttpApiTest, EveryResponseCarriesTheSecurityHeaders) {
  const std::pair<const char*, const char*> expected[] = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"},
      {"Cache-Control", "no-store"},
  };
  auto c = client();
  std::vector<std::pair<std::string, httplib::Result>> responses;
  for (const char* path : {"/", "/assets/app.js", "/api/search?q=nong", "/api/search?size=0",
                           "/api/documents/nope", "/api/nothing", "/api/health"}) {
    responses.emplace_back(path, c.Get(path));
  }
  responses.emplace_back("POST /api/search", c.Post("/api/search", "{}", "application/json"));
  for (const auto& [what, res] : responses) {
    ASSERT_TRUE(res) << what;
    for (const auto& [name, value] : expected) {
      EXPECT_EQ(res->get_header_value(name), value) << what << ": " << name;
      EXPECT_EQ(res->get_header_value_count(name), 1u) << what << ": " << name;
    }
    EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin")) << what;
  }
}

TEST_F(HttpApiTest, BadParametersAre400WithAJsonError) {
  const char* bad[] = {
      "/api/search?size=101",        "/api/search?size=0",
      "/api/search?size=-1",         "/api/search?size=abc",
      "/api/search?page=0",          "/api/search?page=99999999999",
      "/api/search?facet_size=0",    "/api/search?facet_size=100000",
      "/api/search?from=2022-13-01", "/api/search?to=10%2F5%2F2022",
      "/api/search?from=yesterday",  "/api/search?sort=random",
      "/api/search?facets=colour",   "/api/search?q=%FF%FE",
      "/api/search?q=a%00b",         "/api/search?issuer=%C3",
      "/api/suggest?q=%FF",          "/api/documents/x?q=%FF",
  };
  for (const char* path : bad) expect_error(path, 400, "invalid_argument");
  std::string huge(5000, 'a');
  expect_error("/api/search?q=" + huge, 400, "invalid_argument");
  std::string many;
  for (int i = 0; i < 300; ++i)
    many += "&year=" + std::to_string(1900 + i);  // distinct: httplib drops repeated pairs
  expect_error("/api/search?q=x" + many, 400, "invalid_argument");
}

// A control character (U+0000-U+001F, U+007F) is refused in every parameter, and the error
// names the parameter: a value holding U+001F once met two values under one cache key. The
// text of a query may hold the tabs and line breaks of a pasted question, read as spaces.
TEST_F(HttpApiTest, ControlCharactersAreRefusedNamingTheParameter) {
  EXPECT_EQ(get("/api/search?q=n%C3%B4ng%0Ath%C3%B4n")["total"],
            get("/api/search?q=n%C3%B4ng%20th%C3%B4n")["total"]);
  EXPECT_EQ(get("/api/search?q=n%C3%B4ng%09th%C3%B4n%0D%0A")["total"],
            get("/api/search?q=n%C3%B4ng%20th%C3%B4n")["total"]);
  const std::pair<const char*, const char*> bad[] = {
      {"/api/search?issuer=A%1FB", "issuer"}, {"/api/search?q=a%0Bb", "q"},
      {"/api/search?q=a%1Fb", "q"},           {"/api/search?year=2022%7F", "year"},
      {"/api/search?type=%01", "type"},       {"/api/search?sort=relevance%00", "sort"},
      {"/api/suggest?q=nong%1Fth", "q"},      {"/api/directives/03-CT%2FTW?page=1%0D", "page"},
      {"/api/documents/x?q=%1B", "q"},        {"/api/search?directive=03%1FCT", "directive"},
  };
  for (const auto& [path, name] : bad) {
    json body = get(path, 400);
    ASSERT_TRUE(body.contains("error")) << path;
    EXPECT_EQ(body["error"]["code"], "invalid_argument") << path;
    EXPECT_NE(body["error"]["message"].get<std::string>().find("parameter " + std::string(name)),
              std::string::npos)
        << path << ": " << body;
  }
}

TEST_F(HttpApiTest, UnknownThingsAre404) {
  for (const char* path : {"/api/nothing", "/api/documents/nope", "/api/documents/%00",
                           "/api/documents/..%2F..%2Fetc%2Fpasswd", "/api/directives/hello",
                           "/api/directives/999%2FQ%C4%90-XYZ", "/etc/passwd",
                           "/assets/..%2F..%2Fetc%2Fpasswd", "/index.php"}) {
    expect_error(path, 404, "not_found");
  }
  expect_error("/api/documents/" + std::string(3000, 'x'), 404, "not_found");
}

TEST_F(HttpApiTest, WrongMethodsAre405AndBigBodiesRefused) {
  auto c = client();
  auto expect_405 = [](const httplib::Result& res) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 405);
    EXPECT_EQ(json::parse(res->body)["error"]["code"], "method_not_allowed");
  };
  expect_405(c.Post("/api/search", "{}", "application/json"));
  expect_405(c.Put("/api/search", "{}", "application/json"));
  expect_405(c.Delete("/api/documents/x"));
  expect_405(c.Patch("/api/health", "x", "text/plain"));
  auto big = c.Post("/api/search", std::string(1 << 20, 'x'), "text/plain");
  if (big) {  // the server may also just close the connection on a body it refuses
    EXPECT_EQ(big->status, 413);
  }
}

// A reindex that adds documents while clients query: no request fails, and the new documents
// appear without a restart.
TEST_F(HttpApiTest, ReindexWhileQueryingLosesNoRequest) {
  TempDir work;
  // Enough files that the searches overlap the reindex even when the machine is busy with other
  // tests (300 gave 9 requests under ctest -j2 now and then), committed 60 at a time: 15
  // commits, each a new revision the searches must move to. (Every 20, under ASan, a search
  // could outlast two commits eleven times running: a writer committing continuously, which
  // Searcher's retries do not promise to outrun.)
  for (int i = 0; i < 900; ++i) {
    write_file(work / "more" / ("extra_" + std::to_string(i) + ".txt"),
               "Kế hoạch bổ sung số " + std::to_string(i) + " về chuyển đổi số tại xã Tân Phú.");
  }
  std::atomic<bool> done{false};
  std::atomic<int> requests{0}, failures{0};
  std::mutex failure_mutex;
  std::string failure;  // the last failed request, to say why
  std::vector<std::thread> clients;
  for (int t = 0; t < 3; ++t) {
    clients.emplace_back([&] {
      auto c = client();
      while (!done) {
        auto res = c.Get("/api/search?q=chuyen%20doi%20so&size=5");
        ++requests;
        if (!res || res->status != 200) {
          ++failures;
          std::lock_guard lock(failure_mutex);
          failure = res ? std::to_string(res->status) + " " + res->body
                        : "no response: " + httplib::to_string(res.error());
        }
      }
    });
  }
  build_index(*dir_ / "db", {testing::corpus_dir(), *dir_ / "crafted", work / "more"},
              /*rebuild=*/false, /*batch=*/60);
  done = true;
  for (auto& t : clients) t.join();
  EXPECT_GT(requests.load(), 10);
  EXPECT_EQ(failures.load(), 0) << failure;
  EXPECT_EQ(get("/api/health")["documents"], 911);
  EXPECT_GE(get("/api/search?q=chuyen%20doi%20so%20tan%20phu")["total"], 900);
}

// The original file is served by document id alone, as an attachment, and only while it is the
// file that was indexed.
TEST(HttpOriginalFileTest, ServedByIdAsIndexedOnly) {
  TempDir dir;
  const std::string text = "Công văn về việc tổ chức hội nghị tổng kết năm 2025.\n";
  write_file(dir / "docs" / "Công văn 12.txt", text);
  build_index(dir / "db", {dir / "docs"});
  httplib::Server server;
  ServerOptions options;
  options.db = dir / "db";
  options.log_requests = false;
  install_api(server, options);
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread listener([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::yield();
  httplib::Client c("127.0.0.1", port);

  auto found = c.Get("/api/search?q=hoi+nghi+tong+ket");
  ASSERT_TRUE(found);
  json hits = json::parse(found->body)["hits"];
  ASSERT_EQ(hits.size(), 1u);
  const std::string id = hits[0]["id"];
  EXPECT_EQ(hits[0]["source"]["format"], "txt");
  auto doc = c.Get("/api/documents/" + id);
  ASSERT_TRUE(doc);
  EXPECT_EQ(json::parse(doc->body)["file_url"], "/api/documents/" + id + "/file");

  auto file = c.Get("/api/documents/" + id + "/file");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->status, 200);
  EXPECT_EQ(file->body, text);
  EXPECT_EQ(file->get_header_value("Content-Type"), "text/plain");
  // httplib's client decodes the header's %-escapes: on the wire it reads
  // filename*=UTF-8''C%C3%B4ng%20v%C4%83n%2012.txt.
  EXPECT_EQ(file->get_header_value("Content-Disposition"),
            "attachment; filename=\"C__ng_v__n_12.txt\"; filename*=UTF-8''Công văn 12.txt");

  auto unknown = c.Get("/api/documents/ffffffffffff-1/file");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  // A path in the request is never a way to a file.
  auto path = c.Get("/api/documents/..%2F..%2Fetc%2Fpasswd/file");
  ASSERT_TRUE(path);
  EXPECT_EQ(path->status, 404);

  write_file(dir / "docs" / "Công văn 12.txt", text + "Sửa sau khi lập chỉ mục.\n");
  auto changed = c.Get("/api/documents/" + id + "/file");
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 409);
  EXPECT_EQ(json::parse(changed->body)["error"]["code"], "file_changed");
  std::filesystem::remove(dir / "docs" / "Công văn 12.txt");
  auto gone = c.Get("/api/documents/" + id + "/file");
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 404);
  server.stop();
  listener.join();
}

// Every answer during and after `tracuu-index --rebuild` of a served index comes from the new
// index: the old index is built by the same steps (4 documents, then runs adding one each), so
// the new one reaches every revision number the old one had, with the old answers, counts and
// facets remembered under them.
TEST(HttpApiRebuildTest, EveryAnswerAfterARebuildComesFromTheNewIndex) {
  TempDir work;
  auto letter = [&](const std::string& folder, int i) {
    write_file(work / folder / ("kh_" + std::to_string(i) + ".txt"),
               "Kế hoạch tuyên truyền số " + std::to_string(i) + " của " + folder + ".");
  };
  for (int i = 0; i < 4; ++i) letter("old", i);
  build_index(work / "db", {work / "old"});
  httplib::Server server;
  ServerOptions options;
  options.db = work / "db";
  options.log_requests = false;
  install_api(server, options);
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread listener([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::yield();
  httplib::Client c("127.0.0.1", port);
  // Asks the questions of every step; returns the source folders of their hits and totals.
  auto ask = [&](size_t expected, const std::string& folder) {
    for (const char* path : {"/api/search?q=tuyen%20truyen&size=100&facets=type",
                             "/api/search?size=100", "/api/search?q=ke%20hoach&page=1&size=3"}) {
      auto res = c.Get(path);
      ASSERT_TRUE(res) << path;
      ASSERT_EQ(res->status, 200) << path << res->body;
      json r = json::parse(res->body);
      EXPECT_EQ(r["total"], expected) << folder << " " << path;
      for (const json& hit : r["hits"]) {
        const std::string source = hit["source"]["path"];
        EXPECT_EQ(source.rfind(folder + "/", 0), 0u) << path << " " << source;
      }
    }
    auto health = c.Get("/api/health");
    ASSERT_TRUE(health);
    EXPECT_EQ(json::parse(health->body)["documents"], expected) << folder;
  };
  ask(4, "old");
  for (int i = 4; i < 7; ++i) {
    letter("old", i);
    build_index(work / "db", {work / "old"}, /*rebuild=*/false);
    ask(i + 1, "old");
  }
  for (int i = 0; i < 4; ++i) letter("new", i);
  build_index(work / "db", {work / "new"});
  ask(4, "new");
  for (int i = 4; i < 7; ++i) {
    letter("new", i);
    build_index(work / "db", {work / "new"}, /*rebuild=*/false);
    ask(i + 1, "new");
  }
  server.stop();
  listener.join();
}

}  // namespace
}  // namespace tracuu::http
