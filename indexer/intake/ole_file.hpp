// Internal: what the readers need to know of an OLE compound file (CDF) without parsing it.
// Word 97-2003 files are OLE files, and so is a password-protected .docx: Office wraps the
// encrypted zip in an OLE file whose stream is named "EncryptedPackage".
#pragma once

#include <string_view>

namespace tracuu::intake {

// Whether the bytes start with the OLE compound file signature.
inline bool is_ole_file(std::string_view bytes) {
  return bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

// Whether an OLE file holds an encrypted Office package: its directory names the stream
// "EncryptedPackage" (UTF-16LE), which only password-protected OOXML files carry.
inline bool holds_encrypted_package(std::string_view bytes) {
  static constexpr char kName[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
  return is_ole_file(bytes) &&
         bytes.find(std::string_view(kName, sizeof kName - 1)) != std::string_view::npos;
}

}  // namespace tracuu::intake
