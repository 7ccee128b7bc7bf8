#include "zip_archive.hpp"

#include <zip.h>

namespace tracuu::intake {

Result<std::unique_ptr<ZipArchive>> ZipArchive::open(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    return Status::internal("cannot read zip from memory");
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!archive) {
    std::string why = zip_error_strerror(&error);
    zip_source_free(source);
    zip_error_fini(&error);
    return Status::invalid_argument("damaged zip archive: " + why);
  }
  zip_error_fini(&error);
  return std::unique_ptr<ZipArchive>(new ZipArchive(archive));
}

ZipArchive::~ZipArchive() { zip_discard(archive_); }

std::vector<std::string> ZipArchive::names() const {
  std::vector<std::string> out;
  zip_int64_t n = zip_get_num_entries(archive_, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    if (const char* name = zip_get_name(archive_, static_cast<zip_uint64_t>(i), 0)) {
      out.emplace_back(name);
    }
  }
  return out;
}

bool ZipArchive::contains(const std::string& name) const {
  return zip_name_locate(archive_, name.c_str(), 0) >= 0;
}

Result<std::string> ZipArchive::read(const std::string& name, size_t max_bytes) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(archive_, name.c_str(), 0, &st) != 0) return Status::not_found(name + " not in zip");
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    return Status::invalid_argument("encrypted document");
  }
  if ((st.valid & ZIP_STAT_SIZE) && st.size > max_bytes) {
    return Status::invalid_argument(name + " inflates to more than " +
                                    std::to_string(max_bytes >> 20) + " MB");
  }
  zip_file_t* file = zip_fopen(archive_, name.c_str(), 0);
  if (!file) return Status::invalid_argument("cannot open " + name + " in zip");
  std::string out;
  char buf[65536];
  zip_int64_t got;
  while ((got = zip_fread(file, buf, sizeof buf)) > 0) {
    out.append(buf, static_cast<size_t>(got));
    if (out.size() > max_bytes) {
      zip_fclose(file);
      return Status::invalid_argument(name + " inflates to more than " +
                                      std::to_string(max_bytes >> 20) + " MB");
    }
  }
  zip_fclose(file);
  if (got < 0) return Status::invalid_argument("damaged entry " + name + " in zip");
  return out;
}

}  // namespace tracuu::intake
