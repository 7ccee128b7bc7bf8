// Legacy Vietnamese encodings: converted when the result clearly reads as Vietnamese, never
// otherwise. Fixtures in tests/data/legacy/ were made from a seed's opening (expected.txt); the
// table-driven cases below encode text themselves, with encoders that do not read data/*.tsv:
// TCVN3 through glibc's TCVN5712-1 converter, Windows-1258 through ICU, VNI by its rule.
#include "tracuu/legacy_encoding.hpp"

#include <gtest/gtest.h>
#include <iconv.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <map>
#include <random>

#include "test_support.hpp"
#include "tracuu/source_text.hpp"

namespace tracuu {
namespace {

std::string fixture(const std::string& name) {
  return testing::read_file(std::filesystem::path(TRACUU_TEST_DATA_DIR) / "legacy" / name);
}

std::string lower(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).toLower().toUTF8String(out);
  return out;
}

namespace enc {

inline int cp1252_of(UChar32 c) {
  static const std::map<UChar32, int> m = {
      {0x20AC, 0x80}, {0x201A, 0x82}, {0x201E, 0x84}, {0x2026, 0x85}, {0x2020, 0x86},
      {0x2021, 0x87}, {0x2030, 0x89}, {0x2039, 0x8B}, {0x2018, 0x91}, {0x2019, 0x92},
      {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97},
      {0x2122, 0x99}, {0x203A, 0x9B}};
  if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) return c;
  auto it = m.find(c);
  return it == m.end() ? -1 : it->second;
}

inline std::u32string code_points(const std::string& s) {
  std::u32string out;
  int32_t i = 0, n = (int32_t)s.size();
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(c < 0 ? 0xFFFD : c);
  }
  return out;
}
inline std::string utf8(char32_t c) {
  std::string s;
  icu::UnicodeString(UChar32(c)).toUTF8String(s);
  return s;
}
inline std::u32string nfd(char32_t c) {
  UErrorCode st = U_ZERO_ERROR;
  auto* n = icu::Normalizer2::getNFDInstance(st);
  icu::UnicodeString u = n->normalize(icu::UnicodeString(UChar32(c)), st);
  std::string s;
  u.toUTF8String(s);
  return code_points(s);
}
inline std::string nfc(const std::string& s) {
  UErrorCode st = U_ZERO_ERROR;
  auto* n = icu::Normalizer2::getNFCInstance(st);
  std::string out;
  n->normalize(icu::UnicodeString::fromUTF8(s), st).toUTF8String(out);
  return out;
}
inline bool is_tone(char32_t m) {
  return m == 0x300 || m == 0x301 || m == 0x303 || m == 0x309 || m == 0x323;
}

// TCVN3 through glibc's TCVN5712-1 (VN1, a superset of VN3 at the same positions). Capitals
// with tones, which VN3 lacks, are written at their lower-case positions as .VnTimeH does.
inline std::string tcvn3(const std::string& text) {
  std::string out;
  iconv_t cd = iconv_open("TCVN5712-1", "UTF-8");
  for (char32_t c : code_points(text)) {
    std::string in = utf8(c);
    char buf[8];
    char* ip = in.data();
    size_t il = in.size();
    char* op = buf;
    size_t ol = sizeof buf;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    iconv(cd, nullptr, nullptr, &op, &ol);
    unsigned char b = (unsigned char)buf[0];
    bool vn3 = r != (size_t)-1 && op - buf == 1 &&
               ((b >= 0xA1 && b != 0xAF && !(b >= 0xB0 && b <= 0xB4) && b != 0xBA &&
                 !(b >= 0xBF && b <= 0xC5) && b != 0xCD && !(b >= 0xD9 && b <= 0xDB) && b != 0xE0 &&
                 b != 0xF0 && b != 0xFF));
    if (c >= 0x80 && vn3) {
      out.push_back((char)b);
      continue;
    }
    if (c < 0x80) {
      out.push_back((char)c);
      continue;
    }
    char32_t lower = u_tolower(c);
    if (lower != c) {
      out += tcvn3(utf8(lower));
      continue;
    }
    int w = cp1252_of(c);
    out.push_back(w >= 0x80 && w <= 0xA0 ? (char)w : '?');
  }
  iconv_close(cd);
  return out;
}

