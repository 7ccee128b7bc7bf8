#include "tracuu/document_codec.hpp"

#include <nlohmann/json.hpp>

namespace tracuu {
namespace {

using nlohmann::json;

// Starts a record of two compressed texts, the metadata then the document's text. Records
// written before hold the metadata's JSON, a newline and the plain text, and so start with '{'.
constexpr char kBlocksMark = '\xFF';

// The metadata and the text of a record, in either form.
struct RecordParts {
  StoredText metadata;
  StoredText text;
};

RecordParts record_parts(std::string_view data) {
  if (!data.empty() && data[0] == kBlocksMark) {
    size_t used = 0;
    StoredText metadata = StoredText::blocks(data.substr(1), &used);
    if (used == 0) return {};
    return {metadata, StoredText::blocks(data.substr(1 + used))};
  }
  size_t newline = data.find('\n');
  if (newline == std::string_view::npos) return {StoredText::plain(data), {}};
  return {StoredText::plain(data.substr(0, newline)), StoredText::plain(data.substr(newline + 1))};
}

json directive_json(const Directive& d) {
  return {{"id", d.id}, {"key", d.key}, {"kind", d.kind}, {"date", d.date}, {"issuer", d.issuer}};
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string encode_document(const Document& doc) {
  const DocumentMetadata& m = doc.meta;
  json directives = json::array();
  for (const Directive& d : m.directives) directives.push_back(directive_json(d));
  json j = {{"id", doc.id},
            {"path", doc.source.path},
            {"part", doc.source.part},
            {"parts", doc.source.parts},
            {"encoding", doc.encoding},
            {"format", doc.source.format},
            {"pages", doc.source.pages},
            {"ocr_pages", doc.source.ocr_pages},
            {"exchange_id", doc.exchange_id},
            {"number_uncertain", m.number_uncertain},
            {"date_uncertain", m.date_uncertain},
            {"type", m.type},
            {"number", m.number},
            {"number_key", m.number_key},
            {"title", m.title},
            {"issuer", m.issuer},
            {"province", m.province},
            {"date", m.date},
            {"year", m.year},
            {"year_inferred", m.year_inferred},
            {"signer", m.signer},
            {"directives", directives}};
  // Both parts compressed by us, so that Xapian finds nothing left to compress and stores the
  // record as it is: a hit then inflates its metadata and the blocks of its snippet, where
  // Xapian would inflate the whole record.
  std::string data(1, kBlocksMark);
  data.append(encode_text_blocks(j.dump(-1, ' ', false, json::error_handler_t::replace)));
  data.append(encode_text_blocks(doc.text));
  return data;
}

Document decode_document(std::string_view data) {
  Document doc = decode_metadata(data);
  doc.text = stored_text(data).whole();
  return doc;
}

StoredText stored_text(std::string_view data) { return record_parts(data).text; }

Document decode_metadata(std::string_view data) {
  Document doc;
  json j = json::parse(record_parts(data).metadata.whole(), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return doc;
  doc.id = str(j, "id");
  doc.source.path = str(j, "path");
  doc.source.part = j.value("part", 1);
  doc.source.parts = j.value("parts", 1);
  doc.encoding = str(j, "encoding");
  if (std::string format = str(j, "format"); !format.empty()) doc.source.format = format;
  doc.source.pages = j.value("pages", 0);
  if (auto it = j.find("ocr_pages"); it != j.end() && it->is_array()) {
    for (const json& p : *it) {
      if (p.is_number_integer()) doc.source.ocr_pages.push_back(p.get<int>());
    }
  }
  doc.exchange_id = str(j, "exchange_id");
  DocumentMetadata& m = doc.meta;
  m.type = str(j, "type");
  m.number = str(j, "number");
  m.number_key = str(j, "number_key");
  m.title = str(j, "title");
  m.issuer = str(j, "issuer");
  m.province = str(j, "province");
  m.date = str(j, "date");
  m.year = j.value("year", 0);
  m.year_inferred = j.value("year_inferred", false);
  m.signer = str(j, "signer");
  m.number_uncertain = j.value("number_uncertain", false);
  m.date_uncertain = j.value("date_uncertain", false);
  if (auto it = j.find("directives"); it != j.end() && it->is_array()) {
    for (const json& d : *it) {
      if (!d.is_object()) continue;
      m.directives.push_back(
          {str(d, "id"), str(d, "key"), str(d, "kind"), str(d, "date"), str(d, "issuer")});
    }
  }
  return doc;
}

}  // namespace tracuu
