#!/usr/bin/env python3
"""Writes the .docx fixtures of the intake tests: a short Công văn made by hand in the shapes
real Word files take (header table, run-split words, a text box with its VML fallback copy,
combining tone marks, running header and footer, a footnote, revisions, a nested table).
The .odt/.doc/.rtf/.html fixtures were converted from cong_van.docx by LibreOffice."""
import random
import struct
import unicodedata
import zipfile

W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
     'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
     'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
     'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
     'xmlns:v="urn:schemas-microsoft-com:vml" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
     'mc:Ignorable="wps"')


def run(text, bold=False):
    rpr = '<w:rPr><w:b/></w:rPr>' if bold else ''
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs):
    return '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>' + ''.join(runs) + '</w:p>'


def cell(*paras):
    return '<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr>' + ''.join(paras) + '</w:tc>'


def row(*cells):
    return '<w:tr>' + ''.join(cells) + '</w:tr>'


def decomposed(text):
    return unicodedata.normalize('NFD', text)


HEADER_TABLE = ('<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr>' +
                row(cell(para(run(decomposed('ỦY BAN NHÂN DÂN'))),
                         para(run('HUYỆN ĐỨC TRỌNG', True))),
                    cell(para(run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', True)),
                         para(run('Độc lập - Tự do - Hạnh phúc', True)))) +
                row(cell(para(run('Số: 123/UBND-VP'))),
                    cell(para(run('Đức Trọng, ngày 05 tháng 3 năm 2025')))) +
                row(cell(para(run('V/v triển khai kế ho'), run('ạch', True),
                              run(' chuyển đổi số'))),
                    cell(para())) + '</w:tbl>')

TEXT_BOX = ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>' +
            para(run('DỰ THẢO', True)) +
            '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
            '</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>' +
            para(run('DỰ THẢO', True)) +
            '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>'
            '</w:r></w:p>')

NESTED_TABLE = ('<w:tbl>' +
                row(cell(para(run('Nơi nhận:')),
                         '<w:tbl>' + row(cell(para(run('- Như trên;'))),
                                         cell(para(run('- Lưu: VT.')))) + '</w:tbl>',
                         para()),
                    cell(para(run('CHỦ TỊCH', True)), para(run('Nguyễn Văn An')))) +
                '</w:tbl>')

BODY = (HEADER_TABLE + TEXT_BOX +
        para(run('Kính gửi: Các phòng, ban thuộc Ủy ban nhân dân huyện.')) +
        para(run('Thực hiện Kế hoạch số 45/KH-UBND'), run('<w:footnoteReference w:id="1"/>')
             .replace('<w:t xml:space="preserve"><w:footnoteReference w:id="1"/></w:t>',
                      '<w:footnoteReference w:id="1"/>'),
             run(' của UBND tỉnh, Ủy ban nhân dân huyện yêu cầu:')) +
        para(run('1.'), '<w:r><w:tab/></w:r>', run('Các đơn vị'),
             '<w:del w:id="7" w:author="VP"><w:r><w:delText>BỎ ĐI </w:delText></w:r></w:del>',
             '<w:ins w:id="8" w:author="VP"><w:r><w:t xml:space="preserve"> khẩn trương</w:t></w:r></w:ins>',
             run(' báo cáo'), '<w:r><w:rPr><w:vanish/></w:rPr><w:t>CHỮ ẨN</w:t></w:r>',
             '<w:r><w:br/></w:r>', run('trước ngày 15/3/2025.')) +
        NESTED_TABLE + '<w:sectPr/>')

DOCUMENT = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{BODY}</w:body></w:document>'
HEADER = f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {W}>' + para(run('Công văn 123/UBND-VP')) + '</w:hdr>'
FOOTER = f'<?xml version="1.0" encoding="UTF-8"?><w:ftr {W}>' + para(run('Trang 1')) + '</w:ftr>'
FOOTNOTES = (f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1">' + para(run('Kế hoạch ngày 10/01/2025 của UBND tỉnh Lâm Đồng.')) +
             '</w:footnote></w:footnotes>')

CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>'''
RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>'''
DOC_RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
</Relationships>'''


def write(name, parts):
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED) as z:
        for part, text in parts:
            z.writestr(part, text)


def dir_entry(name, kind, child=0xFFFFFFFF, left=0xFFFFFFFF, start=0xFFFFFFFE, size=0):
    raw = name.encode('utf-16-le') + b'\0\0'
    return (raw.ljust(64, b'\0') + struct.pack('<HBB', len(raw), kind, 1) +
            struct.pack('<III', left, 0xFFFFFFFF, child) + bytes(16) + bytes(4) + bytes(16) +
            struct.pack('<IQ', start, size))


def encrypted_package():
    """An OLE compound file as Office writes a password-protected .docx: the zip, encrypted,
    in a stream named EncryptedPackage (here random bytes), beside EncryptionInfo."""
    header = (b'\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1' + bytes(16) +
              struct.pack('<HHHHH', 0x3E, 3, 0xFFFE, 9, 6) + bytes(6) +
              struct.pack('<IIIIIIII', 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE) +
              struct.pack('<II', 0, 0) + struct.pack('<I', 0xFFFFFFFF) * 108)
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + list(range(3, 10)) + [0xFFFFFFFE] + list(range(11, 18)) + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    directory = (dir_entry('Root Entry', 5, child=1) +
                 dir_entry('EncryptedPackage', 2, left=2, start=2, size=4096) +
                 dir_entry('EncryptionInfo', 2, start=10, size=4096) + bytes(128))
    rng = random.Random(7)
    payload = bytes(rng.randrange(256) for _ in range(8192))
    return header + struct.pack('<128I', *fat) + directory + payload


def main():
    document = DOCUMENT.replace('<w:sectPr/>', '<w:sectPr><w:headerReference w:type="default" r:id="rId1"/>'
                                '<w:footerReference w:type="default" r:id="rId2"/></w:sectPr>')
    parts = [('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', RELS),
             ('word/_rels/document.xml.rels', DOC_RELS), ('word/document.xml', document),
             ('word/header1.xml', HEADER), ('word/footer1.xml', FOOTER),
             ('word/footnotes.xml', FOOTNOTES)]
    write('cong_van.docx', parts)
    # A .docx without its main part, as a broken download leaves it.
    write('no_document.docx', [p for p in parts if p[0] != 'word/document.xml'])
    write('bad_xml.docx', [(n, t[:len(t) // 2] if n == 'word/document.xml' else t) for n, t in parts])
    # Word 2007 bound the markup-compatibility namespace to "ve:".
    word2007 = document.replace('mc:', 've:').replace('xmlns:mc=', 'xmlns:ve=')
    write('word2007.docx', [(n, word2007 if n == 'word/document.xml' else t) for n, t in parts])
    with open('encrypted.docx', 'wb') as f:
        f.write(encrypted_package())


if __name__ == '__main__':
    main()