// VNI-Windows by its rule: base letter, then one mark byte (capitals: the byte's Latin-1 capital).
inline std::string vni(const std::string& text) {
  std::string out;
  for (char32_t c : code_points(nfc(text))) {
    if (c < 0x80) {
      out.push_back((char)c);
      continue;
    }
    std::u32string d = nfd(c);
    char32_t base = u_tolower(d[0]);
    bool upper = d[0] != base;
    char32_t quality = 0, tone = 0;
    for (size_t i = 1; i < d.size(); ++i) (is_tone(d[i]) ? tone : quality) = d[i];
    int sh = upper ? 0x20 : 0;
    auto B = [&](int b) { out.push_back((char)(b - sh)); };
    auto tone_byte = [&](char32_t t) {
      return t == 0x300 ? 0xF8 : t == 0x301 ? 0xF9 : t == 0x309 ? 0xFB : t == 0x303 ? 0xF5 : 0xEF;
    };
    if (c == U'đ' || c == U'Đ') {
      B(0xF1);
      continue;
    }
    if (base == 'i' && tone && !quality) {
      B(tone == 0x300   ? 0xEC
        : tone == 0x301 ? 0xED
        : tone == 0x309 ? 0xE6
        : tone == 0x303 ? 0xF3
                        : 0xF2);
      continue;
    }
    if (base == 'y' && tone == 0x323) {
      B(0xEE);
      continue;
    }
    if (quality == 0x31B && (base == 'o' || base == 'u')) {
      B(base == 'o' ? 0xF4 : 0xF6);
      if (tone) B(tone_byte(tone));
      continue;
    }
    if (std::u32string_view(U"aeouy").find(base) != std::u32string_view::npos &&
        (quality == 0 || quality == 0x302 || quality == 0x306) && !(quality == 0 && tone == 0)) {
      out.push_back((char)(upper ? u_toupper(base) : base));
      if (quality == 0x302)
        B(tone == 0       ? 0xE2
          : tone == 0x300 ? 0xE0
          : tone == 0x301 ? 0xE1
          : tone == 0x309 ? 0xE5
          : tone == 0x303 ? 0xE3
                          : 0xE4);
      else if (quality == 0x306)
        B(tone == 0       ? 0xEA
          : tone == 0x300 ? 0xE8
          : tone == 0x301 ? 0xE9
          : tone == 0x309 ? 0xFA
          : tone == 0x303 ? 0xFC
                          : 0xEB);
      else
        B(tone_byte(tone));
      continue;
    }
    int w = cp1252_of(c);
    out.push_back(w >= 0x80 && w <= 0xA0 ? (char)w : '?');
  }
  return out;
}

// Windows-1258 as Windows writes it: letters with ă â ê ô ơ ư đ precomposed, tones as combining
// bytes after the letter. ICU's converter, fed base + quality mark composed, tone separate.
inline std::string windows_1258(const std::string& text) {
  icu::UnicodeString u;
  for (char32_t c : code_points(nfc(text))) {
    std::u32string d = nfd(c);
    std::u32string head;
    char32_t tone = 0;
    for (char32_t x : d) {
      if (is_tone(x) && x != d[0])
        tone = x;
      else
        head.push_back(x);
    }
    std::string h;
    for (char32_t x : head) h += utf8(x);
    u += icu::UnicodeString::fromUTF8(nfc(h));
    if (tone) u += UChar32(tone);
  }
  UErrorCode st = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open("windows-1258", &st);
  std::string out(u.length() * 4 + 16, '\0');
  int32_t n = ucnv_fromUChars(cnv, out.data(), (int32_t)out.size(), u.getBuffer(), u.length(), &st);
  ucnv_close(cnv);
  out.resize(n);
  return out;
}

