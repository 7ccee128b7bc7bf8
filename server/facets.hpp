// Internal: counting facet values over a whole result set.
#pragma once

#include <xapian.h>

#include <map>
#include <string>

namespace tracuu {

// Counts the values of a slot that holds several values joined by a separator (the documents a
// document cites), where Xapian's ValueCountMatchSpy would count the joined string as one.
// Local databases only: the remote backend cannot run custom spies.
class MultiValueCountSpy : public Xapian::MatchSpy {
 public:
  MultiValueCountSpy(Xapian::valueno slot, char separator) : slot_(slot), separator_(separator) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  const std::map<std::string, Xapian::doccount>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  char separator_;
  std::map<std::string, Xapian::doccount> counts_;
};

}  // namespace tracuu
