#include "read_file_json.hpp"

#include <nlohmann/json.hpp>

namespace tracuu::intake {
namespace {

using nlohmann::json;

json block_json(const TextBlock& b) {
  json j = {{"k", static_cast<int>(b.kind)}, {"t", b.text}};
  if (b.page) j["p"] = b.page;
  if (b.row >= 0) j["r"] = b.row;
  if (b.col >= 0) j["c"] = b.col;
  if (b.ocr) j["o"] = true;
  return j;
}

TextBlock block_from(const json& j) {
  TextBlock b;
  int kind = j.value("k", 0);
  if (kind < 0 || kind > static_cast<int>(TextBlock::Kind::kPageFooter)) kind = 0;
  b.kind = static_cast<TextBlock::Kind>(kind);
  b.text = j.value("t", "");
  b.page = j.value("p", 0);
  b.row = j.value("r", -1);
  b.col = j.value("c", -1);
  b.ocr = j.value("o", false);
  return b;
}

}  // namespace

std::string read_result_to_json(const Result<ReadFile>& result) {
  if (!result.is_ok()) {
    return json{{"error", result.status().message()},
                {"code", static_cast<int>(result.status().code())}}
        .dump(-1, ' ', false, json::error_handler_t::replace);
  }
  const ReadFile& f = result.value();
  json blocks = json::array();
  for (const TextBlock& b : f.blocks) blocks.push_back(block_json(b));
  const DocumentEnvelope& e = f.envelope;
  json j = {{"format", f.format},
            {"mime", f.mime},
            {"blocks", blocks},
            {"pages", f.pages},
            {"ocr_pages", f.ocr_pages},
            {"envelope",
             {{"type", e.type},
              {"number", e.number},
              {"title", e.title},
              {"issuer", e.issuer},
              {"date", e.date},
              {"signer", e.signer}}},
            {"exchange_id", f.exchange_id},
            {"revokes", f.revokes},
            {"replaces", f.replaces},
            {"skip_reason", f.skip_reason},
            {"warnings", f.warnings}};
  // Readers hand over bytes as the format holds them; invalid UTF-8 goes through replaced
  // rather than failing the file (the pipeline's checks see U+FFFD).
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<ReadFile> read_result_from_json(std::string_view text) {
  try {
    json j = json::parse(text);
    if (j.contains("error")) {
      int code = j.value("code", static_cast<int>(Status::Code::kInvalidArgument));
      std::string message = j.value("error", "");
      if (code == static_cast<int>(Status::Code::kUnavailable)) return Status::unavailable(message);
      if (code == static_cast<int>(Status::Code::kInternal)) return Status::internal(message);
      return Status::invalid_argument(message);
    }
    ReadFile f;
    f.format = j.value("format", "");
    f.mime = j.value("mime", "");
    for (const json& b : j.value("blocks", json::array())) f.blocks.push_back(block_from(b));
    f.pages = j.value("pages", 0);
    f.ocr_pages = j.value("ocr_pages", std::vector<int>{});
    const json e = j.value("envelope", json::object());
    f.envelope = {e.value("type", ""),   e.value("number", ""), e.value("title", ""),
                  e.value("issuer", ""), e.value("date", ""),   e.value("signer", "")};
    f.exchange_id = j.value("exchange_id", "");
    f.revokes = j.value("revokes", "");
    f.replaces = j.value("replaces", "");
    f.skip_reason = j.value("skip_reason", "");
    f.warnings = j.value("warnings", std::vector<std::string>{});
    return f;
  } catch (const json::exception& e) {
    return Status::internal(std::string("the reader's answer is not readable: ") + e.what());
  }
}

}  // namespace tracuu::intake
