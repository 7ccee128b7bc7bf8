// Internal: unsigned integers written in 7-bit groups, low group first, the high bit of each
// byte saying another follows (LEB128). The word checkpoints (schema.cpp) and the stored text's
// block table (stored_text.cpp) are written this way; each reader checks what its format needs.
#pragma once

#include <cstdint>
#include <string>

namespace tracuu {

inline void put_varint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

}  // namespace tracuu
