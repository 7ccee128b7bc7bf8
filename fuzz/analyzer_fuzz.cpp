// The analyzer over whatever a file may hold, after the decoding the indexer does first:
// tokens stay inside the text, in order, and every word's forms can be computed.
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
    if (t.folded.size() > 2 * tracuu::kMaxWordBytes + 64) std::abort();
    last_start = t.start;
    if (t.kind == tracuu::TokenKind::kWord) {
      std::string_view word(text.data() + t.start, t.end - t.start);
      if (tracuu::canonical_word(word).empty() != word.empty()) std::abort();
      tracuu::is_vietnamese_syllable(word);
    }
  });
  return 0;
}
