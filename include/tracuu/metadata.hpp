// What a document says about itself: type, number, title, issuer, date, signer, and the
// documents it implements or cites. Extracted from the text alone (header block, title lines,
// signature block, body), as a careful reader would.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tracuu {

// A document referred to in the text: "Chỉ thị số 03-CT/TW ngày 19/5/2021 của Ban Bí thư".
struct Directive {
  std::string id;    // conventional number, display form: "03-CT/TW"
  std::string key;   // canonical identity (DocumentNumber::key): "3/CT-TW"
  std::string kind;  // "Chỉ thị", "Kế hoạch"…, or "Văn bản" when the text does not say
  std::string date;  // ISO date when given, else empty
  std::string issuer;  // as written after "của", when given, else empty
};

// Every field is empty (year: 0) when the text does not tell it.
struct DocumentMetadata {
  std::string type;        // "Kế hoạch", "Công văn", "Quyết định"…
  std::string number;      // display form "1512/UBND-KT"; empty for drafts ("Số: /GDĐT-VP")
  std::string number_key;  // DocumentNumber::key of `number`
  // The symbol of a number line whose serial is blank ("Số: /TTr-SNV" → "TTr-SNV"): a draft, or
  // a serial written by hand after signing. The file's name may still say the serial.
  std::string draft_symbol;
  std::string title;
  std::string issuer;    // full name: "Ủy ban nhân dân tỉnh Tây Ninh"
  std::string province;  // "Tây Ninh", "Hồ Chí Minh"
  std::string date;      // ISO "2022-05-10"
  int year = 0;
  bool year_inferred = false;  // true when the year comes from the title or content, not the date
  std::string signer;
  // Read from a scanned page by OCR alone: digits and stacked marks are OCR's usual slips, so
  // the value is shown as less certain.
  bool number_uncertain = false;
  bool date_uncertain = false;
  std::vector<Directive> directives;  // each cited document once, in order of first mention
};

// What the rest of a bundle tells about one of its parts: a plan forwarded by a province's
// cover letter belongs to that province even when the plan itself does not name it.
struct BundleContext {
  std::string province;
};

// Extracts the metadata of one document (one part of a bundle: see bundle.hpp). `text` is
// NFC UTF-8 as produced by decode_source. Never throws on any input.
DocumentMetadata extract_metadata(std::string_view text, const BundleContext& context = {});

// The directives cited in `text`, deduplicated by key, excluding `own_number_key`.
std::vector<Directive> extract_directives(std::string_view text,
                                          const std::string& own_number_key = {});

}  // namespace tracuu
