// Decoding arbitrary bytes, legacy encodings included: either a clear error or NFC UTF-8 text.
#include <cstdint>
#include <cstdlib>

#include "tracuu/legacy_encoding.hpp"
#include "tracuu/normalize.hpp"
#include "tracuu/source_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto source = tracuu::decode_source(bytes);
  if (source.is_ok()) {
    if (!tracuu::is_valid_utf8(source->text) || source->encoding.empty()) std::abort();
    if (tracuu::to_nfc(source->text) != source->text) std::abort();
  } else if (source.status().message().empty()) {
    std::abort();
  }
  if (tracuu::is_valid_utf8(bytes)) tracuu::vietnamese_score(bytes);
  return 0;
}
