// How a document's text is kept in the index: cut into blocks of kTextBlockBytes, each
// compressed on its own (the zlib format, written and read with libdeflate), so a search hit
// inflates only the block or two its snippet shows. Stored whole, the text was inflated entirely by
// Xapian for every hit: a third of a search over long real documents went to that.
//
// Encoded form (after the metadata line of document_codec.hpp):
//   varint text size, varint content end (the size without trailing whitespace), varint block
//   size b, varint block count n, n × varint (stored size << 1 | compressed), then the n blocks.
// Every block but the last holds exactly b bytes of text (kTextBlockBytes when written now). A
// block that compression does not shrink is stored as it is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu {

inline constexpr size_t kTextBlockBytes = 4096;

std::string encode_text_blocks(std::string_view text);

// Read access to a stored text, in either form: blocks (encode_text_blocks) or the plain text
// of records written before blocks. It views the record it was made from, which must outlive
// it. A malformed record reads as an empty text, never as an exception or a read out of bounds.
class StoredText {
 public:
  StoredText() = default;
  static StoredText plain(std::string_view text);
  // With `used`, the encoded text may be followed by other bytes (a record holding several
  // texts one after another); *used tells its length.
  static StoredText blocks(std::string_view encoded, size_t* used = nullptr);

  size_t size() const { return size_; }
  // Where the text ends once trailing whitespace is dropped.
  size_t content_end() const { return content_end_; }

  // The bytes [from, to) of the text (clamped to its size). The view stays valid until the next
  // call on this object: it may point into blocks inflated for this call.
  std::string_view range(size_t from, size_t to) const;
  std::string_view prefix(size_t n) const { return range(0, n); }
  std::string whole() const { return std::string(range(0, size_)); }

 private:
  struct Block {
    size_t offset;  // into the record's block bytes
    size_t stored;
    bool compressed;
  };

  std::string_view plain_;  // the text itself, for plain records
  std::string_view bytes_;  // the blocks' bytes, for block records
  std::vector<Block> blocks_;
  size_t size_ = 0;
  size_t content_end_ = 0;
  size_t block_bytes_ = kTextBlockBytes;
  // Blocks [first_, first_ + count) inflated together, so a range across a boundary is one view.
  mutable std::string inflated_;
  mutable size_t first_ = 0, count_ = 0;
};

}  // namespace tracuu
