#!/usr/bin/env python3
"""Writes the hand-made .rtf fixtures: vntime.rtf, a TCVN3 (.VnTime) letter whose bytes are
\\'hh escapes, as 1990s-2000s Vietnamese Word wrote them, and unicode.rtf, Word-style \\uN
escapes with \\ucN fallbacks, a cp1258 font, a header table, running header and footer, and the
destinations a reader must skip. vntime.doc was converted from vntime.rtf by LibreOffice."""
import subprocess


def tcvn3(text):
    raw = subprocess.run(['iconv', '-f', 'utf-8', '-t', 'TCVN5712-1'], input=text.encode(),
                         capture_output=True, check=True).stdout
    return ''.join(chr(b) if b < 0x80 else "\\'%02x" % b for b in raw)


VNTIME = (r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fnil\fcharset0 .VnTime;}"
          r"{\f1\fnil\fcharset0 .VnTimeH;}}{\colortbl;\red0\green0\blue0;}"
          r"{\info{\title " + tcvn3('Công văn') + r"}{\author VP}}"
          "\n" r"\pard\f1\b " + tcvn3('ủy ban nhân dân') + r"\b0\par"
          "\n" r"\f0 " + tcvn3('Cộng hoà xã hội chủ nghĩa Việt Nam') + r"\par"
          "\n" + tcvn3('Độc lập - Tự do - Hạnh phúc') + r"\par"
          "\n" + tcvn3('Đảng bộ cơ quan ủy ban nhân dân huyện báo cáo kết quả') + r"\par"
          "\n" + tcvn3('Thực hiện chỉ thị của tỉnh ủy về công tác tuyên truyền, các chi bộ '
                        'đã tổ chức học tập nghị quyết cho toàn thể đảng viên trong năm.') + r"\par"
          "\n" + tcvn3('Kết quả đánh giá, xếp loại chất lượng đảng viên được báo cáo về '
                        'ban thường vụ trước ngày mười lăm tháng mười hai.') + r"\par}")


def u(text):
    """Word's escapes: \\uN then one fallback character ('?')."""
    out = []
    for ch in text:
        if ord(ch) < 0x80:
            out.append(ch)
        else:
            n = ord(ch)
            out.append('\\u%d?' % (n - 0x10000 if n > 0x7FFF else n))
    return ''.join(out)


UNICODE = (r"{\rtf1\ansi\ansicpg1252\uc1\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}"
           r"{\f1\froman\fcharset163 Times New Roman;}}"
           r"{\colortbl;\red255\green0\blue0;}{\stylesheet{\s0 Normal;}}"
           r"{\*\generator Hand 1.0;}{\info{\title K\u7871? ho\u7841?ch}}"
           "\n" r"{\header \pard " + u('Kế hoạch 45/KH-UBND') + r"\par}"
           r"{\footer \pard Trang 1\par}"
           "\n" r"\trowd\cellx4500\cellx9000"
           r"\pard\intbl " + u('ỦY BAN NHÂN DÂN') + r"\line " + u('HUYỆN ĐỨC TRỌNG') + r"\cell"
           r"\pard\intbl C\u7896?NG H\u210?A X\u195? H\u7896?I CH\u7910? NGH\u296?A VI\u7878?T NAM\cell\row"
           "\n" r"\trowd\cellx4500\cellx9000"
           r"\pard\intbl S\u7889?: 45/KH-UBND\cell"
           r"\pard\intbl " + u('Đức Trọng, ngày 10 tháng 01 năm 2025') + r"\cell\row"
           "\n" r"\pard K\uc2\u7871\'3f\'3f ho\uc1\u7841?ch\par"
           "\n" r"{\f1 Vi\'ea\'f2t Nam\tab ngay}\~nay\emdash x\u7917?\{1\}\par"
           "\n" r"{\pict\wmetafile8\picw10\pich10 0102030405060708090a}"
           r"{\*\shppict{\pict\pngblip 89504e47}}{\object\objemb{\*\objdata 0102}{\result R\u7889?}}"
           r"{\*\bkmkstart x}{\field{\*\fldinst HYPERLINK \"x\"}{\fldrslt Xem t\u7841?i}}\par}")


def main():
    with open('vntime.rtf', 'w', encoding='ascii') as f:
        f.write(VNTIME)
    with open('unicode.rtf', 'w', encoding='ascii') as f:
        f.write(UNICODE)


if __name__ == '__main__':
    main()
