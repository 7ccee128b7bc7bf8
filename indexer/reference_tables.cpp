#include "reference_tables.hpp"

#include <algorithm>

#include "embedded_data.hpp"
#include "text_lines.hpp"

namespace tracuu {
namespace {

bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
         (static_cast<unsigned char>(c) >= 0x80);
}

std::string upper_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return s;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  while (true) {
    size_t tab = line.find('\t');
    fields.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) break;
    line = line.substr(tab + 1);
  }
  return fields;
}

}  // namespace

bool word_at(std::string_view folded, size_t at, std::string_view word) {
  if (folded.substr(at, word.size()) != word) return false;
  if (at > 0 && is_word_byte(folded[at - 1])) return false;
  size_t end = at + word.size();
  return end >= folded.size() || !is_word_byte(folded[end]);
}

size_t find_word(std::string_view folded, std::string_view word, size_t from) {
  for (size_t at = folded.find(word, from); at != std::string_view::npos;
       at = folded.find(word, at + 1)) {
    if (word_at(folded, at, word)) return at;
  }
  return std::string_view::npos;
}

const DocumentTypes& DocumentTypes::instance() {
  static const DocumentTypes table;
  return table;
}

DocumentTypes::DocumentTypes() {
  std::vector<std::vector<std::string_view>> rows;
  for (std::string_view line : data::lines_of(data::kDocumentTypes)) {
    std::vector<std::string_view> f = split_tabs(line);
    if (f.size() >= 2) rows.push_back(std::move(f));
  }
  // Longest heading first, so "THÔNG TƯ LIÊN TỊCH" wins over "THÔNG TƯ".
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a[0].size() > b[0].size(); });
  for (const auto& f : rows) {
    for (size_t k = 2; k < f.size(); ++k)
      by_code_.emplace(upper_ascii(fold_text(f[k])), types_.size());
    types_.push_back({fold_text(f[0]), std::string(f[1])});
  }
}

const DocumentType* DocumentTypes::by_code(std::string_view code) const {
  std::string c = upper_ascii(fold_text(code));
  while (!c.empty() && c.back() >= '0' && c.back() <= '9') c.pop_back();
  auto it = by_code_.find(c);
  return it == by_code_.end() ? nullptr : &types_[it->second];
}

const Provinces& Provinces::instance() {
  static const Provinces table;
  return table;
}

Provinces::Provinces() {
  for (std::string_view line : data::lines_of(data::kProvinces)) {
    std::vector<std::string_view> f = split_tabs(line);
    if (line.substr(0, 10) == "@district ") {
      if (f.size() == 2) districts_.emplace_back(fold_text(f[0].substr(10)), std::string(f[1]));
      continue;
    }
    for (std::string_view alias : f) names_.emplace_back(fold_text(alias), std::string(f[0]));
  }
  // Longer names first so "bac ninh" is not read as "ninh binh"-like prefixes of others.
  std::stable_sort(names_.begin(), names_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

std::string Provinces::find(std::string_view folded, size_t* at) const {
  size_t best = std::string_view::npos;
  std::string name;
  for (const auto& [alias, canonical] : names_) {
    size_t p = find_word(folded, alias);
    if (p < best) {
      best = p;
      name = canonical;
    }
  }
  if (at) *at = best;
  return name;
}

std::string Provinces::of_district(std::string_view folded) const {
  for (const auto& [district, province] : districts_) {
    if (find_word(folded, district) != std::string_view::npos) return province;
  }
  return {};
}

const OrganWords& OrganWords::instance() {
  static const OrganWords table;
  return table;
}

OrganWords::OrganWords() {
  for (std::string_view line : data::lines_of(data::kOrgans)) words_.push_back(fold_text(line));
  std::stable_sort(words_.begin(), words_.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

const NationalBodies& NationalBodies::instance() {
  static const NationalBodies table;
  return table;
}

NationalBodies::NationalBodies() {
  for (std::string_view line : data::lines_of(data::kNationalBodies))
    names_.push_back(fold_text(line));
}

bool NationalBodies::starts(std::string_view folded_issuer) const {
  for (const std::string& n : names_) {
    if (word_at(folded_issuer, 0, n)) return true;
  }
  return false;
}

size_t OrganWords::starts_name(std::string_view folded) const {
  for (const std::string& w : words_) {
    if (word_at(folded, 0, w)) return w.size();
  }
  return 0;
}

const Surnames& Surnames::instance() {
  static const Surnames table;
  return table;
}

Surnames::Surnames() {
  for (std::string_view line : data::lines_of(data::kSurnames)) names_.emplace(line);
}

}  // namespace tracuu
