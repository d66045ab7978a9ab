"""Editions by year, profiles by issuer, local rulebooks, and waivers."""

from __future__ import annotations

import json
import shutil
import textwrap
from datetime import date

import pytest

from checker.run.engine import Checker, Settings
from checker.errors import FzError

from .conftest import ROOT, SEEDS, finding, run_cli

SEED_2024 = SEEDS / "001_7724204651865b79.txt"
SEED_2017 = SEEDS / "003_eed9f17129c08ac0.txt"


def report(year: int, issuer: str = "青山市人民政府", extra: str = "") -> str:
    return textwrap.dedent(f"""\
        {issuer}关于{year}年度法治政府建设情况的报告
        {year}年，{issuer}扎实推进法治政府建设，取得新成效。现将有关情况报告如下：
        一、{year}年度推进法治政府建设的主要举措和成效
        （一）深化放管服改革。取消和下放行政许可事项12项，政务服务事项网上可办率达到98%，企业开办时间压缩至1个工作日。
        （二）规范行政执法。全面落实行政执法“三项制度”，组织执法人员培训860人次，执法人员持证率100%。
        {extra}
        二、存在的不足和原因
        一是基层执法力量不足，主要原因是编制有限。
        三、{year + 1}年工作安排
        一是深化行政执法体制改革，年底前完成裁量基准修订。二是推进复议规范化建设。三是开展述法评议。
        """)


def test_edition_follows_the_reported_year(checker):
    assert checker.check_file(str(SEED_2017)).rulebook.edition == "2015-2020"
    assert checker.check_file(str(SEED_2024)).rulebook.edition == "2021-2025"


def test_2017_report_is_not_asked_for_parts_the_2015_outline_lacks(checker):
    result = checker.check_file(str(SEED_2017))
    for rule in ("area.emergencies", "area.digital"):
        found = finding(result, rule)
        assert found.status == "not_applicable" and "2021" in found.message
    assert finding(result, "area.functions").title == "依法全面履行政府职能"
    assert result.passed


def test_first_responsible_expected_from_2017(checker):
    assert finding(checker.check_text(report(2016)), "item.first-responsible").status == "not_applicable"
    assert finding(checker.check_text(report(2018)), "item.first-responsible").status != "not_applicable"


def test_a_year_with_no_edition_uses_the_latest_and_says_so(checker):
    result = checker.check_text(report(2026))
    assert result.rulebook.edition == "2021-2025"
    assert any("2026年尚无对应的新版" in notice for notice in result.notices)


def test_edition_can_be_forced():
    forced = Checker(Settings(edition="2015-2020"))
    result = forced.check_file(str(SEED_2024))
    assert result.rulebook.edition == "2015-2020"
    assert any("指定" in notice for notice in result.notices)
    with pytest.raises(FzError):
        Checker(Settings(edition="1999-2000"))


@pytest.mark.parametrize(
    "issuer,profile,rules_status,emergencies_status",
    [
        ("青山市人民政府", "government", "missing", "missing"),
        ("青山市市场监督管理局", "department", "not_applicable", "not_applicable"),
        ("青山镇人民政府", "township", "not_applicable", "missing"),
    ],
)
def test_profile_from_the_issuer(checker, issuer, profile, rules_status, emergencies_status):
    result = checker.check_text(report(2024, issuer))
    assert result.meta.profile == profile
    assert finding(result, "area.rules").status == rules_status
    assert finding(result, "area.emergencies").status == emergencies_status


def test_a_department_that_writes_about_it_is_scored():
    text = report(2024, "青山市司法局", "（三）加强立法工作。审查行政规范性文件45件，备案审查率达100%，立法项目3件。")
    result = Checker().check_text(text)
    assert finding(result, "area.rules").status == "met"


def test_profile_can_be_forced():
    result = Checker(Settings(profile="department")).check_text(report(2024))
    assert result.meta.profile == "department"
    assert finding(result, "area.rules").status == "not_applicable"


@pytest.mark.parametrize("how", [["--profile", "street"], ["--profile", "County"]])
def test_profile_accepts_the_level_names_users_type(tmp_path, how):
    path = tmp_path / "r.txt"
    path.write_text(report(2024), encoding="utf-8")
    done = run_cli("check", str(path), "--format", "json", "--no-config", *how)
    assert done.returncode in (0, 1), done.stderr
    expected = "township" if how[1] == "street" else "government"
    assert json.loads(done.stdout)["documents"][0]["meta"]["profile"] == expected


