// Internal: recognisers for the fixed parts of an administrative document's layout, shared by
// the metadata extractor and the bundle splitter so both read a document the same way.
#pragma once

#include <string>
#include <string_view>

#include "text_lines.hpp"

namespace tracuu::layout {

// The national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") or the party's.
bool is_motto(const Line& line);

// A page's running header or footer left in the text by a conversion: the Official Gazette's
// "CÔNG BÁO/Số 290/Ngày 29-05-2026", a page number alone. Never a number, date or title.
bool is_page_furniture(const Line& line);

// Folded length of the type heading ("KẾ HOẠCH", "QUYẾT ĐỊNH"…, printed in capitals) that
// starts `line`, or 0; `type` receives the type's name.
size_t heading_length(const Line& line, std::string* type = nullptr);

// A signer's name ending `line` ("Dương Văn Thắng"; "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Chí Hùng"
// ends with one too), or empty.
std::string name_at_end(std::string_view line);

}  // namespace tracuu::layout
