#include "tracuu/document_codec.hpp"

#include <nlohmann/json.hpp>

namespace tracuu {
namespace {

using nlohmann::json;

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
  // The text follows the metadata raw, after a newline (a compact JSON dump has none): a hit
  // then parses a few hundred bytes of JSON, not the whole text.
  std::string data = j.dump(-1, ' ', false, json::error_handler_t::replace);
  data.push_back('\n');
  data.append(doc.text);
  return data;
}

Document decode_document(std::string_view data) {
  Document doc = decode_metadata(data);
  doc.text = std::string(stored_text(data));
  return doc;
}

std::string_view stored_text(std::string_view data) {
  size_t newline = data.find('\n');
  return newline == std::string_view::npos ? std::string_view() : data.substr(newline + 1);
}

Document decode_metadata(std::string_view data) {
  Document doc;
  size_t newline = data.find('\n');
  json j = json::parse(data.substr(0, newline), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return doc;
  doc.id = str(j, "id");
  doc.source.path = str(j, "path");
  doc.source.part = j.value("part", 1);
  doc.source.parts = j.value("parts", 1);
  doc.encoding = str(j, "encoding");
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