// Bytes as an editor shows them in Windows-1252, saved as UTF-8.
inline std::string as_cp1252_utf8(const std::string& bytes) {
  UErrorCode st = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open("windows-1252", &st);
  icu::UnicodeString u(bytes.data(), (int32_t)bytes.size(), cnv, st);
  ucnv_close(cnv);
  std::string out;
  u.toUTF8String(out);
  return out;
}

inline std::string in_codepage(const std::string& text, const char* cp) {
  UErrorCode st = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(cp, &st);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  std::string out(u.length() * 4 + 16, '\0');
  int32_t n = ucnv_fromUChars(cnv, out.data(), (int32_t)out.size(), u.getBuffer(), u.length(), &st);
  ucnv_close(cnv);
  out.resize(n);
  return out;
}

}  // namespace enc

// Real Vietnamese of 20 and more different words.
const char* const kSentences[] = {
    "Thực hiện Kế hoạch số 03/KH-UBND của Ủy ban nhân dân tỉnh về việc tuyên truyền, phổ biến "
    "giáo dục pháp luật năm 2022, Ban Thường vụ Liên đoàn Lao động tỉnh xây dựng kế hoạch "
    "triển khai thực hiện như sau.",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Người Việt Nam ưu tiên dùng hàng Việt Nam: nâng cao nhận thức, trách nhiệm của cán bộ, "
    "đảng viên, công chức, viên chức và người lao động trong toàn ngành.",
};

// Every Vietnamese letter, each a syllable on its own (đ is no syllable and is not counted).
std::string all_letters() {
  std::string out;
  for (const char* vowels : {"aăâeêioôơuưy", "AĂÂEÊIOÔƠUƯY"}) {
    for (char32_t v : enc::code_points(vowels)) {
      for (char32_t tone : {0x300, 0x301, 0x309, 0x303, 0x323}) {
        out += enc::nfc(enc::utf8(v) + enc::utf8(tone)) + " ";
      }
    }
  }
  return out + "đ Đ ";
}

// The opening of a seed: up to 2 KB, cut at a line end.
std::string seed_opening(const std::filesystem::path& p) {
  std::string text = testing::read_file(p);
  text = text.substr(0, text.rfind('\n', 2048) + 1);
  return text;
}

struct Encoding {
  const char* name;
  std::string (*encode)(const std::string&);
  bool loses_case;  // TCVN3: capitals with tones are written at the lower-case positions
};

const Encoding kEncodings[] = {
    {"tcvn3", enc::tcvn3, true},
    {"vni-windows", enc::vni, false},
    {"windows-1258", enc::windows_1258, false},
    {"tcvn3-in-utf8", [](const std::string& t) { return enc::as_cp1252_utf8(enc::tcvn3(t)); },
     true},
    {"vni-in-utf8", [](const std::string& t) { return enc::as_cp1252_utf8(enc::vni(t)); }, false},
};

void expect_round_trip(const std::string& text, const std::string& label) {
  auto as_utf8 = decode_source(text);  // the same text read as UTF-8: debris removed, NFC
  ASSERT_TRUE(as_utf8.is_ok()) << label;
  ASSERT_EQ(as_utf8->encoding, "utf-8") << label;
  const std::string& original = as_utf8->text;
  for (const Encoding& e : kEncodings) {
    std::string bytes = e.encode(text);
    auto decoded = decode_source(bytes);
    ASSERT_TRUE(decoded.is_ok()) << label << " in " << e.name << ": " << decoded.status().message();
    EXPECT_EQ(decoded->encoding, e.name) << label;
    // TCVN3 cannot tell "Việt" from "VIỆT" within a mixed line (VN3 has no capitals with
    // tones), so it is compared ignoring case; its all-capital heading lines come back exact.
    if (e.loses_case) {
      EXPECT_EQ(lower(decoded->text), lower(original)) << label << " in " << e.name;
    } else {
      EXPECT_EQ(decoded->text, original) << label << " in " << e.name;
    }
  }
}

