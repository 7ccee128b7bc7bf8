// The analyzer: the one place that decides what a term is, for documents and for queries.
//
// Text (NFC, valid UTF-8) is cut into words with ICU character properties. Each word yields an
// exact form (canonical_word: lower case, tone placed by rule) and a folded form (no marks,
// đ→d). Runs of words joined by '-', '/', '&' (or '.' between digits) with no spaces are also
// reported whole as one compound token, so "03-CT/TW", "GD&ĐT", "COVID-19" and "19/5/2021" stay
// findable as typed; the compound's key is canonical (see compound_key below).
//
// Every token's forms are non-empty (but a compound's exact form, which is empty), valid UTF-8
// and at most kMaxTermBytes long, whatever the text holds: invisible code points (Unicode's
// default-ignorable ones: variation selectors, zero-width joiners, soft hyphens) and invalid
// bytes separate words, and a word never starts with a mark.
//
// An Analyzer holds reusable buffers: one per thread, not shared.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tracuu {

enum class TokenKind : uint8_t {
  kWord,      // one word: a syllable, an abbreviation, a number
  kCompound,  // several words joined without spaces; its words follow it as kWord tokens
};

struct Token {
  TokenKind kind = TokenKind::kWord;
  uint32_t position = 0;  // word position; a compound has the position of its first word
  uint32_t start = 0;     // byte offsets of the token in the analysed text
  uint32_t end = 0;
  std::string exact;   // kWord: canonical_word; kCompound: empty
  std::string folded;  // kWord: fold_diacritics; kCompound: compound_key
};

// Longest word kept whole, in bytes; longer runs (base64 blobs, garbage) are cut here so no
// term can approach Xapian's 245-byte limit.
inline constexpr size_t kMaxWordBytes = 80;
// Longest form of a token, in bytes: with the longest prefix (schema.hpp), under Xapian's limit.
inline constexpr size_t kMaxTermBytes = 200;

// The canonical key of a compound token: a document number's canonical key ("03-CT/TW" and
// "03/CT-TW" → "3/CT-TW"), a date's ISO form ("19/5/2021" → "2021-05-19"), otherwise the
// folded text with its joiners ("GD&ĐT" → "gd&dt").
std::string compound_key(std::string_view compound);

class Analyzer {
 public:
  // Calls sink(const Token&) for every token of `text`, in order. Positions start at
  // `first_position`; returns the position after the last word. The Token passed to `sink` is
  // reused: copy what you keep.
  template <typename Sink>
  uint32_t analyze(std::string_view text, uint32_t first_position, Sink&& sink);

 private:
  // Finds the next token at or after `pos_`; false at the end of the text.
  bool next(std::string_view text);

  Token token_;
  size_t offset_ = 0;        // scan position in bytes
  size_t compound_end_ = 0;  // end of the compound whose words are being emitted
  uint32_t position_ = 0;
};

template <typename Sink>
uint32_t Analyzer::analyze(std::string_view text, uint32_t first_position, Sink&& sink) {
  offset_ = 0;
  compound_end_ = 0;
  position_ = first_position;
  while (next(text)) sink(static_cast<const Token&>(token_));
  return position_;
}

}  // namespace tracuu