def test_profile_from_the_environment_and_a_bad_one_named_in_both_languages(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(report(2024), encoding="utf-8")
    done = run_cli("check", str(path), "--format", "json", "--no-config", env={"FZCHECK_PROFILE": "street"})
    assert json.loads(done.stdout)["documents"][0]["meta"]["profile"] == "township"
    bad = run_cli("check", str(path), "--format", "json", "--no-config", "--profile", "village")
    assert bad.returncode == 2 and "village" in bad.stderr and "报告主体" in bad.stderr and "profile" in bad.stderr
    with pytest.raises(FzError):
        Checker(Settings(profile="village"))
    assert Checker(Settings(profile="county")).settings.profile == "government"


def test_local_rulebook_adds_and_tightens_rules():
    local = ROOT / "rules" / "examples" / "local-guide.yaml"
    checker = Checker(Settings(rulebook=str(local)))
    government = checker.check_file(str(SEED_2024))
    assert government.rulebook.id == "local-example"
    assert finding(government, "area.digital").severity == "error"
    assert finding(government, "local.demonstration").status in ("met", "partial", "missing")
    department = checker.check_text(report(2024, "青山市市场监督管理局"))
    assert finding(department, "local.demonstration").status == "not_applicable"
    assert finding(department, "area.digital").status == "not_applicable"


# --------------------------------------------------------------------------- waivers


def write_waivers(folder, entries: str) -> None:
    (folder / "fzcheck-waivers.yaml").write_text("waivers:\n" + textwrap.dedent(entries), encoding="utf-8")


def test_waiver_is_shown_counted_and_lifts_the_verdict(tmp_path):
    shutil.copy(SEED_2024, tmp_path / "r.txt")
    write_waivers(tmp_path, """\
      - rule: quality.title
        document: r.txt
        reason: 网页版标题在页面栏目中
        approved_by: 市依法治市办 李四
        expires: 2030-12-31
      - rule: area.digital
        document: "*.docx"
        reason: 不适用
        approved_by: 王五
        expires: 2030-12-31
    """)
    checker = Checker(Settings(today=date(2026, 1, 1)))
    result = checker.check_paths([str(tmp_path)])
    document = result.documents[0]
    waived = finding(document, "quality.title")
    assert waived.status == "missing" and waived.waiver.approved_by == "市依法治市办 李四"
    assert waived not in document.gaps()
    unwaived = Checker(Settings(today=date(2026, 1, 1), waivers=None)).check_file(str(SEED_2024))
    assert document.score > unwaived.score
    assert result.summary.waived == 1
    assert any("area.digital" in label for label in result.summary.unused_waivers)


def test_expired_waiver_is_not_applied_and_is_reported(tmp_path):
    shutil.copy(SEED_2024, tmp_path / "r.txt")
    write_waivers(tmp_path, """\
      - rule: quality.title
        document: r.txt
        reason: 临时
        approved_by: 李四
        expires: 2025-06-30
    """)
    result = Checker(Settings(today=date(2026, 1, 1))).check_paths([str(tmp_path)])
    document = result.documents[0]
    assert finding(document, "quality.title").waiver is None
    assert any("已过期" in notice for notice in document.notices)
    assert result.summary.expired_waivers and not result.summary.unused_waivers


def test_waivers_on_the_command_line(tmp_path):
    shutil.copy(SEED_2024, tmp_path / "r.txt")
    waivers = tmp_path / "approved.yaml"
    waivers.write_text(textwrap.dedent("""\
        waivers:
          - rule: item.shortcomings
            document: r.txt
            reason: 已另行专题报告
            approved_by: 李四
            expires: 2099-01-01
        """), encoding="utf-8")
    done = run_cli("check", str(tmp_path / "r.txt"), "--waivers", str(waivers), "--format", "json")
    data = json.loads(done.stdout)
    waived = [f for f in data["documents"][0]["findings"] if f["waiver"]]
    assert [f["rule"] for f in waived] == ["item.shortcomings"]
    assert data["summary"]["waived"] == 1


def test_bad_waiver_file_is_a_clear_error(tmp_path):
    waivers = tmp_path / "w.yaml"
    waivers.write_text("waivers:\n  - rule: x\n    expires: not-a-date\n", encoding="utf-8")
    done = run_cli("check", str(SEED_2024), "--waivers", str(waivers))
    assert done.returncode == 2
    assert "豁免文件有误" in (done.stdout + done.stderr) and "Traceback" not in done.stderr
