#!/usr/bin/env python3
"""Writes word_1258.html, a page as Word 2003 saved Vietnamese documents: Windows-1258 bytes
(base letters and combining tone bytes), entities, a head with title, style and xml, a script,
a VML text box in a conditional comment with its HTML copy, and a header table with a nested
table. cong_van.html was converted from cong_van.docx by LibreOffice."""
import unicodedata

TONES = {'\u0300', '\u0301', '\u0303', '\u0309', '\u0323'}


def cp1258(text):
    out = bytearray()
    for ch in unicodedata.normalize('NFC', text):
        try:
            out += ch.encode('cp1258')
        except UnicodeEncodeError:
            parts = unicodedata.normalize('NFD', ch)
            base = unicodedata.normalize('NFC', ''.join(c for c in parts if c not in TONES))
            tone = ''.join(c for c in parts if c in TONES)
            out += (base + tone).encode('cp1258')
    return bytes(out)


PAGE = '''<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1258">
<meta name=Generator content="Microsoft Word 11">
<title>Tiêu đề trang</title>
<style><!-- p.MsoNormal {margin:0in; font-family:"Times New Roman";} --></style>
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>VP</o:Author></o:DocumentProperties></xml><![endif]-->
</head>
<body lang=EN-US>
<script type="text/javascript">var x = "<p>không phải văn bản</p>";</script>
<div class=Section1>
<table border=0 cellspacing=0 cellpadding=0>
 <tr>
  <td width=240 valign=top><p class=MsoNormal align=center>SỞ NỘI VỤ<o:p></o:p></p>
  <p class=MsoNormal align=center><b>PHÒNG TỔ CHỨC</b></p></td>
  <td width=400 valign=top><p class=MsoNormal align=center><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>
  <p class=MsoNormal align=center>Độc lập - Tự do - Hạnh phúc</p></td>
 </tr>
 <TR>
  <TD colspan=1><p class=MsoNormal>Số: 07/TB-PTC</p></TD>
  <TD><p class=MsoNormal><i>Lâm Đồng, ngày 02 tháng 12 năm 2010</i></p></TD>
 </TR>
</table>
<!--[if gte vml 1]><v:shape><v:textbox><div><p class=MsoNormal>DỰ THẢO</p></div></v:textbox></v:shape><![endif]--><![if !vml]><table cellpadding=0 cellspacing=0><tr><td><div><p class=MsoNormal>DỰ THẢO</p></div></td></tr></table><![endif]>
<p class=MsoNormal>&nbsp;</p>
<p class=MsoNormal align=center><b>THÔNG BÁO<br>
Về việc tổ chức hội nghị</b></p>
<p class=MsoNormal>Ph&ograve;ng T&#7893; ch&#x1EE9;c th&ocirc;ng b&aacute;o &amp; m&#7901;i
   c&aacute;c     &#273;&#417;n v&#7883; d&#7921; h&#7897;i ngh&#7883; &lt;sáng&gt; &ldquo;thứ hai&rdquo; &ndash; 8&nbsp;giờ &unknown; &#150; A&B.</p>
<table><tr><td>Nơi nhận:<table><tr><td>- Như trên;</td></tr><tr><td>- Lưu: VT.</td></tr></table></td><td>TRƯỞNG PHÒNG</td></tr></table>
</div>
</body>
</html>
'''


def main():
    with open('word_1258.html', 'wb') as f:
        f.write(cp1258(PAGE))


if __name__ == '__main__':
    main()
