#include "tracuu/schema.hpp"

#include <xxhash.h>

#include <cstdio>

#include "embedded_data.hpp"
#include "text_lines.hpp"
#include "tracuu/analyzer.hpp"
#include "tracuu/document_number.hpp"
#include "varint.hpp"

namespace tracuu::schema {

std::string analysis_stamp() {
  static const std::string stamp = [] {
    XXH64_state_t* state = XXH64_createState();
    XXH64_reset(state, 0);
    for (std::string_view table :
         {data::kAbbreviations, data::kNumberCodes, data::kDocumentTypes, data::kProvinces,
          data::kOrgans, data::kSurnames, data::kTcvn3, data::kVni, data::kNationalBodies,
          data::kCommonSyllables, data::kBodyNames, data::kPlaceLevels}) {
      const uint64_t size = table.size();  // so that no two lists of tables hash alike
      XXH64_update(state, &size, sizeof size);
      XXH64_update(state, table.data(), table.size());
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(XXH64_digest(state)));
    XXH64_freeState(state);
    return std::string(hex);
  }();
  return stamp;
}

std::string stamp_mismatch(const Xapian::Database& db) {
  if (db.get_doccount() == 0) return {};
  const std::string version = db.get_metadata(std::string(kSchemaVersionKey));
  if (version != kSchemaVersion) {
    return "built by another version of tracuu (schema " + (version.empty() ? "1" : version) +
           "; this one is schema " + std::string(kSchemaVersion) + ")";
  }
  const std::string analysis = db.get_metadata(std::string(kAnalysisKey));
  if (analysis != analysis_stamp()) {
    return "built with other analysis tables (" + (analysis.empty() ? "none recorded" : analysis) +
           "; this one's are " + analysis_stamp() + ")";
  }
  return {};
}

std::string filter_key(std::string_view display) {
  std::string key = squeeze_spaces(fold_text(display));
  if (key.size() > 200) {  // Xapian's limit is 245; cut at a character boundary
    size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80) --cut;
    key.resize(cut);
  }
  return key;
}

std::string title_term(std::string_view text) {
  std::string words;
  size_t count = 0;
  Analyzer analyzer;
  analyzer.analyze(text, 0, [&](const Token& t) {
    if (t.kind != TokenKind::kWord) return;
    if (count++) words += ' ';
    words += t.folded;
  });
  if (count < 2) return {};
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(XXH64(words.data(), words.size(), 0)));
  return std::string(kTitleKey) + hex;
}

std::string exchange_term(std::string_view document_id) {
  if (document_id.size() <= 200) return std::string(kExchange) + std::string(document_id);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(XXH64(document_id.data(), document_id.size(), 0)));
  return std::string(kExchange) + "#" + hex;
}

std::string encode_word_offsets(const std::vector<uint32_t>& offsets) {
  std::string out;
  uint32_t previous = 0;
  for (uint32_t offset : offsets) {
    put_varint(out, offset - previous);
    previous = offset;
  }
  return out;
}

std::vector<uint32_t> decode_word_offsets(std::string_view encoded) {
  std::vector<uint32_t> out;
  uint32_t value = 0, delta = 0;
  int shift = 0;
  for (char c : encoded) {
    auto byte = static_cast<unsigned char>(c);
    if (shift < 32) delta |= static_cast<uint32_t>(byte & 0x7F) << shift;
    shift += 7;
    if (byte & 0x80) continue;
    value += delta;
    out.push_back(value);
    delta = 0;
    shift = 0;
  }
  return out;
}

unsigned sample_level(std::string_view id) {
  uint64_t h = XXH64(id.data(), id.size(), 0);
  unsigned level = 0;
  while (level < kSampleLevels && (h & 3) == 0) {
    ++level;
    h >>= 2;
  }
  return level;
}

std::string sample_term(unsigned level) { return term(kSample, std::to_string(level)); }

// (Built by append: assigning a prefix to a reused string trips GCC 12's -Wrestrict.)
std::string term(std::string_view prefix, std::string_view value) {
  std::string out;
  out.reserve(prefix.size() + value.size());
  out.append(prefix).append(value);
  return out;
}

std::string filter_term(std::string_view prefix, std::string_view value) {
  if (prefix == kCites || prefix == kNumber) {
    std::string key = canonical_number(value);
    return term(prefix, key.empty() ? filter_key(value) : key);
  }
  return term(prefix, filter_key(value));
}

}  // namespace tracuu::schema
