// The metadata extractor and bundle splitter over arbitrary files, as the indexer runs them,
// document numbers read from arbitrary strings, the stored record of each document read back
// as written, and arbitrary bytes read as a stored record.
#include <cstdint>
#include <cstdlib>

#include "tracuu/document.hpp"
#include "tracuu/document_codec.hpp"
#include "tracuu/document_number.hpp"
#include "tracuu/normalize.hpp"
#include "tracuu/source_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  tracuu::StoredText record_text = tracuu::stored_text(bytes);
  if (record_text.range(size / 3, size).size() > record_text.size()) std::abort();
  tracuu::decode_document(bytes);
  if (tracuu::is_valid_utf8(bytes)) {
    tracuu::canonical_number(bytes);
    size_t consumed = 0;
    auto number = tracuu::parse_document_number(bytes, &consumed);
    if (number && consumed > bytes.size()) std::abort();
  }
  auto source = tracuu::decode_source(bytes);
  if (!source.is_ok()) return 0;
  auto docs = tracuu::documents_from_text("/fuzz/input.txt", source->text, source->encoding);
  if (docs.empty()) std::abort();
  for (const auto& d : docs) {
    if (!tracuu::is_valid_utf8(d.meta.title) || !tracuu::is_valid_utf8(d.meta.issuer) ||
        !tracuu::is_valid_utf8(d.meta.signer) || d.text.size() > source->text.size()) {
      std::abort();
    }
    tracuu::Document back = tracuu::decode_document(tracuu::encode_document(d));
    if (back.text != d.text || back.meta.title != d.meta.title) std::abort();
  }
  return 0;
}
