"""What a report says about itself: kind, year, issuer, level."""

from __future__ import annotations

import pytest

BODY = "一、主要举措和成效\n全年办理行政复议案件206件，审结115件，行政机关负责人出庭应诉率100%，组织执法人员培训860人次。\n"


@pytest.mark.parametrize(
    "head,year,issuer,level",
    [
        ("淮安市人民政府关于2017年度法治政府建设情况的报告\n2017年，我们扎实推进法治政府建设，取得新成绩。\n", 2017, "淮安市人民政府", "city"),
        ("静海区2023年度法治政府建设情况报告\n2023年，静海区坚持以习近平法治思想为指导，取得新成效。\n", 2023, "静海区", "county"),
        ("湖北省司法厅2023年法治政府建设年度报告\n2023年，省司法厅扎实推进法治政府建设，取得新成效。\n", 2023, "湖北省司法厅", "department"),
        ("新疆维吾尔自治区人民政府关于2017年法治政府建设工作的报告\n自治区认真落实纲要，现将2017年自治区法治政府建设情况报告如下：\n", 2017, "新疆维吾尔自治区人民政府", "province"),
        ("重庆市人民政府关于法治政府建设情况的报告\n市人大常委会：\n按照工作安排，现就法治政府建设情况报告如下。\n一、主要工作举措及成效\n2023年，在市委坚强领导下，全市推进法治政府建设。\n", 2023, "重庆市人民政府", "province"),
        ("鲤城区人民政府金龙街道办事处关于2022年度法治政府建设情况的报告\n2022年，我街道扎实推进法治政府建设。现将有关情况报告如下：\n", 2022, "鲤城区人民政府金龙街道办事处", "township"),
        ("2016年，桂林市人民政府认真贯彻落实纲要，扎实开展法治政府建设工作。现将我市2016年度法治政府建设情况报告如下：\n", 2016, "桂林市人民政府", "city"),
        ("2023年，我局坚持以习近平法治思想为指导，推进法治建设。现将2023年度法治政府建设情况报告如下：\n", 2023, None, "department"),
        ("2024年，得益于县委的坚强领导，我乡积极作为。现将我乡2024年度法治政府建设的具体情况汇报如下：\n", 2024, None, "township"),
    ],
)
def test_year_issuer_level(checker, head, year, issuer, level):
    result = checker.check_text(head + BODY)
    assert result.meta.kind == "annual_report", result.meta.kind_reasons
    assert (result.meta.year, result.meta.issuer, result.meta.level) == (year, issuer, level)


@pytest.mark.parametrize(
    "text",
    [
        "在法治政府建设推进会议上的讲话\n同志们：刚才，会议通报了全县法治政府建设工作情况。下面，我讲三点意见。\n一、提高认识\n县长亲自召开这次推进会议。\n",
        "金昌市创建全国法治政府建设示范市实施方案\n为加快推进法治金昌建设，结合金昌实际，制定本实施方案。\n一、总体要求\n坚持以习近平法治思想为指导。\n",
        "省政府党组召开会议审议2019年度法治政府建设情况报告\n3月19日，省长主持召开省政府党组会议，审议年度报告，研究部署有关工作。\n",
        "基层法治政府建设的实践与思考：基于克拉玛依市示范创建的经验考察\n摘要：本文考察了克拉玛依市的经验。\n一、政务服务\n98%以上的政务服务事项实现网上办。\n",
        "区五年法治政府建设工作情况的报告\n五年来，全区严格落实党政主要负责人履行推进法治建设第一责任人职责规定。\n",
    ],
    ids=["speech", "plan", "news", "paper", "five-year"],
)
def test_other_texts_are_not_annual_reports(checker, text):
    result = checker.check_text(text)
    assert result.meta.kind == "not_annual_report", result.meta.kind_reasons
    assert result.passed is False
    assert "不是法治政府建设年度报告" in result.verdict


def test_seeds_kinds(checker, seed_files):
    kinds = {path.name[:3]: checker.check_file(str(path)).meta.kind for path in seed_files}
    assert kinds == {
        "000": "not_annual_report",
        "001": "annual_report",
        "002": "not_annual_report",
        "003": "annual_report",
        "004": "not_annual_report",
    }
