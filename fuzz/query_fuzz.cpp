// What users type: the server passes only valid UTF-8 (it rejects the rest) in NFC. Parsing,
// building the Xapian query and highlighting must never fail, and marks stay well formed.
#include <cstdint>
#include <cstdlib>

#include "tracuu/highlighter.hpp"
#include "tracuu/normalize.hpp"
#include "tracuu/query.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  if (size > 4096 || !tracuu::is_valid_utf8(raw)) return 0;
  std::string q = tracuu::to_nfc(raw);
  if (tracuu::parse_query(q).size() > tracuu::kMaxQueryClauses) std::abort();
  tracuu::QueryTerms terms;
  Xapian::Query query = tracuu::build_query(q, &terms);
  (void)query.get_description();
  tracuu::build_query(q, nullptr, tracuu::WordMatch::kAnyWord);
  // The query text as a document: its own words must be marked in it.
  std::string marked = tracuu::highlight_all(q, terms);
  if (!tracuu::is_valid_utf8(marked)) std::abort();
  std::string snippet = tracuu::make_snippet(q, terms);
  if (!tracuu::is_valid_utf8(snippet)) std::abort();
  return 0;
}
