#!/usr/bin/env python3
"""Writes the edXML fixtures of tests/edxml_reader_test.cpp (run from anywhere; stdlib only).

Small packages made to the structure of QCVN 102:2016/BTTTT as real exchanges write it: an
unprefixed root under the default namespace with an `edXML:`-prefixed envelope, an all-prefixed
one, a JAXB-style `ns2:` one; base64 wrapped with CRLF and indented; a zip attachment holding
another package. The documents are short official letters written for these tests.
"""
import base64
import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"

CONG_VAN_7816 = """VĂN PHÒNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 7816/VPCP-TTĐT
Hà Nội, ngày 11 tháng 4 năm 2019
V/v kết nối, liên thông phần mềm quản lý văn bản
Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.
Văn phòng Chính phủ đề nghị các cơ quan hoàn thành việc kết nối phần mềm quản lý văn bản với Trục liên thông văn bản quốc gia trước ngày 30 tháng 6 năm 2019.
Trong quá trình triển khai, nếu có vướng mắc, đề nghị liên hệ Cục Tin học hóa để được hướng dẫn.
KT. BỘ TRƯỞNG, CHỦ NHIỆM
PHÓ CHỦ NHIỆM
Trần Văn Sơn
"""

PHU_LUC = """PHỤ LỤC
Danh sách cơ quan hoàn thành kết nối trong quý II năm 2019.
"""

QUYET_DINH_1896 = """THỦ TƯỚNG CHÍNH PHỦ
Số: 1896/QĐ-TTg
Hà Nội, ngày 25 tháng 12 năm 2019
QUYẾT ĐỊNH
Phê duyệt Đề án chuyển đổi số trong công tác văn thư, lưu trữ.
Điều 1. Phê duyệt Đề án với mục tiêu toàn bộ hồ sơ công việc được lập và lưu trữ dưới dạng điện tử.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
"""

THAY_THE = """BỘ NỘI VỤ
Số: 215/BNV-VP
Hà Nội, ngày 20 tháng 1 năm 2020
V/v thay thế Công văn số 198/BNV-VP về lịch tiếp công dân
Bộ Nội vụ thông báo lịch tiếp công dân định kỳ vào ngày thứ Năm hằng tuần.
"""


def b64_wrapped(data, indent):
    """Base64 at 76 characters a line with CRLF, as Java's MIME encoder writes it."""
    text = base64.b64encode(data).decode("ascii")
    lines = [text[i:i + 76] for i in range(0, len(text), 76)]
    return "\r\n".join(indent + line for line in lines)


def organ(p, tag, organ_id, name):
    return (f"<{p}{tag}><{p}OrganId>{organ_id}</{p}OrganId>"
            f"<{p}OrganizationInCharge>{name}</{p}OrganizationInCharge>"
            f"<{p}OrganName>{name}</{p}OrganName><{p}Email>vanthu@gov.vn</{p}Email></{p}{tag}>")


def message_header(p, *, organ_from, number, notation, date, type_name, subject, content,
                   signer, document_id):
    organ_id, organ_name = organ_from
    return f"""
      <{p}MessageHeader>
        {organ(p, "From", organ_id, organ_name)}
        {organ(p, "To", "000.00.00.H41", "UBND Tỉnh Nghệ An")}
        <{p}DocumentId>{document_id}</{p}DocumentId>
        <{p}Code>
          <{p}CodeNumber>{number}</{p}CodeNumber>
          <{p}CodeNotation>{notation}</{p}CodeNotation>
        </{p}Code>
        <{p}PromulgationInfo><{p}Place>Hà Nội</{p}Place>
          <{p}PromulgationDate>{date}</{p}PromulgationDate></{p}PromulgationInfo>
        <{p}DocumentType><{p}Type>1</{p}Type><{p}TypeDetail>0</{p}TypeDetail>
          <{p}TypeName>{type_name}</{p}TypeName></{p}DocumentType>
        <{p}Subject>{subject}</{p}Subject>
        <{p}Content>{content}</{p}Content>
        <{p}SignerInfo><{p}Competence>KT. BỘ TRƯỞNG</{p}Competence>
          <{p}Position>Thứ trưởng</{p}Position><{p}FullName>{signer}</{p}FullName></{p}SignerInfo>
        <{p}SteeringType>1</{p}SteeringType>
      </{p}MessageHeader>"""


def trace(p, doc_type, reason, document_id=None):
    doc_id = f"<{p}DocumentId>{document_id}</{p}DocumentId>" if document_id else ""
    return f"""
      <{p}TraceHeaderList>
        <{p}TraceHeader><{p}OrganId>000.00.00.G22</{p}OrganId>
          <{p}Timestamp>2019/04/11 08:30:00</{p}Timestamp></{p}TraceHeader>
        <{p}Bussiness>{doc_id}
          <{p}BussinessDocType>{doc_type}</{p}BussinessDocType>
          <{p}BussinessDocReason>{reason}</{p}BussinessDocReason>
          <{p}Paper>0</{p}Paper>
        </{p}Bussiness>
      </{p}TraceHeaderList>"""


