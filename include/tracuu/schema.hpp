// The index schema: every term prefix and value slot tracuu writes, in one place. The indexer
// writes these and the searcher reads them; nothing else should spell a prefix.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace tracuu::schema {

// Free-text terms (from the analyzer, analyzer.hpp).
//   (no prefix)  folded word, with positions: "hoa" for hoà/hòa/hóa/hoa. Phrases use these.
inline constexpr std::string_view kExact = "E";  // exact word when it differs from folded: "Ehòa"
inline constexpr std::string_view kCompound =
    "K";  // compound key: "K3/CT-TW", "Kgd&dt", "K2021-05-19"
inline constexpr std::string_view kTitle = "S";  // folded title word, no positions (title boost)
inline constexpr std::string_view kTitleExact = "T";  // exact title word when ≠ folded ("Tbán")
// An abbreviation whose expansion the text spells out, no positions: "Aubnd" where the text reads
// "Ủy ban nhân dân" (data/abbreviations.tsv). A query for UBND then needs this one term, not a
// phrase checked in every document that holds those four common syllables.
inline constexpr std::string_view kSpelledOut = "A";

// Boolean terms (wdf 0; filters and identity).
inline constexpr std::string_view kId = "Q";         // document id: "Qa1b2c3d4e5f6-2"
inline constexpr std::string_view kFile = "F";       // source file key: every part of one file
inline constexpr std::string_view kIssuer = "XI";    // filter_key(issuer)
inline constexpr std::string_view kYear = "XY";      // "XY2022"
inline constexpr std::string_view kType = "XT";      // filter_key(type)
inline constexpr std::string_view kProvince = "XP";  // filter_key(province)
inline constexpr std::string_view kCites = "XD";     // DocumentNumber::key of each cited document
inline constexpr std::string_view kNumber = "XN";    // DocumentNumber::key of the document itself
inline constexpr std::string_view kSerial = "XR";    // its serial alone ("156" of 156/TTr-SNV)
inline constexpr std::string_view kTitleKey = "XS";  // title_term(title): the title typed whole
inline constexpr std::string_view kExchange = "XE";  // exchange_term(edXML DocumentId)
// Nested samples of the archive, by which a search matching too many documents to count them
// all is estimated (server/match_counts.hpp): a document is in sample level L (1..kSampleLevels)
// when the hash of its id is 0 modulo 4^L, so each level holds about a quarter of the one above,
// spread over the archive whatever order its documents came in. As filter terms ("XZ1".."XZ6"),
// they work wherever a query does, Xapian's remote backend included.
inline constexpr std::string_view kSample = "XZ";
inline constexpr unsigned kSampleLevels = 6;  // the deepest holds about 1 document in 4,096

// Value slots: display strings for facets and sorting.
enum Slot : Xapian::valueno {
  kDateSlot = 0,       // "YYYYMMDD" (sorts lexically); empty when unknown
  kIssuerSlot = 1,     // issuer as displayed
  kYearSlot = 2,       // "2022"
  kTypeSlot = 3,       // "Kế hoạch"
  kProvinceSlot = 4,   // "Tây Ninh"
  kDirectiveSlot = 5,  // cited documents' display ids joined by kMultiValueSeparator
  kNumberSlot = 6,     // own number, display form
  kOffsetsSlot = 7,    // encode_word_offsets: where every kOffsetStride-th text word starts
};
inline constexpr char kMultiValueSeparator = '\x1f';

// Database metadata keys.
// The schema's version, kept in the database: a change to what the indexer writes that the
// searcher depends on bumps it, and tracuu-index refuses to mix versions in one index.
inline constexpr std::string_view kSchemaVersionKey = "tracuu:schema";
inline constexpr std::string_view kSchemaVersion = "4";
// The analysis the index's terms were made with: a hash of the data/ tables compiled into the
// binary that wrote it (abbreviations, number codes, document types, provinces, organs,
// surnames, legacy encodings), which decide terms as much as the code does. An index made with
// other tables is refused by the server and by incremental runs: rebuild it.
inline constexpr std::string_view kAnalysisKey = "tracuu:analysis";
std::string analysis_stamp();
// Why `db` (which holds documents) cannot be read or added to by this build: another schema
// version or another analysis; empty when it can. An empty index is never refused.
std::string stamp_mismatch(const Xapian::Database& db);
// + file key → "<xxh64 hex>\t<size> <mtime ns>\t<path>" (indexer/file_record.hpp)
inline constexpr std::string_view kFileRecord = "file:";

// Positions: the title's words are not indexed separately; free text starts at 1.
inline constexpr Xapian::termpos kFirstPosition = 1;
// The words of the file's name and of its folder's ("Tờ trình 156 SNV …/Du thao.docx": how
// offices name a case) are indexed as text from this position, far past any text's words, so
// that "tờ trình 156" finds the case even where its number is handwritten or left blank, no
// phrase joins them to the text, and snippets never show them.
inline constexpr Xapian::termpos kNamePosition = 1u << 30;

// Snippets find matches by their positions in the index, then analyse only the words around
// them; these checkpoints (the byte offset of words kFirstPosition, +kOffsetStride, …) say where
// in the text to start. Varint deltas: about one byte per 32 words.
inline constexpr uint32_t kOffsetStride = 32;
std::string encode_word_offsets(const std::vector<uint32_t>& offsets);
std::vector<uint32_t> decode_word_offsets(std::string_view encoded);

// The key a facet value is filtered by: folded, lower case, spaces squeezed, at most 200 bytes
// ("Ủy ban nhân dân tỉnh Tây Ninh" → "uy ban nhan dan tinh tay ninh").
std::string filter_key(std::string_view display);

// kTitleKey + a hash of the folded words of `text` (two words or more, else empty): a query that
// is a whole title, typed with or without diacritics, finds that title's document first.
std::string title_term(std::string_view text);

// kExchange + the edXML DocumentId a document came under (hashed when too long for a term), by
// which a later package revokes or replaces it.
std::string exchange_term(std::string_view document_id);

// The deepest sample level the document with `id` belongs to (0: in none, 3 of 4 documents).
unsigned sample_level(std::string_view id);
// kSample + the level: "XZ2".
std::string sample_term(unsigned level);

// A term as written: prefix + value ("E" + "hòa" → "Ehòa").
std::string term(std::string_view prefix, std::string_view value);

// prefix + filter_key(value), or for kCites/kNumber prefix + canonical number key.
std::string filter_term(std::string_view prefix, std::string_view value);

}  // namespace tracuu::schema
