#!/usr/bin/env python3
"""Writes kunshan.pdf: every line of kunshan.utf8.txt set on A4 pages, the way a report
saved as PDF looks: body paragraphs wrapped at 38 em with a 2 em first-line indent (never
inside a number or a Latin word; closing punctuation hangs rather than starts a line) and
flowing on from page to page (a paragraph may break across a page), blank lines as
vertical space, the signature lines right-aligned, a page number "- n -" under each page.

Built by hand like ../text/make_pdf.py (standard library only): a Type0 font with
Identity-H encoding and a ToUnicode CMap (the font itself is not embedded: text
extraction needs only the CMap), ASCII glyphs half as wide as CJK ones (a /W array).
Unlike that file, the streams are Flate-compressed to keep the PDF small.
Run: python3 make_pdf.py   (from any folder)
"""
import hashlib
import pathlib
import zlib

HERE = pathlib.Path(__file__).resolve().parent
lines = (HERE / "kunshan.utf8.txt").read_text("utf-8").split("\n")
while lines and not lines[-1]:
    lines.pop()

SIZE, LEAD, LEFT, WIDTH_EM = 12, 18, 60, 38
TOP, BOTTOM, FOOT = 790, 80, 40
page_numbers = [f"- {n} -" for n in range(1, 20)]

chars = sorted({c for l in lines + page_numbers for c in l})
cid = {c: i + 1 for i, c in enumerate(chars)}


def em(c):  # ASCII and the no-break space are half as wide as CJK
    return 0.5 if ord(c) < 0x80 or c == "\u00a0" else 1.0


KEEP = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.%+/")
NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)%")


def tokens(text):
    """Units a line may not break inside: runs of ASCII letters and digits (with . % + /),
    as Word and browsers keep 3163.68 or kss622/2022-00020 together."""
    out = []
    for c in text:
        if out and c in KEEP and out[-1][-1] in KEEP:
            out[-1] += c
        else:
            out.append(c)
    return out


def wrap(text, first_indent):
    """Lines of at most 38 em; closing punctuation may hang past the margin rather than
    start a line (the default of Word's Chinese line breaking)."""
    out, line, used = [], "", first_indent
    for token in tokens(text):
        width = sum(em(c) for c in token)
        if used + width > WIDTH_EM and line and not (len(token) == 1 and token in NO_LINE_START):
            out.append(line)
            line, used = "", 0.0
        line += token
        used += width
    return out + [line] if line else out


# Layout: a list of pages, each a list of (x, y, text).
pages, page, y = [], [], TOP


def put(x, text):
    global page, y
    if y < BOTTOM:
        pages.append(page)
        page, y = [], TOP
    page.append((x, y, text))
    y -= LEAD


for raw in lines:
    text = raw.strip(" ")
    if not text:
        if page:
            y -= LEAD
        continue
    if raw.startswith("   "):  # the signature block: right-aligned
        width = sum(em(c) for c in text) * SIZE
        put(LEFT + WIDTH_EM * SIZE - width, text)
        continue
    indent = 2.0 if len(text) > 60 else 0.0  # body paragraphs, not the page header
    for i, part in enumerate(wrap(text, indent)):
        put(LEFT + (indent * SIZE if i == 0 else 0), part)
pages.append(page)


def show(x, y, text):
    return f"1 0 0 1 {x:g} {y} Tm <{''.join(f'{cid[c]:04X}' for c in text)}> Tj"


def content(number, placed):
    ops = ["BT", f"/F1 {SIZE} Tf"] + [show(x, y, t) for x, y, t in placed]
    label = page_numbers[number - 1]
    ops += [show(LEFT + (WIDTH_EM * SIZE - sum(em(c) for c in label) * SIZE) / 2, FOOT, label), "ET"]
    return "\n".join(ops).encode("ascii")


def utf16_hex(c):
    return c.encode("utf-16-be").hex().upper()


cmap_lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
              "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
              "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
              "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
items = list(cid.items())
for start in range(0, len(items), 100):
    block = items[start:start + 100]
    cmap_lines.append(f"{len(block)} beginbfchar")
    cmap_lines += [f"<{code:04X}> <{utf16_hex(c)}>" for c, code in block]
    cmap_lines.append("endbfchar")
cmap_lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]


def stream(data):
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"


objects = []


def add(body):
    objects.append(body)
    return len(objects)


catalog, pages_id, font = add(None), add(None), add(None)
cidfont = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light "
              b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
              b"/DW 1000 /W [" + b" ".join(b"%d [500]" % cid[c] for c in chars if em(c) < 1) +
              b"] /CIDToGIDMap /Identity >>")
tounicode = add(stream("\n".join(cmap_lines).encode("ascii")))
objects[font - 1] = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
                     b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cidfont, tounicode))
kids = []
for n, placed in enumerate(pages, 1):
    c = add(stream(content(n, placed)))
    kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                    b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, font, c)))
objects[pages_id - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) +
                         b"] /Count %d >>" % len(kids))
objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id

out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for i, body in enumerate(objects, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
doc_id = hashlib.md5(b"kunshan.pdf").hexdigest().encode()
out += (b"trailer\n<< /Size %d /Root %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, doc_id, doc_id, xref))
(HERE / "kunshan.pdf").write_bytes(bytes(out))
print(f"kunshan.pdf: {len(kids)} pages, {len(out)} bytes")