TEST(LegacyEncodingTest, EveryEncodingOfVietnameseReadsBack) {
  for (const char* s : kSentences) expect_round_trip(s, s);
  expect_round_trip(std::string(kSentences[0]) + "\n" + all_letters() + "\n", "all letters");
  for (const auto& e : std::filesystem::directory_iterator(testing::corpus_dir())) {
    expect_round_trip(seed_opening(e.path()), e.path().filename().string());
  }
}

TEST(LegacyEncodingTest, TcvnHeadingsComeBackInCapitals) {
  auto decoded = decode_source(enc::tcvn3(kSentences[1]));
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(decoded->text.rfind("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", 0), 0u) << decoded->text;
}

// Inside running text, .VnTimeH capitals show as plain capitals around lower-case toned letters
// ("VIệT"): a word with two plain capitals or more and no plain lower case is raised whole. A
// word with one plain capital ("Số" or "SỐ"?) cannot be told and stays as it reads.
TEST(LegacyEncodingTest, TcvnCapitalWordsInRunningTextComeBackInCapitals) {
  const std::string line = "Thực hiện Kế hoạch VIỆT NAM SỐ HOÁ của UBND tỉnh Tây Ninh.\n";
  auto decoded = decode_source(enc::tcvn3(std::string(kSentences[0]) + "\n" + line));
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  EXPECT_EQ(decoded->encoding, "tcvn3");
  EXPECT_NE(decoded->text.find("\nThực hiện Kế hoạch VIỆT NAM Số HOÁ của UBND tỉnh Tây Ninh.\n"),
            std::string::npos)
      << decoded->text;
}

// Strings as they appear in real old files, independent of any encoder in this file.
TEST(LegacyEncodingTest, TheFontsExamplesReadRight) {
  auto tcvn3 = repair_lookalikes(
      "Céng hoµ x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc. Sè: 15/KH-UBND. "
      "Thùc hiÖn kÕ ho¹ch cña Uû ban nh©n d©n tØnh vÒ viÖc tuyªn truyÒn.");
  ASSERT_TRUE(tcvn3.has_value());
  EXPECT_EQ(tcvn3->encoding, "tcvn3-in-utf8");
  EXPECT_EQ(tcvn3->text.rfind("Cộng hoà xã hội chủ nghĩa Việt Nam.", 0), 0u) << tcvn3->text;
  EXPECT_NE(tcvn3->text.find("Độc lập - Tự do - Hạnh phúc"), std::string::npos) << tcvn3->text;

  auto vni = repair_lookalikes(
      "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc. Soá: "
      "15/KH-UBND. Thöïc hieän keá hoaïch cuûa Uûy ban nhaân daân tænh veà vieäc tuyeân "
      "truyeàn ñeán ngöôøi lao ñoäng.");
  ASSERT_TRUE(vni.has_value()) << "\"Uûy\" (a lower-case mark on a capital) is read as \"Ủy\"";
  EXPECT_EQ(vni->encoding, "vni-in-utf8");
  EXPECT_EQ(vni->text.rfind("Cộng hòa xã hội chủ nghĩa Việt Nam.", 0), 0u) << vni->text;
  EXPECT_NE(vni->text.find("của Ủy ban"), std::string::npos) << vni->text;
  EXPECT_NE(vni->text.find("tỉnh về việc tuyên truyền đến người lao động"), std::string::npos)
      << vni->text;
}

