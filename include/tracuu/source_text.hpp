// Reading source files: from bytes on disk to the clean NFC text the rest of tracuu reads.
//
// What users later read (document view, snippets) is this text: the document's own words,
// normalised to NFC and with conversion debris removed ("[bookmark: …]", "**",
// "[Handwritten signature]"), never rewritten otherwise.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "tracuu/status.hpp"

namespace tracuu {

struct SourceText {
  std::string text;      // NFC UTF-8, '\n' line ends, no BOM, debris removed
  std::string encoding;  // what the bytes were read as: "utf-8", or a legacy encoding
                         // converted from (legacy_encoding.hpp)
};

// Decodes a file's bytes. Text in a legacy Vietnamese encoding (Windows-1258, TCVN3, VNI, or
// TCVN3/VNI look-alikes inside UTF-8) is converted when it clearly reads as Vietnamese and
// `encoding` names it; text that does not is never converted by guesswork. Fails with
// kInvalidArgument, saying why, for empty files, binary data (NUL bytes) and text that is
// neither UTF-8 nor a recognised Vietnamese encoding.
Result<SourceText> decode_source(std::string_view bytes);

// Reads and decodes a file; kNotFound / kUnavailable when it cannot be read.
Result<SourceText> read_source(const std::filesystem::path& path);

// Removes conversion debris from text (see above); used by decode_source.
std::string remove_debris(std::string_view text);

}  // namespace tracuu
