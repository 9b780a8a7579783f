#!/usr/bin/env python3
"""Writes paragraph.pdf: the two paragraphs of paragraph.utf8.txt on two A4 pages, and
locked.pdf: the same document encrypted (standard security handler, RC4 40-bit, user
password "secret"), which must be refused as "bad-pdf".

Standard library only. The text is set in a Type0 font with Identity-H encoding and a
ToUnicode CMap (the font itself is not embedded: text extraction needs only the CMap),
ASCII glyphs half as wide as CJK ones (a /W array), wrapped at 38 em per line, the way a
report PDF wraps its paragraphs.
Run: python3 make_pdf.py   (from this folder)
"""
import hashlib
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
paragraphs = [p for p in (HERE / "paragraph.utf8.txt").read_text("utf-8").split("\n") if p]

chars = sorted({c for p in paragraphs for c in p})
cid = {c: i + 1 for i, c in enumerate(chars)}

def em(c):
    return 0.5 if ord(c) < 0x80 else 1.0

def wrap(text, width=38):
    lines, line, used = [], "", 0.0
    for c in text:
        if used + em(c) > width:
            lines.append(line)
            line, used = "", 0.0
        line += c
        used += em(c)
    return lines + [line] if line else lines

def content(paragraph):
    ops = ["BT", "/F1 12 Tf"]
    y = 790
    for line in wrap(paragraph):
        hexcodes = "".join(f"{cid[c]:04X}" for c in line)
        ops.append(f"1 0 0 1 60 {y} Tm <{hexcodes}> Tj")
        y -= 18
    ops.append("ET")
    return "\n".join(ops).encode("ascii")

def utf16_hex(c):
    return c.encode("utf-16-be").hex().upper()

cmap_lines = [
    "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
    "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
]
items = list(cid.items())
for start in range(0, len(items), 100):
    block = items[start:start + 100]
    cmap_lines.append(f"{len(block)} beginbfchar")
    cmap_lines += [f"<{code:04X}> <{utf16_hex(c)}>" for c, code in block]
    cmap_lines.append("endbfchar")
cmap_lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
cmap = "\n".join(cmap_lines).encode("ascii")

def stream(data):
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

objects = []  # 1-based object numbers
def add(body):
    objects.append(body)
    return len(objects)

catalog = add(None)
pages = add(None)
font = add(None)
cidfont = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light "
              b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
              b"/DW 1000 /W [" + b" ".join(b"%d [500]" % cid[c] for c in chars if ord(c) < 0x80) +
              b"] /CIDToGIDMap /Identity >>")
tounicode = add(stream(cmap))
objects[font - 1] = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
                     b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cidfont, tounicode))
page_ids = []
for p in paragraphs:
    c = add(stream(content(p)))
    page_ids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages, font, c)))
objects[pages - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % i for i in page_ids) +
                      b"] /Count %d >>" % len(page_ids))
objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")

def rc4(key, data):
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)

def write(path, bodies, password=None):
    bodies = list(bodies)
    doc_id = hashlib.md5(path.name.encode()).digest()
    trailer_extra = b""
    if password is not None:
        # PDF 1.4 standard security handler, revision 2 (algorithms 3.2 - 3.4).
        padded = (password.encode() + PAD)[:32]
        owner_key = hashlib.md5(padded).digest()[:5]
        o_entry = rc4(owner_key, padded)
        perms = -44  # print etc.
        key = hashlib.md5(padded + o_entry + perms.to_bytes(4, "little", signed=True) + doc_id).digest()[:5]
        u_entry = rc4(key, PAD)
        for num, body in enumerate(bodies, 1):
            if b"stream\n" in body:
                head, rest = body.split(b"stream\n", 1)
                data = rest[: -len(b"\nendstream")]
                obj_key = hashlib.md5(key + num.to_bytes(3, "little") + b"\0\0").digest()[:10]
                enc = rc4(obj_key, data)
                bodies[num - 1] = b"<< /Length %d >>\nstream\n" % len(enc) + enc + b"\nendstream"
        bodies.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + o_entry.hex().encode() + b"> /U <" +
                      u_entry.hex().encode() + b"> /P %d >>" % perms)
        trailer_extra = b" /Encrypt %d 0 R" % len(bodies)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += (b"trailer\n<< /Size %d /Root %d 0 R /ID [<%s> <%s>]%s >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(bodies) + 1, catalog, doc_id.hex().encode(), doc_id.hex().encode(), trailer_extra, xref))
    path.write_bytes(bytes(out))

write(HERE / "paragraph.pdf", objects)
write(HERE / "locked.pdf", objects, password="secret")