// The old fonts kept Windows-1252's punctuation at 0x80–0x9F: quotes and dashes survive.
TEST(LegacyEncodingTest, WindowsPunctuationInLegacyBytes) {
  std::string text =
      std::string(kSentences[0]) + " \xE2\x80\x9CNgười Việt Nam\xE2\x80\x9D \xE2\x80\x93 ";
  for (const Encoding& e : kEncodings) {
    auto decoded = decode_source(e.encode(text));
    ASSERT_TRUE(decoded.is_ok()) << e.name;
    EXPECT_EQ(decoded->encoding, e.name);
    EXPECT_NE(decoded->text.find("\xE2\x80\x9C"), std::string::npos) << e.name;
  }
}

TEST(LegacyEncodingTest, OtherLanguagesAreNeverGuessed) {
  for (const char* file : {"french_cp1252.txt", "russian_cp1251.txt", "english_latin1.txt"}) {
    auto decoded = decode_source(fixture(file));
    ASSERT_FALSE(decoded.is_ok()) << file << " was read as " << decoded->encoding;
    EXPECT_EQ(decoded.status().message().rfind("not valid UTF-8", 0), 0u);
  }
  auto french = decode_source(fixture("french_utf8.txt"));
  ASSERT_TRUE(french.is_ok());
  EXPECT_EQ(french->encoding, "utf-8") << "valid UTF-8 French stays as it is";

  std::mt19937 rng(1258);
  std::string random;
  for (int i = 0; i < 4000; ++i) random.push_back(static_cast<char>(1 + rng() % 255));
  std::string png("\x89PNG\r\n\x1A\n", 8);
  for (int i = 0; i < 200; ++i) png.push_back(static_cast<char>(0x80 + rng() % 128));
  std::string french_text =
      "Déjà vu, garçon, où êtes-vous ? Le café était fermé à cause de la grève, mais nous avons "
      "trouvé une crêperie près de la gare où l'on parlait français, anglais et vietnamien.";
  std::string paper_sizes;  // "A2×3 A2×4…": × reads as TCVN3 "ì", and "A", "ì" are syllables
  for (int i = 0; i < 60; ++i) {
    paper_sizes += "A" + std::to_string(i % 5) + "\xD7" + std::to_string(i % 7 + 2) + " ";
  }
  struct Case {
    const char* label;
    std::string bytes;
  };
  const Case cases[] = {
      {"random bytes", random},
      {"PNG header", png},
      {"French in Windows-1252", enc::in_codepage(french_text, "windows-1252")},
      {"English in Latin-1",
       enc::in_codepage("The committee's r\xC3\xA9sum\xC3\xA9 of the na\xC3\xAFve plan was "
                        "approved on Monday \xC2\xB7 \xC2\xB5g \xC2\xA7 3, with a few changes "
                        "to the budget and the schedule for the coming year.",
                        "iso-8859-1")},
      {"Russian in Windows-1251",
       enc::in_codepage("Постановление правительства о порядке рассмотрения обращений граждан "
                        "в органах местного самоуправления и государственной власти области.",
                        "windows-1251")},
      {"paper sizes in Windows-1250", paper_sizes},
  };
  for (const Case& c : cases) {
    auto decoded = decode_source(c.bytes);
    EXPECT_FALSE(decoded.is_ok() && decoded->encoding != "utf-8")
        << c.label << " was read as " << decoded->encoding;
  }
  // The same texts as UTF-8 stay as they are.
  for (const std::string& text : {french_text, std::string("Đây là tiếng Việt thật.")}) {
    auto decoded = decode_source(text);
    ASSERT_TRUE(decoded.is_ok());
    EXPECT_EQ(decoded->encoding, "utf-8");
    EXPECT_EQ(decoded->text, text);
  }
}

