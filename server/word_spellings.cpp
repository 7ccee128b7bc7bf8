#include "word_spellings.hpp"

#include "tracuu/normalize.hpp"
#include "tracuu/schema.hpp"

namespace tracuu {

std::shared_ptr<const WordSpellings> WordSpellings::load(const Xapian::Database& db) {
  auto spellings = std::make_shared<WordSpellings>();
  const std::string prefix(schema::kExact);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    std::string exact = (*t).substr(prefix.size());
    Spelling& best = spellings->most_frequent_[fold_diacritics(exact)];
    if (t.get_termfreq() > best.documents) best = {std::move(exact), t.get_termfreq()};
  }
  return spellings;
}

std::string WordSpellings::spelling_of(const std::string& folded,
                                       Xapian::doccount folded_frequency) const {
  auto it = most_frequent_.find(folded);
  if (it == most_frequent_.end() || it->second.documents * 2 < folded_frequency) return folded;
  return it->second.exact;
}

}  // namespace tracuu
