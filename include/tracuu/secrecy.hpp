// State-secret marks: a document stamped "MẬT", "TỐI MẬT" or "TUYỆT MẬT" at the top of its first
// page must not be served to whoever reaches the search page, so the indexer skips it unless the
// operator allows secret documents for its folder (tracuu-index --index-secret FOLDER).
#pragma once

#include <string>
#include <string_view>

namespace tracuu {

// The degree a first page is stamped with ("Tối mật"), or empty. Only a line near the top that
// is the stamp alone counts ("MẬT", "Độ mật: Tối mật"), with its marks: "MẶT" is another word,
// and "bảo mật thông tin" in a sentence is no stamp. `first_page` is NFC UTF-8.
std::string secrecy_mark(std::string_view first_page);

}  // namespace tracuu