TEST(LegacyEncodingTest, AShortTextIsConvertedOnlyBeyondDoubt) {
  // A 60-byte TCVN3 file, a one-line Windows-1258 or VNI file: every word a syllable, most
  // marked, most among Vietnamese's most frequent syllables.
  const std::string line = "Cộng hoà xã hội chủ nghĩa Việt Nam";
  struct Case {
    std::string bytes;
    const char* encoding;
  };
  for (const Case& c : {Case{enc::tcvn3(line), "tcvn3"}, Case{enc::vni(line), "vni-windows"},
                        Case{enc::windows_1258(line), "windows-1258"}}) {
    auto decoded = decode_source(c.bytes);
    ASSERT_TRUE(decoded.is_ok()) << c.encoding << ": " << decoded.status().message();
    EXPECT_EQ(decoded->encoding, c.encoding);
    EXPECT_EQ(decoded->text, line);
  }
  // Too few words, or words Vietnamese does not use most, stay unread.
  EXPECT_FALSE(decode_source(enc::tcvn3("Việt Nam")).is_ok());
  EXPECT_FALSE(decode_source(enc::tcvn3("Nghêu sò ốc hến ngao")).is_ok());
}

TEST(LegacyEncodingTest, EverySeedIsUtf8AsItIs) {
  for (const auto& e : std::filesystem::directory_iterator(testing::corpus_dir())) {
    std::string bytes = testing::read_file(e.path());
    auto decoded = decode_source(bytes);
    ASSERT_TRUE(decoded.is_ok()) << e.path();
    EXPECT_EQ(decoded->encoding, "utf-8") << e.path();
    VietnameseScore s = vietnamese_score(decoded->text);
    EXPECT_TRUE(s.clearly_vietnamese()) << e.path() << " " << s.syllables << " " << s.marked;
  }
}

// The real documents kept outside the repository, when this machine has them: all are read as
// UTF-8, unchanged.
TEST(LegacyEncodingTest, EveryRealDocumentIsUtf8AsItIs) {
  const std::filesystem::path docs =
      std::filesystem::path(TRACUU_CORPUS_DIR) / "../../shared/realdocs/tvpl-2025/docs";
  if (!std::filesystem::is_directory(docs)) GTEST_SKIP() << docs << " is not on this machine";
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(docs)) {
    if (e.path().extension() != ".txt") continue;
    ++files;
    auto decoded = decode_source(testing::read_file(e.path()));
    ASSERT_TRUE(decoded.is_ok()) << e.path();
    EXPECT_EQ(decoded->encoding, "utf-8") << e.path();
  }
  EXPECT_GT(files, 0u);
}

TEST(LegacyEncodingTest, FixturesAreConverted) {
  const std::string expected = fixture("expected.txt");
  for (const auto& [file, encoding] :
       std::map<std::string, std::string>{{"windows1258.txt", "windows-1258"},
                                          {"tcvn3.txt", "tcvn3"},
                                          {"tcvn3_in_utf8.txt", "tcvn3-in-utf8"}}) {
    auto decoded = decode_source(fixture(file));
    ASSERT_TRUE(decoded.is_ok()) << file << ": " << decoded.status().message();
    EXPECT_EQ(decoded->encoding, encoding) << file;
    if (encoding == "windows-1258") {
      EXPECT_EQ(decoded->text, expected) << file;
    } else {
      EXPECT_EQ(lower(decoded->text), lower(expected)) << file;
    }
  }
}

TEST(LegacyEncodingTest, ScoresTellVietnameseFromOtherText) {
  EXPECT_TRUE(vietnamese_score(fixture("expected.txt")).clearly_vietnamese());
  EXPECT_FALSE(vietnamese_score(fixture("french_utf8.txt")).clearly_vietnamese());
  EXPECT_FALSE(vietnamese_score("The quick brown fox jumps over the lazy dog again and again "
                                "while the cat sleeps on the mat near the door of the house")
                   .clearly_vietnamese());
  EXPECT_FALSE(vietnamese_score("Ủy ban").clearly_vietnamese()) << "too few words to judge";
  VietnameseScore units = vietnamese_score("Điện áp 500 kV, QĐ-TTg, HĐND tỉnh, 20 mg");
  EXPECT_EQ(units.words, 3u) << "vowel-less abbreviations and units are not counted";
}

}  // namespace
}  // namespace tracuu
