// Internal: the lookup tables the extractor reads from data/ (document types, provinces,
// organ words, family names), each built once on first use. Immutable; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace tracuu {

struct DocumentType {
  std::string heading_folded;  // "ke hoach"
  std::string name;            // "Kế hoạch"
};

class DocumentTypes {
 public:
  static const DocumentTypes& instance();
  // All types, longest heading first.
  const std::vector<DocumentType>& all() const { return types_; }
  // The type a number's symbol code implies ("KH" → Kế hoạch; trailing digits ignored: QH15).
  const DocumentType* by_code(std::string_view code) const;

 private:
  DocumentTypes();
  std::vector<DocumentType> types_;
  std::unordered_map<std::string, size_t> by_code_;  // folded upper code → index
};

class Provinces {
 public:
  static const Provinces& instance();
  // The first province (canonical name) named in folded `text` at word boundaries, or empty.
  // `at`, when given, receives the folded offset of the match.
  std::string find(std::string_view folded_text, size_t* at = nullptr) const;
  // The province a district alone implies ("quan 7" → "Hồ Chí Minh"), or empty.
  std::string of_district(std::string_view folded_text) const;

 private:
  Provinces();
  std::vector<std::pair<std::string, std::string>> names_;      // folded alias → name
  std::vector<std::pair<std::string, std::string>> districts_;  // folded district → province
};

class OrganWords {
 public:
  static const OrganWords& instance();
  // Length in folded bytes of the organ word that `folded` starts with, or 0.
  size_t starts_name(std::string_view folded) const;

 private:
  OrganWords();
  std::vector<std::string> words_;  // folded, longest first
};

// Bodies of the whole country (data/national_bodies.txt), which have no province.
class NationalBodies {
 public:
  static const NationalBodies& instance();
  // Whether folded `issuer` starts with a national body's name.
  bool starts(std::string_view folded_issuer) const;

 private:
  NationalBodies();
  std::vector<std::string> names_;  // folded
};

class Surnames {
 public:
  static const Surnames& instance();
  bool contains(std::string_view word) const { return names_.count(std::string(word)) > 0; }

 private:
  Surnames();
  std::unordered_set<std::string> names_;
};

// True when `folded` has `word` at `at` with word boundaries on both sides.
bool word_at(std::string_view folded, size_t at, std::string_view word);
// Position of the first occurrence of `word` at word boundaries at or after `from`, or npos.
size_t find_word(std::string_view folded, std::string_view word, size_t from = 0);

}  // namespace tracuu
