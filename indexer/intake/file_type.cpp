#include "file_type.hpp"

#include <magic.h>

#include <memory>

namespace tracuu::intake {
namespace {

struct MagicCloser {
  void operator()(magic_t m) const { magic_close(m); }
};
using Magic = std::unique_ptr<std::remove_pointer_t<magic_t>, MagicCloser>;

// A magic handle is not thread-safe; its database load costs a few milliseconds, once per thread.
magic_t thread_magic() {
  thread_local Magic magic = [] {
    Magic m(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS));
    if (m && magic_load(m.get(), nullptr) != 0) m.reset();
    return m;
  }();
  return magic.get();
}

}  // namespace

std::string content_type(std::string_view bytes) {
  magic_t m = thread_magic();
  const char* type = m ? magic_buffer(m, bytes.data(), bytes.size()) : nullptr;
  return type ? type : "application/octet-stream";
}

}  // namespace tracuu::intake
