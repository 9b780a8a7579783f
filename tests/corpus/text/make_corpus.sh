#!/bin/sh
# Regenerates the encoded forms of paragraph.utf8.txt (see README.md).
# Needs iconv (libc-bin), uconv (icu-devtools) and sed. The PDF: python3 make_pdf.py.
set -eu
cd "$(dirname "$0")"
base=paragraph.utf8.txt

printf '\357\273\277' > paragraph.utf8-bom.txt && cat "$base" >> paragraph.utf8-bom.txt
printf '\377\376' > paragraph.utf16le-bom.txt && iconv -f UTF-8 -t UTF-16LE "$base" >> paragraph.utf16le-bom.txt
printf '\376\377' > paragraph.utf16be-bom.txt && iconv -f UTF-8 -t UTF-16BE "$base" >> paragraph.utf16be-bom.txt
iconv -f UTF-8 -t GB18030 "$base" > paragraph.gb18030.txt

# Traditional characters, full-width punctuation, 「」 quotes, CRLF line ends.
uconv -x Hans-Hant "$base" | sed -e 's/,/，/g; s/;/；/g; s/(/（/g; s/)/）/g' -e 's/$/\r/' \
  > paragraph.traditional.txt
# The same text as Big5 (no BOM, no declaration: detection must find it).
iconv -f UTF-8 -t BIG5 paragraph.traditional.txt > paragraph.big5.txt

# Full-width digits, letters and punctuation, ＂straight＂ full-width quotes, ideographic
# spaces around a number and a no-break space before a percentage.
sed -e 'y/0123456789.,;()%/０１２３４５６７８９．，；（）％/' \
    -e 's/“/＂/g; s/”/＂/g' \
    -e 's/申请１６９件/申请　１６９　件/' \
    -e 's/成功率９９．９％/成功率 ９９．９ ％/' \
    "$base" > paragraph.fullwidth.txt

# An HTML page declaring gb2312, encoded as GB18030.
iconv -f UTF-8 -t GB18030 page.utf8.html | sed 's/charset=utf-8/charset=gb2312/' > page.gb2312.html
