# Turns a data file into a C++ source defining `const std::string_view <SYMBOL>`.
# Run as a script: cmake -DINPUT=... -DOUTPUT=... -DSYMBOL=... -P embed.cmake
file(READ "${INPUT}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUTPUT}"
  "// Generated from ${INPUT}; edit the data file, not this one.\n"
  "#include <string_view>\n"
  "namespace tracuu::data {\n"
  "static const unsigned char kBytes[] = {${bytes} 0};\n"
  "extern const std::string_view ${SYMBOL};\n"
  "const std::string_view ${SYMBOL}(reinterpret_cast<const char*>(kBytes), sizeof(kBytes) - 1);\n"
  "}  // namespace tracuu::data\n")
