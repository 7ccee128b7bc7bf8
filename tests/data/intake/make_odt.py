#!/usr/bin/env python3
"""Writes the .odt fixtures derived from cong_van.odt (LibreOffice's conversion of
cong_van.docx): spaces.odt adds a heading, runs of spaces (text:s text:c) and a list, and
encrypted.odt has the manifest of a password-protected file."""
import zipfile

EXTRA = ('<text:h text:outline-level="1">THÔNG BÁO</text:h>'
         '<text:p>Hội<text:s text:c="3"/>nghị<text:s/>toàn<text:tab/>thể\n      được   mời</text:p>'
         '<text:list><text:list-item><text:p>Mục một</text:p></text:list-item></text:list>'
         '<text:table-of-content><text:index-body><text:p>MỤC LỤC LẶP</text:p>'
         '</text:index-body></text:table-of-content>')


def rewrite(source, target, change):
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, 'w') as out:
        for item in src.infolist():
            data = change(item.filename, src.read(item.filename))
            compress = zipfile.ZIP_STORED if item.filename == 'mimetype' else zipfile.ZIP_DEFLATED
            out.writestr(item, data, compress_type=compress)


def add_extra(name, data):
    if name != 'content.xml':
        return data
    return data.replace(b'<office:text>', b'<office:text>' + EXTRA.encode(), 1)


def encrypt_manifest(name, data):
    if name != 'META-INF/manifest.xml':
        return data
    return data.replace(b'manifest:full-path="content.xml"',
                        b'manifest:full-path="content.xml" manifest:size="100"><manifest:encryption-data '
                        b'manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"/></manifest:file-entry>'
                        b'<manifest:file-entry manifest:full-path="x"', 1)


def main():
    rewrite('cong_van.odt', 'spaces.odt', add_extra)
    rewrite('cong_van.odt', 'encrypted.odt', encrypt_manifest)


if __name__ == '__main__':
    main()
