// The analyzer over whatever a file may hold, after the decoding the indexer does first:
// tokens stay inside the text, in order, every word's forms can be computed, and no token is an
// empty, overlong or invalid term.
#include <cstdint>
#include <cstdlib>

#include "tracuu/analyzer.hpp"
#include "tracuu/normalize.hpp"
#include "tracuu/source_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto source = tracuu::decode_source(bytes);
  if (!source.is_ok()) return 0;
  const std::string& text = source->text;
  tracuu::Analyzer analyzer;
  uint32_t last_start = 0;
  analyzer.analyze(text, 1, [&](const tracuu::Token& t) {
    if (t.start > t.end || t.end > text.size() || t.start < last_start) std::abort();
    // Every term Xapian is given must be non-empty, valid UTF-8 and under its length limit.
    if (t.folded.empty() || t.folded.size() > tracuu::kMaxTermBytes) std::abort();
    if (t.exact.size() > tracuu::kMaxTermBytes) std::abort();
    if (t.kind == tracuu::TokenKind::kWord && t.exact.empty()) std::abort();
    if (!tracuu::is_valid_utf8(t.folded) || !tracuu::is_valid_utf8(t.exact)) std::abort();
    last_start = t.start;
    if (t.kind == tracuu::TokenKind::kWord) {
      std::string_view word(text.data() + t.start, t.end - t.start);
      if (tracuu::canonical_word(word).empty() != word.empty()) std::abort();
      tracuu::is_vietnamese_syllable(word);
    }
  });
  return 0;
}
