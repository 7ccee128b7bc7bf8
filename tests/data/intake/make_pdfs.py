#!/usr/bin/env python3
"""Writes the PDF fixtures that LibreOffice cannot: an image-only PDF (a scan) from a PGM
page, and a letter whose number and date are drawn last in the content stream, as a signing
service stamps them after the letter was made. Standard library only.

  make_pdfs.py scan PAGE.pgm OUT.pdf [DPI]   # gray image, Flate
  make_pdfs.py winansi PAGE.pgm OUT.pdf       # the same, under an invisible OCR layer in a
                                              # WinAnsi font that lost the Vietnamese letters
  make_pdfs.py stamped OUT.pdf
"""
import sys
import zlib


def write_pdf(path, objects):
    """objects: list of bytes, object i+1; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    open(path, "wb").write(out)


def stream(dictionary, data):
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def read_pgm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P5"
    return int(fields[1]), int(fields[2]), data[pos + 1:]


# What Adobe Scan's layer says of a Vietnamese page: the letters WinAnsi lacks are gone.
BROKEN_LAYER = [
    "ÜY BAN NHÂN DÂN CØNG HOÀXÃ HØI CHæNGH(AVIÆT NAM",
    "T(NH LÂM ÐØNG Ðöc lâp - Tø do - Hænh phúc",
    "Sö: 123/QÐ-UBND Lâm ông, ngày 15 tháng 5 næm 2026",
    "QUYËT Ð(NH Vê viæc ban hành Quy chê quån lý tài liæu",
    "Cæn cø Luæt Tö chøc chính quyên ðia phøøng ngày 19",
    "Quy chê này quy ðïnh viæc tiêp nhæn, phân loæi, båo quån",
]


def scan(pgm, out, dpi=150, layer=()):
    w, h, pixels = read_pgm(pgm)
    pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
    content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\n" % (pw, ph)
    for i, line in enumerate(layer):
        text = line.encode("cp1252").replace(b"(", b"\\(").replace(b")", b"\\)")
        content += b"BT 3 Tr /F1 12 Tf 85 %d Td (%s) Tj ET\n" % (int(ph) - 80 - 40 * i, text)
    write_pdf(out, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents 4 0 R "
        b"/Resources << /XObject << /Im0 5 0 R >> /Font << /F1 6 0 R >> >> >>" % (pw, ph),
        stream(b"", content),
        stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
               b"/BitsPerComponent 8 /Filter /FlateDecode" % (w, h), zlib.compress(pixels, 9)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
    ])


def stamped(out):
    def text(x, y, s, size=12):
        return b"BT /F1 %d Tf %d %d Td (%s) Tj ET\n" % (size, x, y, s)
    body = b"".join([
        text(80, 790, b"BO NOI VU"),
        text(300, 790, b"CONG HOA XA HOI CHU NGHIA VIET NAM"),
        text(330, 774, b"Doc lap - Tu do - Hanh phuc"),
        text(80, 750, b"So:"),
        text(130, 750, b"/BNV-TCPCP"),
        text(300, 750, b"Ha Noi, ngay"),
        text(400, 750, b"thang"),
        text(460, 750, b"nam 2025"),
        text(80, 700, b"Kinh gui: Uy ban nhan dan cac tinh, thanh pho truc thuoc trung uong."),
        text(80, 670, b"Bo Noi vu de nghi cac dia phuong bao cao ket qua sap xep to chuc bo may."),
    ])
    # Stamped after signing: drawn last, placed in the gaps above.
    body += text(103, 750, b"8977") + text(377, 750, b"06") + text(437, 750, b"10")
    write_pdf(out, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(b"", body),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ])


if __name__ == "__main__":
    if sys.argv[1] == "scan":
        scan(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 150)
    elif sys.argv[1] == "winansi":
        scan(sys.argv[2], sys.argv[3], 150, BROKEN_LAYER)
    else:
        stamped(sys.argv[2])