SIGNATURE = """
      <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>
        <DigestValue>FwgIqsSYJshUS2+wlOM61L+q7Aw=</DigestValue></SignedInfo>
        <SignatureValue>R2JWYjhuOStxRnh6NDY2QWcwc2Jw</SignatureValue></Signature>"""


def attachment(p, name, content_type, data, cid):
    return f"""
    <{p}Attachment>
      <{p}ContentId>cid:{cid}</{p}ContentId>
      <{p}AttachmentName>{name}</{p}AttachmentName>
      <{p}Description>{name}</{p}Description>
      <{p}ContentType>{content_type}</{p}ContentType>
      <{p}ContentTransferEncoded>
{b64_wrapped(data, "        ")}
      </{p}ContentTransferEncoded>
    </{p}Attachment>"""


def package(root_open, root_close, p, env_decl, header, attachments_p, attachments):
    body = "".join(attachments)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
{root_open}
  <{p}edXMLEnvelope{env_decl}>
    <{p}edXMLHeader>{header}{SIGNATURE}
    </{p}edXMLHeader>
    <{p}edXMLBody><{p}edXMLManifest version="1.0"/></{p}edXMLBody>
  </{p}edXMLEnvelope>
  <{attachments_p}AttachmentEncoded>{body}
  </{attachments_p}AttachmentEncoded>
{root_close}
"""


def default_ns_package(header, attachments):
    """The real samples' form: default namespace on the root, `edXML:` declared on the
    envelope, AttachmentEncoded unprefixed beside it."""
    unprefixed = [a.replace("<edXML:", "<").replace("</edXML:", "</") for a in attachments]
    # ContentTransferEncoded prefixed and declaring the prefix itself, as the samples have it.
    mixed = [a.replace("<ContentTransferEncoded>",
                       f'<edXML:ContentTransferEncoded xmlns:edXML="{NS}">')
             .replace("</ContentTransferEncoded>", "</edXML:ContentTransferEncoded>")
             for a in unprefixed]
    return package(f'<edXML xmlns="{NS}">', "</edXML>", "edXML:", f' xmlns:edXML="{NS}"',
                   header, "", mixed)


def prefixed_package(prefix, header, attachments):
    """Every element prefixed, the prefix declared on the root only."""
    return package(f'<{prefix}edXML xmlns:{prefix[:-1]}="{NS}">', f"</{prefix}edXML>", prefix,
                   "", header, prefix, attachments)


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


def zip_of(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, date_time=(2019, 12, 25, 9, 0, 0)), data,
                       zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


VPCP = ("000.00.00.G22", "Văn phòng Chính phủ")
ID_7816 = "000.00.00.G22,2019/04/11,7816/VPCP-TTĐT"


def cong_van_7816():
    header = message_header(
        "edXML:", organ_from=VPCP, number="7816", notation="VPCP-TTĐT", date="2019/04/11",
        type_name="Công văn", subject="V/v kết nối, liên thông phần mềm quản lý văn bản",
        content="Đề nghị hoàn thành kết nối với Trục liên thông văn bản quốc gia",
        signer="Trần Văn Sơn", document_id=ID_7816)
    header += trace("edXML:", 0, "Văn bản điện tử mới")
    return default_ns_package(header, [
        attachment("edXML:", "7816_VPCP-TTDT.txt", "text/plain",
                   CONG_VAN_7816.encode("utf-8"), "7816-1"),
        attachment("edXML:", "Phu luc.txt", "text/plain", PHU_LUC.encode("utf-8"), "7816-2"),
    ])


def inner_1896():
    header = message_header(
        "edXML:", organ_from=("000.00.00.A01", "Văn phòng Thủ tướng"), number="1896",
        notation="QĐ-TTg", date="2019/12/25", type_name="Quyết định",
        subject="Phê duyệt Đề án chuyển đổi số trong công tác văn thư",
        content="Quyết định phê duyệt Đề án", signer="Lê Minh Hoàng",
        document_id="000.00.00.A01,2019/12/25,1896/QĐ-TTg")
    return default_ns_package(header, [
        attachment("edXML:", "1896_QD-TTg.txt", "text/plain",
                   QUYET_DINH_1896.encode("utf-8"), "1896-inner")])


def quyet_dinh_zip():
    """A "…doc" attachment that is a zip holding another package, as the samples send."""
    header = message_header(
        "edXML:", organ_from=VPCP, number="1896", notation="QĐ-TTg", date="2019/12/26",
        type_name="Quyết định", subject="Gửi Quyết định số 1896/QĐ-TTg",
        content="Văn phòng Chính phủ gửi Quyết định", signer="Phạm Thu Hà",
        document_id="000.00.00.G22,2019/12/26,1896/QĐ-TTg")
    header += trace("edXML:", 0, "Văn bản điện tử mới")
    inner = zip_of([("32da2890-1a55-4ccd-9ac9-cd0d98559e67.edxml", inner_1896().encode("utf-8"))])
    return prefixed_package("edXML:", header, [
        attachment("edXML:", "1896_QD-TTg_m_294779.doc", "application/zip", inner, "209")])


def status_01():
    p = "edXML:"
    header = f"""
      <{p}MessageHeader>
        {organ(p, "From", "000.00.00.H41", "UBND Tỉnh Nghệ An")}
        <{p}ResponseFor><{p}OrganId>000.00.00.G22</{p}OrganId><{p}Code>7816/VPCP-TTĐT</{p}Code>
          <{p}DocumentId>{ID_7816}</{p}DocumentId>
          <{p}PromulgationDate>2019/04/11</{p}PromulgationDate></{p}ResponseFor>
        <{p}StatusCode>01</{p}StatusCode>
        <{p}Description>Đã đến - Phần mềm QLVB đã nhận nhưng văn thư chưa xử lý</{p}Description>
        <{p}Timestamp>2019/04/11 17:25:11</{p}Timestamp>
      </{p}MessageHeader>"""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<edXML xmlns="{NS}">
  <edXML:edXMLEnvelope xmlns:edXML="{NS}"><edXML:edXMLHeader>{header}
  </edXML:edXMLHeader></edXML:edXMLEnvelope>
</edXML>
"""


