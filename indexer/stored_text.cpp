#include "tracuu/stored_text.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <optional>

#include "varint.hpp"

namespace tracuu {
namespace {

// Fast compression: with zlib, indexing 20,000 generated documents took less CPU than before
// blocks at level 1 (73–88 s against 79–91 s; Xapian no longer deflates the texts on its writer
// thread) and more at level 6 (83–88 s), for 7% more record bytes than level 6. libdeflate's
// level 1 gives an index of the same size (5,000 documents: 110 MB against zlib's 111).
constexpr int kCompressionLevel = 1;
// Bounds what a damaged header can make a reader allocate.
constexpr size_t kMaxBlockBytes = 1 << 20;

// Reads varints from a record that may be damaged: nullopt past the end or on overlong input.
class VarintReader {
 public:
  explicit VarintReader(std::string_view in) : in_(in) {}

  std::optional<size_t> next() {
    size_t value = 0;
    for (int shift = 0; shift < 64 && pos_ < in_.size(); shift += 7) {
      auto byte = static_cast<unsigned char>(in_[pos_++]);
      if (shift == 63 && byte > 1) return std::nullopt;  // past 64 bits
      value |= static_cast<size_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return value;
    }
    return std::nullopt;
  }
  size_t position() const { return pos_; }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

// libdeflate, one compressor and one decompressor per thread: the zlib format, so records
// written with zlib read unchanged, at twice zlib's speed (a 4 KB block of these texts inflates
// in 8 µs against 16), and no stream state to allocate per block.
class Deflater {
 public:
  Deflater() : compressor_(libdeflate_alloc_compressor(kCompressionLevel)) {}
  ~Deflater() { libdeflate_free_compressor(compressor_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  // The block compressed, or empty when that fails.
  std::string compress(std::string_view block) {
    if (!compressor_) return {};
    std::string out(libdeflate_zlib_compress_bound(compressor_, block.size()), '\0');
    size_t n =
        libdeflate_zlib_compress(compressor_, block.data(), block.size(), out.data(), out.size());
    out.resize(n);  // 0: did not fit
    return out;
  }

 private:
  libdeflate_compressor* compressor_;
};

class Inflater {
 public:
  Inflater() : decompressor_(libdeflate_alloc_decompressor()) {}
  ~Inflater() { libdeflate_free_decompressor(decompressor_); }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  // Inflates `stored` into exactly `out_size` bytes at `out`; false if it does not.
  bool inflate_into(std::string_view stored, char* out, size_t out_size) {
    size_t n = 0;
    return decompressor_ &&
           libdeflate_zlib_decompress(decompressor_, stored.data(), stored.size(), out, out_size,
                                      &n) == LIBDEFLATE_SUCCESS &&
           n == out_size;
  }

 private:
  libdeflate_decompressor* decompressor_;
};

size_t trimmed_size(std::string_view text) {
  size_t last = text.find_last_not_of(" \t\r\n");
  return last == std::string_view::npos ? 0 : last + 1;
}

}  // namespace

std::string encode_text_blocks(std::string_view text) {
  thread_local Deflater deflater;
  std::string header, body;
  put_varint(header, text.size());
  put_varint(header, trimmed_size(text));
  put_varint(header, kTextBlockBytes);
  const size_t n = (text.size() + kTextBlockBytes - 1) / kTextBlockBytes;
  put_varint(header, n);
  for (size_t i = 0; i < n; ++i) {
    std::string_view block = text.substr(i * kTextBlockBytes, kTextBlockBytes);
    std::string packed = deflater.compress(block);
    bool compressed = !packed.empty() && packed.size() < block.size();
    put_varint(header, (compressed ? packed.size() : block.size()) << 1 | (compressed ? 1 : 0));
    body.append(compressed ? std::string_view(packed) : block);
  }
  return header + body;
}

StoredText StoredText::plain(std::string_view text) {
  StoredText t;
  t.plain_ = text;
  t.size_ = text.size();
  t.content_end_ = trimmed_size(text);
  return t;
}

StoredText StoredText::blocks(std::string_view encoded, size_t* used) {
  VarintReader in(encoded);
  std::optional<size_t> size = in.next(), content_end = in.next(), block_bytes = in.next(),
                        n = in.next();
  if (!size || !content_end || !block_bytes || !n || *content_end > *size || *block_bytes == 0 ||
      *block_bytes > kMaxBlockBytes || *n > encoded.size() ||
      *n != *size / *block_bytes + (*size % *block_bytes != 0)) {  // (no overflow)
    return {};
  }
  StoredText t;
  t.block_bytes_ = *block_bytes;
  size_t offset = 0;
  for (size_t i = 0; i < *n; ++i) {
    std::optional<size_t> entry = in.next();
    if (!entry) return {};
    size_t stored = *entry >> 1;
    bool compressed = *entry & 1;
    // Every block inside the record (each bounded first, so the sum cannot wrap).
    if (stored > encoded.size() || offset + stored > encoded.size()) return {};
    size_t raw = std::min(*block_bytes, *size - i * *block_bytes);
    if (!compressed && stored != raw) return {};
    t.blocks_.push_back({offset, stored, compressed});
    offset += stored;
  }
  const size_t rest = encoded.size() - in.position();
  if (used ? rest < offset : rest != offset) return {};
  t.bytes_ = encoded.substr(in.position(), offset);
  if (used) *used = in.position() + offset;
  t.size_ = *size;
  t.content_end_ = *content_end;
  return t;
}

std::string_view StoredText::range(size_t from, size_t to) const {
  to = std::min(to, size_);
  if (from >= to) return {};
  if (blocks_.empty()) return from < plain_.size() ? plain_.substr(from, to - from) : "";
  const size_t first = from / block_bytes_, last = (to - 1) / block_bytes_;
  if (count_ == 0 || first < first_ || last >= first_ + count_) {
    thread_local Inflater inflater;
    inflated_.clear();
    first_ = first;
    count_ = 0;
    for (size_t i = first; i <= last; ++i, ++count_) {
      const Block& b = blocks_[i];
      std::string_view stored = bytes_.substr(b.offset, b.stored);
      const size_t raw = std::min(block_bytes_, size_ - i * block_bytes_);
      if (!b.compressed) {
        inflated_.append(stored);
        continue;
      }
      const size_t at = inflated_.size();
      inflated_.resize(at + raw);
      if (!inflater.inflate_into(stored, inflated_.data() + at, raw)) {  // damaged: nothing
        count_ = 0;
        inflated_.clear();
        return {};
      }
    }
  }
  const size_t base = first_ * block_bytes_;
  return std::string_view(inflated_).substr(from - base, to - from);
}

}  // namespace tracuu
