"""Strip the web page around a report copied from a government portal.

Navigation bars, breadcrumbs, "字号", share buttons, visitor counters and
footers surround the body of a report saved from a site (seed 003). They are
only looked for before the first line of body text and after the last one, so
a sentence in the report that happens to say "打印" is never lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CHROME_LINE = re.compile(
    "|".join(
        [
            r"当前位置|您的位置|您当前的位置|所在位置|当前栏目",
            r"首页\s*(?:>|>>|»|/|\\|→)",
            r"字号\s*[:：]?\s*[\[【(]?\s*(?:大|中|小|\])",
            r"^\s*[\[【(]?\s*字号",
            r"【\s*(?:大|中|小)\s*】",
            r"打印(?:本页|此页)?\s*(?:\||】|$)|【\s*打印\s*】|关闭窗口|【\s*关闭\s*】",
            r"分享到|微博|微信|QQ空间|RSS|网站地图|设为首页|加入收藏|扫一扫",
            r"您是本站第|访客|访问量|浏览次数|点击数|阅读次数|浏览量\s*[:：]\s*\d|阅读量\s*[:：]",
            r"ICP|备案号|\d{6,}号|公网安备|网络实名",
            r"^\s*(?:主办|承办|协办|技术支持|版权所有|主管)\s*[:：]",
            r"版权所有|Copyright|©",
            r"联系我们|关于我们|版权声明|广告服务|网站声明|隐私声明",
            r"上一篇|下一篇|栏目更新|栏目热门|相关链接|相关阅读|相关文章|热点推荐|推荐阅读",
            r"(?:发布时间|发布日期|信息来源|文章来源|来源|作者|编辑|责任编辑|浏览次数|点击率)\s*[:：]",
            r"^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$",
            r"^\s*[|｜]\s*$",
        ]
    )
)
# A row of short menu labels separated by wide gaps or bars.
_NAV_ROW = re.compile(r"^\s*(?:[^\s|]{2,8}(?:\s{2,}|\s*[|｜]\s*)){3,}[^\s|]{2,8}\s*$")
# Once one of these appears after the body, everything below is page footer.
_FOOTER_START = re.compile(
    r"关闭窗口|【\s*关闭\s*】|打印本页|【\s*打印\s*】|上一篇|下一篇|分享到|您是本站第|网站地图|设为首页|"
    r"版权所有|栏目更新|栏目热门|相关链接|相关阅读|扫一扫"
)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


@dataclass
class ChromeResult:
    kept: list[bool]
    published: str | None = None
    dropped: list[int] = field(default_factory=list)


def is_chrome(line: str) -> bool:
    return bool(_CHROME_LINE.search(line) or _NAV_ROW.match(line))


def is_content(line: str) -> bool:
    """A line of report prose: long enough and punctuated like sentences."""
    stripped = line.strip()
    if len(stripped) < 40 or (len(stripped) < 80 and is_chrome(stripped)):
        return False
    return any(mark in stripped for mark in "。，,；;")


def strip_chrome(lines: list[str]) -> ChromeResult:
    kept = [True] * len(lines)
    content = [i for i, line in enumerate(lines) if is_content(line)]
    if not content:  # a short text: any sentence that is not page furniture
        content = [i for i, line in enumerate(lines) if "。" in line and len(line.strip()) >= 10 and not is_chrome(line)]
    if not content:
        return ChromeResult(kept)
    first, last = content[0], content[-1]
    published = None
    dropped: list[int] = []
    for i in range(first):
        if is_chrome(lines[i]):
            kept[i] = False
            dropped.append(i)
            published = published or _date_of(lines[i])
    footer = next((i for i in range(last + 1, len(lines)) if _FOOTER_START.search(lines[i])), None)
    for i in range(last + 1, len(lines)):
        if (footer is not None and i >= footer) or is_chrome(lines[i]):
            kept[i] = False
            dropped.append(i)
    return ChromeResult(kept, published, dropped)


def _date_of(line: str) -> str | None:
    match = _DATE.search(line)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not (1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
