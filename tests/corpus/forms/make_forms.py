#!/usr/bin/env python3
"""Derives every text form of kunshan.utf8.txt (see README.md). The PDF: make_pdf.py.

Needs iconv (libc-bin) and uconv (icu-devtools); otherwise the standard library.
Run: python3 make_forms.py   (from any folder)
"""
import html
import pathlib
import re
import subprocess

HERE = pathlib.Path(__file__).resolve().parent
BASE = HERE / "kunshan.utf8.txt"
text = BASE.read_text("utf-8")
lines = text.split("\n")


def write(name, data):
    (HERE / name).write_bytes(data)


def tool(args, data):
    return subprocess.run(args, input=data, stdout=subprocess.PIPE, check=True).stdout


raw = BASE.read_bytes()
write("kunshan.utf8-bom.txt", b"\xef\xbb\xbf" + raw)
write("kunshan.gb18030.txt", tool(["iconv", "-f", "UTF-8", "-t", "GB18030"], raw))
write("kunshan.utf16le-bom.txt", b"\xff\xfe" + tool(["iconv", "-f", "UTF-8", "-t", "UTF-16LE"], raw))
write("kunshan.utf16be-bom.txt", b"\xfe\xff" + tool(["iconv", "-f", "UTF-8", "-t", "UTF-16BE"], raw))

# Traditional characters (ICU's Hans-Hant transliterator: “” become 「」), still UTF-8.
write("kunshan.traditional.txt", tool(["uconv", "-x", "Hans-Hant"], raw))

# Full-width digits and , : ; ( ) %  (the '.' of decimals and the '-' of dates stay).
FULL = str.maketrans({**{chr(c): chr(c + 0xFEE0) for c in range(ord("0"), ord("9") + 1)},
                      ",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "%": "％"})
write("kunshan.fullwidth.txt", text.translate(FULL).encode("utf-8"))

# Web debris and spaces inside quantities, as copied from a browser. Each edit must hit
# exactly once, so a change to the base text is noticed here and not in the test.
NBSP, IDSP, ENSP, ZWSP = "\u00a0", "\u3000", "\u2002", "\u200b"
EDITS = [
    ("收到行政复议申请169件,受理138件,审结103件",
     "收到行政复议申请 169 件,受理\t138件,审结" + ENSP + "103件"),
    ("占比40.8%;", "占比" + NBSP + "40.8" + NBSP + "%;"),
    ("出庭应诉率达到100%。", "出庭应诉率达到 100% 。"),
    ("成功率99.9%,涉及金额3.48亿元", "成功率 99.9% ,涉及金额 3.48 亿元"),
    ("调处矛盾纠纷48547件", "调处矛盾纠纷 48547件"),
    ("执法检查3490家次", "执法检查3490" + IDSP + "家次"),
    ("分值占比达10%", "分值占比达" + IDSP + "10" + IDSP + "%"),
    ("依法审理行政复议案件", "依法 审理 行政" + ZWSP + "复议案件"),
    ("信访受理总量6880件", "信访受理总量 6880 件"),
]
debris = text
for old, new in EDITS:
    assert debris.count(old) == 1, old
    debris = debris.replace(old, new)
# Paragraphs indented with ideographic spaces, trailing spaces, CRLF line ends.
debris = "\n".join((IDSP * 2 + l if len(l) > 60 else l) + ("  " if l else "") for l in debris.split("\n"))
HEAD = ("网站首页 | 政务公开 | 政务服务 | 互动交流 | 走进昆山\n"
        "当前位置:首页 > 信息公开 > 法治政府建设\n"
        "【字体:大 中 小】 【打印本页】 【关闭窗口】  分享到:\n")
TAIL = ("\n【打印本页】 【关闭窗口】 【返回顶部】\n"
        "上一篇:昆山市2020年法治政府建设年度报告\n"
        "主办单位:昆山市人民政府办公室  网站标识码:3205830001  苏ICP备05082524号\n"
        "苏公网安备32058302002001号  技术支持:昆山市大数据管理局\n"
        "推荐使用1920*1080分辨率 联系电话:0512-57566000\n")
debris = (HEAD + debris + TAIL).replace("\n", "\r\n")
write("kunshan.debris.txt", debris.encode("utf-8"))

# An HTML page: site menu in <nav>, style, script, the information table (flattened by the
# loader with " | "), one <p> per paragraph, quotes as entities, one number split from
# its unit by markup and a source line break, a footer with the share prompt.
crumb = lines[0]
meta = lines[2:9]  # kss622/…, 综合政务报告, 昆山市人民政府, date, title, 文号, 有效
assert meta[0].startswith("kss622") and meta[6] == "有效", meta
paras = [l for l in lines[9:] if l.strip()]


def esc(s):
    s = html.escape(s, quote=False).replace("“", "&ldquo;").replace("”", "&rdquo;")
    return s.replace("\u00a0", "&nbsp;")


out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>",
       '<meta charset="utf-8">',
       "<title>昆山市2021年法治政府建设年度报告_昆山市人民政府</title>",
       "<style>", "  body { font-family: SimSun; } .nav li { display: inline; }", "</style>",
       '<script>var _hmt = _hmt || []; document.write("访问量:12345次");</script>',
       "</head>", "<body>",
       '<nav class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
       '<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></nav>',
       '<div class="crumb">' + esc(crumb) + "</div>",
       '<table class="info">',
       f"<tr><td>索引号</td><td>{esc(meta[0])}</td><td>分类</td><td>{esc(meta[1])}</td></tr>",
       f"<tr><td>发布机构</td><td>{esc(meta[2])}</td><td>发文日期</td><td>{esc(meta[3])}</td></tr>",
       f"<tr><td>名称</td><td colspan=\"3\">{esc(meta[4])}</td></tr>",
       f"<tr><td>文号</td><td>{esc(meta[5])}</td><td>时效</td><td>{esc(meta[6])}</td></tr>",
       "</table>",
       '<div class="article">']
for p in paras:
    s = p.strip()
    if s.startswith("时间:") or s.startswith("【字体"):
        out.append('<div class="tools">' + esc(s) + "</div>")
    elif s == "昆山市2021年法治政府建设年度报告":
        out.append("<h1>" + esc(s) + "</h1>")
    elif s in ("昆山市人民政府", "2022年2月23日"):
        out.append('<p style="text-align: right">' + esc(s) + "</p>")
    elif s in ("相关附件:", "扫一扫在手机打开当前页", "相关信息"):
        continue  # in the footer below
    else:
        out.append("<p>" + esc(s) + "</p>")
body = "\n".join(out)
old = "市政府收到行政复议申请169件"
assert body.count(old) == 1
body = body.replace(old, "市政府收到行政复议申请\n   <b>169</b>件")
body += "\n".join(["", "</div>", '<div class="attach">相关附件:</div>',
                   '<div style="display: none">隐藏的统计代码 共58件</div>',
                   '<div class="footer"><p>扫一扫在手机打开当前页</p><p>【打印本页】 【关闭窗口】</p>',
                   "<p>主办单位:昆山市人民政府办公室 网站标识码:3205830001</p></div>",
                   '<div class="related">相关信息</div>',
                   '<script src="/js/footer.js"></script>', "</body>", "</html>", ""])
write("kunshan.html", body.encode("utf-8"))
