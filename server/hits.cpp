#include "hits.hpp"

#include <algorithm>

#include "tracuu/document_codec.hpp"
#include "tracuu/highlighter.hpp"
#include "tracuu/schema.hpp"
#include "tracuu/stored_text.hpp"

namespace tracuu {
namespace {

// Where the query's words are in document `id`, from the index's position lists, so snippets
// need not re-read the whole text.
MatchLocations locate(const Xapian::Database& db, Xapian::docid id, const Xapian::Document& xd,
                      const std::vector<std::string>& words) {
  MatchLocations where;
  for (uint32_t k = 0; k < words.size(); ++k) {
    for (auto p = db.positionlist_begin(id, words[k]); p != db.positionlist_end(id, words[k]);
         ++p) {
      if (*p >= schema::kNamePosition) break;  // the file's name: not in the text shown
      where.words.emplace_back(*p, k);
    }
  }
  std::sort(where.words.begin(), where.words.end());
  where.offsets = schema::decode_word_offsets(xd.get_value(schema::kOffsetsSlot));
  return where;
}

}  // namespace

std::vector<Hit> make_hits(const Xapian::Database& db, const std::vector<RankedOrder::Entry>& ranks,
                           const QueryTerms& terms) {
  const std::vector<std::string> located = terms.located_words();
  std::vector<Hit> hits;
  for (const RankedOrder::Entry& entry : ranks) {
    Xapian::Document xd = db.get_document(entry.docid);
    const std::string data = xd.get_data();
    Hit hit;
    hit.document = decode_metadata(data);
    hit.score = entry.weight;
    hit.snippet = make_snippet(stored_text(data), terms, locate(db, entry.docid, xd, located));
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace tracuu
