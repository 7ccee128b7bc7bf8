#!/bin/sh
# Remakes the PDF fixtures of pdf_reader_test from their sources here (needs LibreOffice and
# poppler-utils; the tests themselves need neither).
set -e
cd "$(dirname "$0")"
tmp=$(mktemp -d)
soffice --headless --convert-to pdf --outdir . quyet_dinh.fodt
soffice --headless --convert-to \
  'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"matkhau"}}' \
  --outdir . mat.fodt
pdftoppm -r 150 -gray quyet_dinh.pdf "$tmp/pg"
python3 make_pdfs.py scan "$tmp/pg-1.pgm" quyet_dinh_scan.pdf
python3 make_pdfs.py winansi "$tmp/pg-1.pgm" quyet_dinh_winansi.pdf
python3 make_pdfs.py scan "$tmp/pg-2.pgm" "$tmp/scan2.pdf"
pdfseparate -f 1 -l 1 quyet_dinh.pdf "$tmp/text1.pdf"
pdfunite "$tmp/text1.pdf" "$tmp/scan2.pdf" quyet_dinh_mixed.pdf
python3 make_pdfs.py stamped cong_van_stamped.pdf
rm -r "$tmp"