def thu_hoi():
    header = message_header(
        "edXML:", organ_from=VPCP, number="7816", notation="VPCP-TTĐT", date="2019/04/11",
        type_name="Công văn", subject="V/v kết nối, liên thông phần mềm quản lý văn bản",
        content="Thu hồi văn bản", signer="Trần Văn Sơn", document_id=ID_7816)
    header += trace("edXML:", 1, "Thu hồi văn bản điện tử",
                    "000.00.00.G22,2019/04/10,7806/VPCP-TTĐT")
    return default_ns_package(header, [
        attachment("edXML:", "7816_VPCP-TTDT.txt", "text/plain",
                   CONG_VAN_7816.encode("utf-8"), "7816-1")])


def thay_the():
    """JAXB's form: an `ns2:` prefix on every element."""
    header = message_header(
        "ns2:", organ_from=("000.00.00.G09", "Bộ Nội vụ"), number="215", notation="BNV-VP",
        date="2020/01/20", type_name="Công văn",
        subject="V/v thay thế Công văn số 198/BNV-VP về lịch tiếp công dân",
        content="Thay thế văn bản", signer="Ngô Thị Lan",
        document_id="000.00.00.G09,2020/01/20,215/BNV-VP")
    header += trace("ns2:", 3, "Thay thế văn bản điện tử", "000.00.00.G09,2020/01/15,198/BNV-VP")
    return prefixed_package("ns2:", header, [
        attachment("ns2:", "215_BNV-VP.txt", "text/plain", THAY_THE.encode("utf-8"), "215")])


def khong_doc_duoc():
    """Attachments that give no text: an image, a builder's unfilled template."""
    header = message_header(
        "edXML:", organ_from=VPCP, number="320", notation="VPCP-HC", date="2019/05/02",
        type_name="Thông báo", subject="Thông báo lịch nghỉ lễ Quốc khánh",
        content="Cơ quan nghỉ lễ Quốc khánh từ ngày 31 tháng 8 đến hết ngày 3 tháng 9",
        signer="Trần Văn Sơn", document_id="000.00.00.G22,2019/05/02,320/VPCP-HC")
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
    template = attachment("edXML:", "320_VPCP-HC.pdf", "application/pdf", b"", "320-2")
    template = template.replace("\r\n        \r\n", "${__StringFromFile(test.txt,,,)}")
    template = template.replace("<edXML:ContentTransferEncoded>\n\n",
                                "<edXML:ContentTransferEncoded>${__StringFromFile(test.txt,,,)}")
    return default_ns_package(header, [attachment("edXML:", "chu_ky.png", "image/png", png, "320-1"),
                                       template])


def main():
    write("cong_van_7816.edxml", cong_van_7816())
    write("quyet_dinh_zip.edxml", quyet_dinh_zip())
    write("status_01.edxml", status_01())
    write("thu_hoi.edxml", thu_hoi())
    write("thay_the.edxml", thay_the())
    write("khong_doc_duoc.edxml", khong_doc_duoc())


if __name__ == "__main__":
    main()
