// Internal: a ReadFile as JSON, which the reader process (tracuu-read) writes to its standard
// output and the indexer reads back. The format is private to these two functions.
#pragma once

#include <string>
#include <string_view>

#include "tracuu/intake.hpp"

namespace tracuu::intake {

// One JSON object; an error is written as {"error": "..."}.
std::string read_result_to_json(const Result<ReadFile>& result);

// Reads what read_result_to_json wrote; kInternal when it is not that.
Result<ReadFile> read_result_from_json(std::string_view json);

}  // namespace tracuu::intake
