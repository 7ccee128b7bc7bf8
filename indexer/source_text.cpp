#include "tracuu/source_text.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "tracuu/legacy_encoding.hpp"
#include "tracuu/normalize.hpp"

namespace tracuu {
namespace {

// Removes every "[open…]" span whose opening matches `open`, up to the next ']'.
void erase_bracketed(std::string& s, std::string_view open) {
  for (size_t i = 0; (i = s.find(open, i)) != std::string::npos;) {
    size_t close = s.find(']', i);
    if (close == std::string::npos || close - i > 200) {
      ++i;
      continue;
    }
    s.erase(i, close - i + 1);
  }
}

void erase_all(std::string& s, std::string_view what) {
  for (size_t i = 0; (i = s.find(what, i)) != std::string::npos;) s.erase(i, what.size());
}

void replace_all(std::string& s, std::string_view what, std::string_view with) {
  for (size_t i = 0; (i = s.find(what, i)) != std::string::npos; i += with.size()) {
    s.replace(i, what.size(), with);
  }
}

// Fonts of some PDF producers map Ư to the Latin letter "OI" (Ƣ, U+01A2), which no Vietnamese
// text holds: "CHƢƠNG I" is "CHƯƠNG I".
void repair_oi_for_u_horn(std::string& s) {
  if (s.find("\xC6\xA2") == std::string::npos && s.find("\xC6\xA3") == std::string::npos) return;
  replace_all(s, "\xC6\xA2", "\xC6\xAF");  // Ƣ → Ư
  replace_all(s, "\xC6\xA3", "\xC6\xB0");  // ƣ → ư
}

}  // namespace

std::string remove_debris(std::string_view text) {
  std::string s(text);
  erase_bracketed(s, "[bookmark:");
  erase_bracketed(s, "[Handwritten signature");
  erase_bracketed(s, "[Signature");
  erase_all(s, "**");
  return s;
}

Result<SourceText> decode_source(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Status::invalid_argument("empty file");
  }
  if (bytes.find('\0') != std::string_view::npos) {
    return Status::invalid_argument("binary file (contains NUL bytes)");
  }
  std::string encoding = "utf-8";
  std::optional<LegacyText> legacy;
  if (!is_valid_utf8(bytes)) {
    legacy = decode_legacy(bytes);
    if (!legacy) {
      return Status::invalid_argument(
          "not valid UTF-8, and not Vietnamese in Windows-1258, TCVN3 or VNI either");
    }
  } else {
    // "Céng hoµ x· héi": TCVN3 (or VNI) read as Windows-1252. Gives up at the first code
    // point beyond Windows-1252, so real Vietnamese costs a few bytes of scanning.
    legacy = repair_lookalikes(bytes);
  }
  if (legacy) {
    encoding = legacy->encoding;
    bytes = legacy->text;
  }
  std::string text;
  text.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\r') {
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') continue;
      text.push_back('\n');
    } else {
      text.push_back(bytes[i]);
    }
  }
  // Debris out first: removing "**" between a letter and a combining mark would leave text
  // that is no longer NFC.
  repair_oi_for_u_horn(text);
  return SourceText{to_nfc(remove_debris(text)), encoding};
}

Result<SourceText> read_source(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return errno == ENOENT
               ? Status::not_found("file not found")
               : Status::unavailable(std::string("cannot read: ") + std::strerror(errno));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Status::unavailable("read error");
  return decode_source(bytes.str());
}

}  // namespace tracuu
