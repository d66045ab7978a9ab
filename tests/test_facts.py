"""What a report says about itself: kind, year, issuer, level."""

from __future__ import annotations

import itertools

import pytest

from checker.document import facts, read_outline
from checker.document.ingest.source import Source, lines_from_text

from .conftest import conventions

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
        # A 县级市 names the city above it after the province (省委、金华市委和市委): county level.
        ("义乌市2019年度法治政府建设工作报告\n2019年，义乌市认真贯彻中央、省委、金华市委和市委关于加强法治建设的决策部署，取得新成效。\n",
         2019, "义乌市", "county"),
        ("青山市人民政府关于2019年度法治政府建设情况的报告\n2019年，在省委、省政府和市委的坚强领导下，青山市扎实推进法治政府建设。\n",
         2019, "青山市人民政府", "city"),
        # The capital speaking of itself (首善之区, 首都经济社会发展) without its name: a 直辖市, province level; a city
        # of a province that serves the capital names its province.
        ("2017年，我市全面落实《实施纲要》，以建设法治中国首善之区为目标，扎实推进依法行政，有力促进首都经济社会持续健康发展。"
         "现将有关情况报告如下：\n一、主要工作\n全年办理行政复议案件206件。\n", 2017, None, "province"),
        ("2017年，我市在省委、省政府领导下，主动服务首都，扎实推进依法行政，促进首都经济社会发展。现将有关情况报告如下：\n"
         "一、主要工作\n全年办理行政复议案件206件。\n", 2017, None, "city"),
        # …or reports to it (addressed to 江州市人民政府、中共龙溪市委), while a city addressed to its own bodies stays a city.
        ("龙溪市人民政府关于2020年度法治政府建设工作情况的报告\n江州市人民政府、中共龙溪市委：\n2020年，龙溪市人民政府扎实推进法治政府建设，取得新成效。\n",
         2020, "龙溪市人民政府", "county"),
        ("青山市人民政府关于2020年度法治政府建设工作情况的报告\n中共青山市委、青山市人大常委会：\n2020年，青山市人民政府扎实推进法治政府建设，取得新成效。\n",
         2020, "青山市人民政府", "city"),
        # A city addressed to the centre (党中央、国务院) is a 直辖市, province level, whatever its name; one addressed to its
        # province is a city.
        ("川东市人民政府关于2023年度法治政府建设情况的报告\n党中央、国务院：\n2023年，川东市人民政府扎实推进法治政府建设，取得新成效。\n",
         2023, "川东市人民政府", "province"),
        ("青山市人民政府关于2023年度法治政府建设情况的报告\n省委、省政府：\n2023年，青山市人民政府扎实推进法治政府建设，取得新成效。\n",
         2023, "青山市人民政府", "city"),
        # …and so is one that calls itself a 直辖市 (作为直辖市，我市…).
        ("川东市人民政府关于2023年度法治政府建设情况的报告\n2023年，作为直辖市，我市统一实施市、区县两级权责清单动态管理，取得新成效。\n",
         2023, "川东市人民政府", "province"),
        # …and is county level by name when its opening names no city above it (the gazetteer of 县级市).
        ("辽宁省海城市人民政府关于2022年度法治政府建设情况的报告\n2022年，海城市扎实推进法治政府建设，取得新成效。\n",
         2022, "辽宁省海城市人民政府", "county"),
        # …and so are those set up since the standard's table (宁乡市, 2017)
        ("宁乡市人民政府关于2023年度法治政府建设情况的报告\n2023年，宁乡市扎实推进法治政府建设，取得新成效。\n",
         2023, "宁乡市人民政府", "county"),
        # The issuer after the year at the start of a title.
        ("2018年上海市法治政府建设情况的报告\n现将2018年上海市法治政府建设情况报告如下：\n", 2018, "上海市", "province"),
        # Without a title, subject or signature, the body a 现将…报告如下 reports on: a 直辖市 is province level.
        ("根据纲要要求，现将2016年上海市法治政府建设情况公开如下：\n2016年，本市各级行政机关认真贯彻纲要，全年办理复议案件1200件。\n",
         2016, "上海市", "province"),
        # A clause that opens on a verb names no body, whatever place it ends on (全面落实全省…).
        ("2019年，我厅深入贯彻纲要，全面落实全省推进法治政府建设工作会议部署要求。\n一、工作基本情况\n我厅全年审查规范性文件12件。\n",
         2019, None, "department"),
        # The body's rule-of-law work as the subject (…委的法治政府建设工作): the body issued it.
        ("2025年，青山市卫生健康委的法治政府建设工作紧紧围绕年度工作要点抓落实，取得积极成效。现将情况报告如下：\n"
         "一、主要举措和成效\n委党组专题学习习近平法治思想6次。我市卫生健康系统全年办理许可1200件。\n", 2025,
         "青山市卫生健康委", "department"),
        # A government's general office (…人民政府办公室) is a department.
        ("青山市人民政府办公室关于2024年法治政府建设情况报告\n2024年，市政府办公室扎实推进法治政府建设，取得新成效。\n", 2024,
         "青山市人民政府办公室", "department"),
        # A portal's news title over the report it reprints: the body that published it issued it.
        ("青山市司法局发布2023年法治政府建设年度报告\n2023年，市司法局扎实推进法治政府建设，取得新成效。\n", 2023,
         "青山市司法局", "department"),
        # A web copy's space between the issuer and 关于.
        ("古丈县司法局 关于2024年度法治政府建设情况的报告\n县委、县人民政府:\n2024年，在县委的领导下，先后召开2024年县委全面依法治县委员会会议。\n", 2024,
         "古丈县司法局", "department"),
        # 街 is a 街道 named short.
        ("海滨街2020年法治政府建设情况报告\n2020年，海滨街严格依法行政，深入推进法治政府建设。\n", 2020, "海滨街", "township"),
        # A development zone's 管理委员会 is county level, not a department (labelling rules).
        ("赣州经济技术开发区管理委员会2024年度法治政府建设情况报告\n2024年，经开区管委会扎实推进法治政府建设。\n", 2024,
         "赣州经济技术开发区管理委员会", "county"),
        ("2016年，桂林市人民政府认真贯彻落实纲要，扎实开展法治政府建设工作。现将我市2016年度法治政府建设情况报告如下：\n", 2016, "桂林市人民政府", "city"),
        ("2023年，我局坚持以习近平法治思想为指导，推进法治建设。现将2023年度法治政府建设情况报告如下：\n", 2023, None, "department"),
        ("2024年，得益于县委的坚强领导，我乡积极作为。现将我乡2024年度法治政府建设的具体情况汇报如下：\n", 2024, None, "township"),
        # A bureau speaks of its province more often than of itself: its own name for itself decides.
        ("现将我局2019年度法治政府建设情况报告如下：\n我省企业开办用时全国最短，我省率先推行全链通。\n", 2019, None,
         "department"),
        ("自治区人民政府：\n2020年，我州坚持以习近平法治思想为指导，扎实推进法治政府建设。\n", 2020, None, "city"),
        # A subject with its other names in brackets (市数据局(市营商环境建设局、市行政审批局)) is the first name.
        ("关于2025年法治政府建设情况的报告\n2025年,市数据局(市营商环境建设局、市行政审批局)在市委、市政府的坚强领导下,"
         "深入学习贯彻习近平法治思想，取得新成效。\n", 2025, "市数据局", "department"),
        # A year's summary (现将…总结如下) and progress (取得了长足进步) read as a report without a title.
        ("城中区委全面依法治区委员会：\n人民街街道办事处扎实推进法治政府建设。现将2025年工作情况总结如下：\n", 2025,
         "人民街街道办事处", "township"),
        # A prefecture's government is its 行政公署: city level, as the prefecture (…地区) is.
        ("锡林郭勒盟行政公署关于2021年度法治政府建设工作情况的报告\n2021年，盟行政公署扎实推进法治政府建设。\n", 2021,
         "锡林郭勒盟行政公署", "city"),
        ("阿克苏地区2022年度法治政府建设情况报告\n2022年，地区行署扎实推进法治政府建设。\n", 2022, "阿克苏地区", "city"),
        # A joint title names the party committee first: the government issued it (a 县级市 stays county level).
        ("中共苏州市委 苏州市人民政府关于2018年度法治政府建设情况的报告\n2018年，市委、市政府坚持以习近平法治思想为指导。\n", 2018,
         "苏州市人民政府", "city"),
        ("中共义乌市委 义乌市人民政府关于2023年度法治政府建设情况的报告\n2023年，市委、市政府坚持以习近平法治思想为指导。\n", 2023,
         "义乌市人民政府", "county"),
        # …or a zone's working committee and its 管理委员会 (a zone is county level)
        ("中共临川高新技术产业开发区工作委员会 临川高新技术产业开发区管理委员会关于2025年度法治政府建设情况的报告\n"
         "2025年，高新区党工委、管委会坚持以习近平法治思想为指导。\n", 2025, "临川高新技术产业开发区管理委员会", "county"),
        # …the space between them, not a 和 the place's name begins with (中共和平县委 和平县人民政府)
        ("中共和平县委 和平县人民政府关于2023年度法治政府建设情况的报告\n2023年，县委、县政府坚持以习近平法治思想为指导。\n", 2023,
         "和平县人民政府", "county"),
        # An issuer naming no place (市政府) in an opening that names a 县级市 is that 县级市's; one naming a
        # prefecture stays a city.
        ("2020年，市政府坚持以习近平法治思想为指导，全面落实《乐平市法治政府建设实施纲要(2017-2020年)》各项任务。\n", 2020,
         "市政府", "county"),
        ("2020年，市政府坚持以习近平法治思想为指导，全面落实《景德镇市法治政府建设实施纲要(2017-2020年)》各项任务。\n", 2020,
         "市政府", "city"),
        # …nor one whose opening names its 县级市 as others, or a word that only holds a 县级市's name (沿海城市)
        ("2022年，市政府坚持以习近平法治思想为指导，全面推进法治政府建设，义乌市、东阳市被命名为全省法治政府建设示范县（市、区）。\n",
         2022, "市政府", "city"),
        ("2022年，市政府坚持以习近平法治思想为指导，建设现代化沿海城市，推进法治政府建设。\n", 2022, "市政府", "city"),
        ("2022年，市政府坚持以习近平法治思想为指导，为乐平市高质量发展提供坚强法治保障。\n", 2022, "市政府", "county"),
        ("2023年，市政府坚持以习近平法治思想为指导，义乌市获评全国示范，东阳市、永康市获评省级示范。\n", 2023, "市政府", "city"),
        ("2023年，市政府坚持以习近平法治思想为指导，在瑞安市召开全市法治政府建设推进会。\n", 2023, "市政府", "city"),
        ("2022年，市政府坚持以习近平法治思想为指导，指导瑞安市、乐清市开展综合行政执法改革试点，推进法治政府建设。\n", 2022,
         "市政府", "city"),
        # a 县级市 set up lately (嫩江市, 2019)
        ("嫩江市人民政府关于2023年度法治政府建设情况的报告\n2023年，市政府坚持以习近平法治思想为指导。\n", 2023,
         "嫩江市人民政府", "county"),
        # A year in characters after the issuer (二〇二三年度).
        ("慈溪市人民政府二〇二三年度法治政府建设工作报告\n二〇二三年，市政府坚持以习近平法治思想为指导。\n", 2023,
         "慈溪市人民政府", "county"),
        # a year in characters that ends in 五 is no 五年 summary; a customs house is a department
        ("四川省人民政府关于二〇二五年度法治政府建设情况的报告\n二〇二五年，省政府坚持以习近平法治思想为指导。\n", 2025,
         "四川省人民政府", "province"),
        ("南京海关2021年度法治政府建设情况报告\n2021年，南京海关坚持以习近平法治思想为指导，全面落实海关工作部署。\n", 2021,
         "南京海关", "department"),
        # a rule-of-law committee's office reporting on its county's year, for it, gives the county's report; so does a
        # title that names no one before 关于
        ("中共峪川县委全面依法治县委员会办公室关于峪川县2021年度法治政府建设情况的报告\n受县委、县政府委托，县委依法治县办对全县法治政府建设情况进行了总结。\n",
         2021, "峪川县", "county"),
        ("中共峪川县委全面依法治县委员会办公室关于全县2021年度法治政府建设情况的报告\n受县委、县政府委托，县委依法治县办对全县法治政府建设情况进行了总结。\n",
         2021, "峪川县", "county"),
        ("关于望川县2021年度法治政府建设情况的报告\n2021年，全县坚持以习近平法治思想为指导。\n", 2021, "望川县", "county"),
        # …unless the body never speaks as that place, only as a bureau (我局): the place is its surroundings
        ("关于峪南县2023年度法治政府建设工作情况的报告\n2023年，我局在县委、县政府的坚强领导下全面推进法治政府建设。\n", 2023,
         None, "department"),
        ("峪南县2023年度法治政府建设工作情况报告\n2023年，本局深入学习贯彻习近平法治思想。\n", 2023, None, "department"),
        ("关于峪南县2023年度法治政府建设工作情况的报告\n2023年，我县在县委的坚强领导下全面推进法治政府建设，我局……\n", 2023,
         "峪南县", "county"),
        # …not another place's office reporting on it (the office issues it)
        ("滨江市委依法治市办关于东湖区2023年度法治政府建设情况的报告\n2023年，市委依法治市办对东湖区法治政府建设情况进行了考核。\n", 2023,
         "滨江市委依法治市办", "department"),
        # an agency named a 中心 (住房公积金管理中心, 政务服务中心) is a department too
        ("霁州市住房公积金管理中心2024年度法治政府建设情况报告\n2024年，市住房公积金管理中心坚持以习近平法治思想为指导。\n", 2024,
         "霁州市住房公积金管理中心", "department"),
        # a title naming no body, a text speaking for a sector (全市医疗保障系统…): the department the page's block names
        ("来源:青山市医疗保障局  发布时间:2025-03-26\n2024年度法治政府建设情况报告\n2024年,全市医疗保障系统坚持以习近平法治思想为指导,"
         "依法推进医保制度改革。现将有关情况报告如下:\n", 2024, "青山市医疗保障局", "department"),
        # …as the sector shortens its name (全市医保系统), or speaks of its field (全市住房城乡建设领域)
        ("来源:青山市医疗保障局  发布时间:2025-03-26\n2024年度法治政府建设情况报告\n2024年,全市医保系统坚持以习近平法治思想为指导,"
         "依法推进医保制度改革。现将有关情况报告如下:\n", 2024, "青山市医疗保障局", "department"),
        ("发布机构:青山市住房和城乡建设局  发布时间:2024-03-26\n2023年度法治政府建设情况报告\n2023年,全市住房城乡建设领域坚持以"
         "习近平法治思想为指导。现将有关情况报告如下:\n", 2023, "青山市住房和城乡建设局", "department"),
        # …not the 司法局 that publishes a government's report
        ("来源:青山县司法局  发布时间:2024-03-20\n2023年度法治政府建设情况报告\n2023年,全县坚持以习近平法治思想为指导,"
         "扎实推进法治政府建设。现将有关情况报告如下:\n", 2023, None, "county"),
        # …and a department named by its level alone (来源：市应急管理局), under an editor's note
        ("来源：市应急管理局  发布时间：2024-03-22\n【编者按】根据有关要求，现将2023年度法治政府建设情况向社会公开，欢迎监督。\n"
         "2023年，全市应急管理系统坚持以习近平法治思想为指导，依法推进安全生产工作。\n", 2023, "市应急管理局", "department"),
        # a 管委会 calls itself 我委: its own voice, no bureau's inside its place
        ("霁州高新区管委会关于报送2024年度法治政府建设工作情况的报告\n市委依法治市办:\n现将我委2024年度法治政府建设工作情况报送如下。\n"
         "2024年,霁州高新区党工委、管委会坚持以习近平法治思想为指导,我委全年审查规范性文件6件。\n", 2024, "霁州高新区管委会", "county"),
        # a city no gazetteer knows that speaks as a county does (县域; 市、镇两级; under a 州委) is a 县级市
        ("青峪市2025年法治政府建设工作报告\n2025年，青峪市坚持以习近平法治思想为指导，打造县域法治建设标杆。\n", 2025, "青峪市",
         "county"),
        ("桐岗市人民政府关于2024年度法治政府建设情况的报告\n2024年，桐岗市在州委、州政府和市委的坚强领导下，扎实推进法治政府建设。\n",
         2024, "桐岗市人民政府", "county"),
        # …or files its documents with another city's government, its superior
        ("泓口市人民政府关于2022年度法治政府建设情况的报告\n2022年，市政府扎实推进法治政府建设。全年制发行政规范性文件9件，"
         "均向鹤沙市人民政府和市人大常委会报备。\n", 2022, "泓口市人民政府", "county"),
        # …not a city its own departments file with
        ("澄阳市人民政府关于2023年度法治政府建设情况的报告\n2023年，市政府扎实推进法治政府建设。市直各部门制发的规范性文件"
         "均向澄阳市人民政府备案。\n", 2023, "澄阳市人民政府", "city"),
        # the body's own voice inside an aim (为…，助力我区法治政府建设) names no issuer (its level only)
        ("2023年,本院共受理一审行政诉讼案件186件。为充分发挥行政审判职能作用,助力我区法治政府建设,本院对行政案件进行了梳理分析。\n",
         2023, None, "county"),
        # a place whose name begins as a preposition does (从江县, 向阳区) is a place still
        ("2023年，从江县人民政府深入学习贯彻习近平法治思想，扎实推进法治政府建设。现将有关情况报告如下：\n", 2023,
         "从江县人民政府", "county"),
        # the body's name alone below a title that names none, after a table of contents (法治政府建设年度报告 / （2024年度） /
        # 霁州市应急管理局), not a form's field (填报单位：…)
        ("目  录\n一、2024年推进法治政府建设的主要举措和成效…………1\n\n法治政府建设年度报告\n（2024年度）\n霁州市应急管理局\n\n"
         "2024年，我市应急管理系统坚持以习近平法治思想为指导。现将有关情况报告如下。\n", 2024, "霁州市应急管理局", "department"),
        # a site's header that is the body's name alone, over a portal's block (a 管委会: county level)
        ("霁州高新技术产业开发区管理委员会\n网站首页 > 信息公开 > 法治政府建设年度报告\n发布时间:2024-03-27 09:15\n\n"
         "2023年,高新区坚持以习近平法治思想为指导,扎实推进法治政府建设。现将有关情况报告如下:\n", 2023,
         "霁州高新技术产业开发区管理委员会", "county"),
        # an editor's note over a reposted report is no sentence of its opening: the subject is the report's
        ("编者按:按照市委依法治市办有关要求,区政府各部门2023年度法治政府建设情况须于3月底前向社会公开。本期刊发区绿化市容局报告。"
         "欢迎社会各界监督。\n2023年,区绿化市容局在区委、区政府的坚强领导下,扎实推进法治政府建设。\n", 2023, "区绿化市容局",
         "department"),
        # …but a city's government reports to its own 市委 and 人大常委会 too
        ("关于2023年度法治政府建设情况的报告\n中共霁州市委、霁州市人大常委会：\n2023年，市政府坚持以习近平法治思想为指导，深入推进"
         "法治政府建设，各县（市、区）全面落实。\n", 2023, "市政府", "city"),
        # a city that names no one and reports to a city's government: a 县级市
        ("霁州市人民政府：\n根据《法治政府建设与责任落实督察工作规定》要求，现将我市2019年度法治政府建设情况报告如下。\n"
         "2019年，我市以习近平新时代中国特色社会主义思想为指导，扎实推进依法行政。\n", 2019, None, "county"),
        # …also one the note says it publishes (现将…情况予以公开)
        ("【编者按】根据《法治政府建设与责任落实督察工作规定》,现将市水务局2023年度法治政府建设情况予以公开,接受社会监督。\n"
         "2023年,全市水务系统坚持以习近平法治思想为指导,全面推进水务领域依法行政。\n", 2023, "市水务局", "department"),
        # a portal's field label is no part of the title (信息名称: …), and a clause of acts is no subject (…,年初带头在市委…)
        ("信息名称: 高新区2022年度法治建设工作情况\n\n高新区2022年度法治建设工作情况\n\n2022年,在市委、市政府的坚强领导下,"
         "高新区党工委、管委会深入推进依法行政。党工委书记认真履行第一责任人职责,年初带头在市委全面依法治市委员会会议上述法。\n",
         2022, "高新区", "county"),
        # the body whose report an editor's note says the page prints, when the text speaks only as its city's sector
        ("编者按:市直各部门2021年度法治政府建设情况报告陆续在本网专栏公开。今天刊发市交通运输局报告全文,敬请关注。\n"
         "2021年,我市交通运输系统坚持以习近平法治思想为指导,全市交通运输法治政府部门建设取得新成效。\n", 2021, "市交通运输局",
         "department"),
        # a bureau's own words for the statement: 总结…情况，现报告如下 (no 将)
        ("根据《法治政府建设与责任落实督察工作规定》要求，区财政局认真梳理总结2025年度法治政府建设情况，现报告如下。\n", 2025,
         "区财政局", "department"),
    ],
)
def test_year_issuer_level(checker, head, year, issuer, level):
    result = checker.check_text(head + BODY)
    assert result.meta.kind == "annual_report", result.meta.kind_reasons
    assert (result.meta.year, result.meta.issuer, result.meta.level) == (year, issuer, level)


@pytest.mark.parametrize("statement", [
    "认真梳理总结2024年上半年法治政府建设工作情况，现报告如下：",  # a half year
    "认真梳理总结2024年法治政府建设督察反馈问题整改落实情况，现报告如下：",  # a rectification
    "认真梳理总结2021年至2025年法治政府建设情况，现报告如下：",  # several years
    "认真梳理总结2024年度履行推进法治政府建设第一责任人职责情况，现报告如下：",  # a leader's own duty
])
def test_a_statement_without_jiang_is_a_years_report_only_on_the_years_work(checker, statement):
    """总结…情况，现报告如下 without 将 states the year's report only when it names one year's 法治政府建设 and nothing
    between: a half year, a rectification, several years or a leader's duty is another genre."""
    result = checker.check_text(f"我县{statement}\n一、工作开展情况\n全年办理行政复议案件12件。\n二、下半年工作打算\n")
    assert result.meta.kind == "not_annual_report", result.meta.kind_reasons


def test_the_year_of_a_statement_without_jiang_is_the_one_its_report_is_on():
    text = "我县认真总结2023年督察反馈问题整改和2024年度法治政府建设情况，现报告如下。\n"
    assert 2023 not in [year for _, year, _ in statements_of(text)]
    assert statements_of("区财政局认真梳理总结2025年度法治政府建设情况，现报告如下。\n")[0][:2] == (facts.FROM_STATEMENT, 2025)


def test_an_opening_on_the_year_since_last_year_is_a_report_on_a_year(checker):
    """去年以来，… opens on the year reported, as 今年以来 and 一年来 do (a report written early in the next year)."""
    text = ("去年以来，在省委、省政府和市委的正确领导下，市政府深入推进依法行政，加强法治政府建设，为全市经济社会发展提供了"
            "有力法治保障。现将有关情况报告如下。\n") + BODY
    result = checker.check_text(text)
    assert result.meta.kind == "annual_report", result.meta.kind_reasons
    assert "以年份开篇，总结该年工作" in result.meta.kind_reasons


def test_an_opening_that_names_no_rule_of_law_is_another_fields_report_unless_titled_as_the_report(checker):
    """Every labelled report names the rule of law (法治政府, 依法行政, 法治建设, 依法治县, the 纲要) in its opening; a year of
    statistics work told as a report does not. Under a title in the report's form the title names it."""
    opening = ("2022年,县委、县政府深入贯彻落实《防范和惩治统计造假、弄虚作假督察工作规定》,坚持依法统计、依法治统,"
               "统计数据质量稳步提升。现将有关情况报告如下。\n一、压实责任\n县长主持召开统计工作专题会议3次。\n")
    result = checker.check_text(opening)
    assert result.meta.kind == "not_annual_report", result.meta.kind_reasons
    assert "开头未提及法治政府建设或依法行政" in result.meta.kind_reasons
    titled = checker.check_text("澄江县人民政府关于2022年度法治政府建设情况的报告\n" + opening)
    assert titled.meta.kind == "annual_report", titled.meta.kind_reasons


def test_words_of_other_genres_inside_a_report_do_not_make_it_one(checker):
    """A township named 民建 is no democratic party; a bureau's sentence on test reports (检验检测报告单) is no check sheet."""
    township = checker.check_text("中共民建乡委员会 民建乡人民政府\n关于2023年度法治政府建设情况的报告\n县委、县政府：\n"
                                  "2023年，乡党委、乡政府坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：\n" + BODY)
    assert township.meta.kind == "annual_report", township.meta.kind_reasons
    bureau = checker.check_text("青山县市场监督管理局2023年度法治政府建设情况报告\n2023年，县市场监督管理局坚持以习近平法治思想"
                                "为指导，深入推进依法行政。现将有关情况报告如下：\n一、主要举措和成效\n全年出具检验检测报告单3260份，"
                                "检测结果全部向社会公开。\n")
    assert bureau.meta.kind == "annual_report", bureau.meta.kind_reasons


def test_a_news_page_that_reprints_the_report_in_full_is_the_report(checker):
    lead = ("司法部发布2023年法治政府建设年度报告\n发布时间:2024-12-21 12:04:21\n"
            "中新网3月29日电 据司法部网站消息,司法部发布2023年法治政府建设年度报告。{how}\n")
    body = ("一、坚持把党的领导贯穿到法治政府建设全过程各方面\n"
            "部党组始终坚持和加强党对法治政府建设的领导,全年召开部党组会议专题研究法治工作6次。\n")
    reprint = checker.check_text(lead.format(how="具体报告如下:") + body)
    news = checker.check_text(lead.format(how="报告总结了一年来的工作。") + body)
    assert reprint.meta.kind == "annual_report", reprint.meta.kind_reasons
    assert "转载报告全文" in reprint.meta.kind_reasons
    assert news.meta.kind == "not_annual_report", news.meta.kind_reasons


@pytest.mark.parametrize(
    "text",
    [
        "在法治政府建设推进会议上的讲话\n同志们：刚才，会议通报了全县法治政府建设工作情况。下面，我讲三点意见。\n一、提高认识\n县长亲自召开这次推进会议。\n",
        "金昌市创建全国法治政府建设示范市实施方案\n为加快推进法治金昌建设，结合金昌实际，制定本实施方案。\n一、总体要求\n坚持以习近平法治思想为指导。\n",
        "省政府党组召开会议审议2019年度法治政府建设情况报告\n3月19日，省长主持召开省政府党组会议，审议年度报告，研究部署有关工作。\n",
        "基层法治政府建设的实践与思考：基于克拉玛依市示范创建的经验考察\n摘要：本文考察了克拉玛依市的经验。\n一、政务服务\n98%以上的政务服务事项实现网上办。\n",
        "区五年法治政府建设工作情况的报告\n五年来，全区严格落实党政主要负责人履行推进法治建设第一责任人职责规定。\n",
        "自治区卫生健康委顺利完成2022年度法治政府建设考核\n2022年12月19日下午，考核组莅临我委开展2022年度法治政府建设"
        "实地考核工作。我委法治政府建设取得了明显成效。\n",
        # A 政府信息公开 annual report by its other name, whose first part is about 法治政府
        "根据《中华人民共和国政府信息公开条例》有关要求，现就2020年政务公开年度工作情况报告如下：\n一、总体情况\n"
        "（一）围绕建设法治政府全面推进政务公开。\n我局指导起草《青山市陆水流域保护条例（草案）》，完成审修工作。\n",
        "聚焦重点 攻克难点 奋力谱写全面依法治区工作新篇章——青山市东湖区2022年度全面依法治区工作综述\n"
        "2022年，青山市东湖区全面依法治区工作坚定以习近平法治思想为指导，取得新成效。\n",
        # one part of the work reported to a 人大常委会 session, framed by the rule of law
        "关于全市法治政府建设中行政执法监督工作情况的报告\n——2022年8月24日在青山市第十六届人民代表大会常务委员会第五次会议上\n"
        "主任、各位副主任、秘书长、各位委员:\n受市人民政府委托,现将全市法治政府建设中行政执法监督工作情况报告如下,请予审议。\n"
        "一、基本情况\n2021年全市共作出行政处罚决定5.8万件。\n",
        # answers to an inspection's questionnaire
        "青山市东湖区人民政府\n关于法治政府建设督察调研提纲有关问题的书面汇报\n市委依法治市办督察组:\n"
        "根据《督察调研提纲》要求,现将我区有关情况汇报如下:\n一、关于学习贯彻习近平法治思想情况\n2025年以来,区政府常务会议开展会前学法9次。\n",
        # a letter sending reports on, which it does not carry
        "青山县司法局\n关于报送青山县2023年度法治政府建设情况报告的函\n市委依法治市办:\n"
        "根据《法治政府建设与责任落实督察工作规定》要求,现将我县年度报告及12个部门报告报送你办,请审阅。\n"
        "附件:1.青山县人民政府关于2023年度法治政府建设情况的报告\n",
        # a people's organisation's own report on the rule of law
        "青山市妇女联合会2023年度法治建设工作情况报告\n市委依法治市办:\n2023年,市妇联坚持以习近平法治思想为指导,"
        "取得明显成效。现将有关情况报告如下:\n一、加强组织领导\n党组会议专题研究法治工作3次。\n",
        # a report on the year so far, asked for as progress
        "青山县人民政府关于2023年法治政府建设工作情况的报告\n县委依法治县办:\n按照《关于报送2023年法治建设重点工作进展情况的通知》要求,"
        "现将我县今年以来法治政府建设工作情况报告如下:\n一、工作开展情况\n截至9月底,县政府常务会议会前学法7次。\n",
        # a budget's performance self-evaluation, its title's genre words on a line of their own
        "青山县司法局\n2023年度法治政府建设专项工作经费\n项目支出绩效自评报告\n根据县财政局要求,我局对2023年度法治政府建设专项工作经费"
        "开展了绩效自评,现将自评情况报告如下:\n一、项目基本情况\n全年支出经费86万元。\n二、存在的问题\n支出进度偏慢。\n",
        # an explanation of a report published late, under the report's own title
        "关于我局2023年度法治政府建设情况报告\n未按期公开的情况说明\n县委依法治县办:\n我局2023年度法治政府建设情况报告未能在4月1日前公开,"
        "现将有关情况说明如下:\n一、主要原因\n工作人员调整。\n二、整改措施\n已于4月10日公开。\n",
        # a self-check on publishing the report, its title run over three lines (the office, the report, the check)
        "青山市人民政府办公室\n关于2023年度法治政府建设年度报告\n公开情况的自查报告\n市政务公开办:\n按照要求,我办对市本级2023年度"
        "法治政府建设年度报告公开情况进行了自查,现将有关情况报告如下。\n一、公开基本情况\n36个部门按时公开。\n",
        # a court's recommendation to a district, under the court's letterhead, its genre spaced out
        "青山市中级人民法院\n司 法 建 议 书\n(2024)青中法建5号\n青山市东湖区人民政府:\n本院在审理行政案件中发现,你区在行政执法"
        "和行政应诉工作中存在一些问题。为推进法治政府建设,提出如下司法建议。\n一、基本情况\n2023年,本院受理以你区行政机关为被告的"
        "一审行政案件143件。\n二、存在的问题\n败诉率偏高。\n",
        # a township congress presidium's report to the deputies
        "各位代表:\n我受青石镇第十八届人民代表大会主席团的委托,向大会报告2023年工作,请予审议。\n一、2023年主要工作回顾\n"
        "2023年,镇人大主席团坚持党的领导、人民当家作主、依法治国有机统一,依法履行职权,推动法治政府建设。\n",
        # one office's year inside a bureau, untitled
        "2023年,局政策法规科在局党组的坚强领导下,认真履行合法性审核、行政复议应诉等职责,服务全局法治政府建设。"
        "现将全年工作总结如下:\n一、主要工作完成情况\n全年审核规范性文件12件。\n二、存在的问题\n人员不足。\n",
        # a genre named alone on a line below or above a title in the report's form: exhibition boards, award material
        "青山县2024年度法治政府建设工作情况\n展板文稿(修改稿)\n青山县司法局  2025年1月10日\n第1板  前言\n2024年,青山县坚持以习近平"
        "法治思想为指引,扎实推进法治政府建设。现将有关情况展示如下:\n一、主要举措和成效\n全年办理行政复议案件206件。\n",
        "“全省法治政府建设工作先进集体”推荐对象事迹材料\n青山县司法局推进法治政府建设工作情况\n青山县司法局现有干部职工46名。"
        "近年来,该局推动全县法治政府建设各项工作走在全市前列。\n一、推动“关键少数”履职尽责\n2023年,累计组织会前学法42次。\n",
        # an advisory council's own year, its name holding the rule of law
        "青山市法治政府建设专家咨询委员会2022年度工作报告\n2022年,青山市法治政府建设专家咨询委员会在市司法局的指导下,坚持以习近平"
        "法治思想为指导,为全市法治政府建设提供智力支持。现将一年来的工作报告如下:\n一、参与立法和决策咨询\n论证草案12件。\n",
        # a briefing for visiting inspectors, addressed to them
        "青山县法治政府建设工作情况汇报\n（迎接市委依法治市办法治督察）\n尊敬的督察组各位领导：\n市委依法治市办督察组莅临我县开展"
        "法治政府建设实地督察。2023年，县政府坚持以习近平法治思想为指导，扎实推进法治政府建设。现将我县2023年度法治政府建设工作情况"
        "汇报如下：\n一、主要举措和成效\n全年审查规范性文件32件。\n二、存在的不足和原因\n执法力量不足。\n",
        # a township setting out its difficulties and asking for help
        "县委依法治县办：\n根据年初工作安排，现就我镇2024年推进法治政府建设中遇到的主要困难和问题反映如下，恳请县委依法治县办统筹协调、"
        "给予支持。\n2024年，镇党委、政府认真落实县委、县政府关于法治建设的部署要求。\n一、法治审核力量不足\n镇司法所仅有1名工作人员。\n",
        # an official's assessment by the organisation department
        "根据县委安排，县委组织部考察组于2024年1月15日至17日对李明同志进行了考察。现将考察情况报告如下：\n李明，男，1979年5月生。"
        "2023年，该同志带领县司法局坚持以习近平法治思想为指导，推进法治政府建设，全县行政复议案件办结率100%。\n一、主要举措和成效\n"
        "全年审查规范性文件32件。\n二、存在的不足和原因\n执法力量不足。\n",
        # a pilot's report, and one on what helps the rule of law along
        "青山县司法局\n青山县乡镇合法性审查全覆盖试点工作情况报告\n市司法局：\n2023年，我县被确定为全市乡镇合法性审查全覆盖工作试点县。"
        "2023年，我县坚持以习近平法治思想为指导，推进基层法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n"
        "全县9个乡镇全部配备法治审核人员。\n二、存在的不足和原因\n审核力量不足。\n",
        "青山县人民政府 青山县人民法院关于2023年度府院联动助推法治政府建设工作情况的报告\n县委：\n2023年，县人民政府、县人民法院"
        "深入学习贯彻习近平法治思想。现将有关情况报告如下：\n一、主要做法\n共同化解行政争议42件。\n",
        # a check on publishing the reports, its title's last line 公开情况的报告
        "青山市人民政府办公室\n关于2023年度法治政府建设年度报告\n公开情况的报告\n市政务公开办：\n按照要求，我办对市本级各部门2023年度法治政府建设年度报告公开情况进行了检查，现将有关情况报告如下。\n一、公开基本情况\n36个部门按时公开，2个部门逾期公开。\n二、存在的问题\n部分报告内容简单。\n",
        # a law firm's report on its service as the government's legal adviser
        "关于2023年度青山县人民政府常年法律顾问服务工作情况的报告\n青山县人民政府:\n2023年,我所继续受聘担任县政府常年法律顾问,"
        "认真落实法治政府建设部署要求。现将有关情况报告如下:\n一、主要工作\n全年审查合同86份。\n二、存在的问题\n参与决策论证不够深入。\n",
        # a report on one event held
        "关于举办2023年全县法治政府建设专题培训班情况的报告\n县委依法治县办:\n为提升依法行政能力,县司法局于9月举办了全县法治政府建设专题培训班。"
        "现将有关情况报告如下:\n一、基本情况\n参训126人,安排课程7门。\n二、存在的不足\n部分单位参训积极性不高。\n",
        # the yearly enforcement data an enforcing body publishes
        "青山县市场监督管理局2023年度行政执法总体情况报告\n根据《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》要求,"
        "现将我局2023年度行政执法总体情况报告如下:\n一、行政执法基本情况\n全年办理行政处罚案件312件。\n二、存在的问题\n执法人员不足。\n",
        # one body's inspection of another's year
        "关于对县交通运输局2023年度法治政府建设工作开展专项检查的情况报告\n县委依法治县办:\n5月,检查组对县交通运输局"
        "2023年度法治政府建设工作开展了专项检查,现将检查情况报告如下:\n一、基本情况\n2023年,该局办理行政处罚案件38件。\n",
        # a correction to a published report
        "关于《青山县2022年度法治政府建设情况报告》部分内容的更正说明\n2023年3月28日，我县在县政府门户网站公开了《青山县2022年度"
        "法治政府建设情况报告》。经核查，报告中部分数据有误，根据《法治政府建设与责任落实督察工作规定》，现更正如下：\n"
        "一、主要举措和成效部分“全年办理行政复议案件56件”更正为“65件”。\n二、存在的不足和原因部分删去“个别”二字。\n",
        # a request for points in an appraisal
        "青山县应急管理局关于申请2023年度法治政府建设考核加分的报告\n县委依法治县办：\n根据《青山县2023年度法治政府建设考核办法》"
        "规定，我局2023年度以下事项符合加分条件，现报告如下：\n一、局长出庭应诉2次。\n二、承担省级试点任务1项。\n",
        # a Party body's report on its own Party duties, untitled
        "市委：\n2022年，青山市生态环境局党组在市委的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
        "取得明显成效。现将2022年度落实全面从严治党主体责任情况报告如下：\n一、主要工作\n党组会议专题研究党风廉政建设6次，"
        "局长履行第一责任人职责。\n二、存在的问题和原因\n监督执纪不够严，主要原因是认识不足。\n三、2023年工作打算\n一是加强警示教育。\n",
        # a hospital's own 法治建设 report, untitled, in its first person
        "2023年，我院在市卫生健康委员会和院党委的正确领导下，坚持以习近平法治思想为指导，扎实推进法治医院建设。"
        "现将我院2023年度法治建设工作情况报告如下：\n一、主要举措和成效\n院长办公会专题研究法治工作4次，审查合同126份。\n",
        # the report on 法治社会建设
        "青山县人民政府关于2025年度法治社会建设情况的报告\n2025年，青山县认真落实《法治社会建设实施纲要（2020—2025年）》，"
        "现将有关情况报告如下：\n一、主要举措和成效\n全年开展法治宣传活动120场。\n二、存在的不足\n基层依法治理不够均衡。\n",
        # a person's own report on a year of service, opening on the year (a 公职律师, a 特邀监督员)
        "2024年，本人在青山县司法局党组的领导下，以公职律师身份在局法制审核股工作。一年来，本人坚持以习近平法治思想为指导，"
        "全年审核规范性文件32件。现将有关情况报告如下：\n一、主要工作\n审核合同56份。\n二、存在的不足\n学习不够深入。\n",
        "2023年度法治政府建设特邀监督员履职情况报告\n2023年，本人受聘担任青山县人民政府法治政府建设特邀监督员。一年来，在县委依法治县办的"
        "组织下，本人参加行政执法案卷评查2次。现将履职情况报告如下：\n一、主要履职情况\n旁听庭审3次。\n",
        # one sector's own rule of law stated as the report
        "县委、县政府：\n2024年，青山县信访局深入学习贯彻习近平法治思想，以推进信访工作法治化为主线，全县信访形势平稳。"
        "现将2024年度信访工作法治化建设情况报告如下：\n一、主要做法和成效\n全年县级领导接访下访187人次。\n",
        "2021年，县司法局（县政府法律顾问室）紧紧围绕县委、县政府中心工作，充分发挥政府法律顾问在依法决策、依法行政中的参谋助手作用，"
        "全年提供法律服务632件次。现将2021年度县政府法律顾问工作开展情况总结如下：\n一、主要工作\n审查合同126份。\n",
        # a study of one kind of case, a guide to writing the reports, a reform's first year, a form
        "青山市2023年度行政诉讼败诉案件分析报告\n2023年，全市各级行政机关深入学习贯彻习近平法治思想，推进依法行政取得新成效。"
        "现将有关情况报告如下：\n一、主要举措和成效\n全市行政机关负责人出庭应诉126件，败诉案件27件。\n"
        "二、存在的不足和原因\n程序违法较多，主要原因是执法人员法治意识不强。\n三、2024年工作安排\n一是开展败诉案件专项评查2次。\n",
        "青山市法治政府建设年度报告工作指引（试行）\n2022年，为规范全市法治政府建设年度报告工作，现将有关要求报告如下：\n"
        "一、主要举措和成效\n写明全年推进法治政府建设的主要举措。\n二、存在的不足和原因\n写明存在的问题，主要原因。\n"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况\n写明主要负责人主持召开会议的次数。\n",
        "溪口街道综合行政执法改革运行一周年工作情况报告\n2023年，溪口街道深入推进法治政府建设，综合行政执法队挂牌运行，取得明显成效。"
        "现将有关情况报告如下：\n一、主要举措和成效\n办理行政处罚案件126件。\n二、存在的不足和原因\n执法力量不足，主要原因是编制偏少。\n"
        "三、下一步工作安排\n一是开展执法案卷评查2次。\n",
        "芦溪镇政府信息公开保密审查审批表\n信息名称\t芦溪镇2023年度法治政府建设情况报告\n信息来源\t镇党政办\n"
        "拟公开时间\t2024年3月25日前\n拟公开范围\t主动公开\n",
        # a ledger of tasks filled in for an appraisal
        "白石县住房和城乡建设局2021年度法治政府建设重点任务落实情况台账\n填报单位：白石县住房和城乡建设局\n2021年，我局扎实推进法治政府建设，"
        "现将重点任务落实情况报告如下：\n一、主要举措和成效\n审核规范性文件5件。\n二、存在的不足和原因\n执法力量不足，主要原因是编制偏少。\n"
        "三、2022年工作安排\n一是开展执法案卷评查2次。\n",
        # how a budget line was spent
        "澄江县司法局关于2022年度法治政府建设专项工作经费使用情况的报告\n县财政局：\n2022年，我局扎实推进法治政府建设，现将有关情况报告如下：\n"
        "一、主要举措和成效\n全年支出经费86万元，开展行政执法案卷评查2次。\n二、存在的不足和原因\n支出进度偏慢，主要原因是项目启动晚。\n",
        # one duty of review reported on its own, untitled
        "县司法局：\n2023年，我镇深入学习贯彻习近平法治思想，把合法性审查作为镇党委、镇政府决策的必经程序。现将我镇2023年度合法性审查工作情况报告如下：\n"
        "一、主要做法\n全年审查合同36份。\n二、存在的不足\n审查力量不足。\n",
        # a department's final accounts
        "索引号：11330781MB0Y2173XK/2023-00041\n第一部分 霁州市司法局概况\n一、主要职能\n2022年，我局推进法治政府建设，办理行政复议案件86件。\n"
        "第二部分 2022年度部门决算表\n",
        # a study group's year, untitled
        "2023年，临溪区人民政府党组理论学习中心组坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，全年集中学习12次，"
        "学习习近平法治思想3次。现将有关情况报告如下：\n一、主要做法\n坚持第一议题制度。\n二、存在的不足\n学习深度不够。\n",
        # a press conference on the year
        "“2021年望海市法治政府建设情况”新闻发布会\n时间：2022年3月29日上午10:00\n2021年，全市法治政府建设取得新成效，"
        "现将有关情况报告如下：\n一、主要举措和成效\n全年审查规范性文件126件。\n二、存在的不足和原因\n基层执法力量薄弱，主要原因是编制不足。\n",
        # a Party branch's, a Party group's and a coordinating committee's own year, untitled
        "2023年，局机关党支部在局党组和县直机关工委的坚强领导下，坚持“围绕法治抓党建、抓好党建促法治”，较好完成了年度各项任务。"
        "现将全年工作总结如下：\n一、突出政治引领\n全年召开支部党员大会6次。\n二、存在的不足\n学习不够深入。\n",
        "县委:\n2023年,县政府党组在县委的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,"
        "把方向、管大局、保落实。现将2023年度县政府党组工作情况报告如下:\n一、坚持把政治建设摆在首位\n全年召开党组会议27次。\n",
        "2023年,县社区矫正委员会在县委、县政府的坚强领导下,坚持以习近平法治思想为指导,依法规范开展社区矫正执法和教育帮扶工作。"
        "现将2023年度工作情况报告如下:\n一、基本情况\n全县在册社区矫正对象317人。\n二、存在的问题\n工作力量不足。\n",
        # one work called an item of the whole (会前学法), an agreement's execution, duties handed over in a reform
        "2024年，区政府坚持把常务会议会前学法作为提升依法行政能力、推进法治政府建设的一项经常性工作，全年共组织会前学法14次。"
        "现将有关情况报告如下。\n一、学法内容紧扣中心工作\n安排专题学习行政复议法。\n",
        "霁州市人民政府与澜江政法学院法治政府建设战略合作协议2023年度执行情况报告\n2022年4月,市政府与澜江政法学院签订《法治政府建设"
        "战略合作协议》。现将2023年度执行情况报告如下:\n一、主要合作成果\n联合开展课题研究3项。\n",
        "青崖县人民政府法制办公室\n关于机构改革中法治政府建设职责和工作移交情况的报告\n县机构改革领导小组办公室、县司法局：\n"
        "根据《青崖县机构改革方案》要求，县政府法制办公室的职责整合划入县司法局。我办于2019年1月完成了职责、人员、档案的移交。"
        "现将有关情况报告如下：\n一、职责移交情况\n移交在办事项12件。\n",
        # an outline for lecturers, a report that nothing happened, a register filed with the reports
        "澄江县2023年度法治政府建设成效宣讲提纲\n编印说明:为深入宣传我县法治政府建设成效,县委依法治县办组织编写了本提纲。\n"
        "一、2023年法治政府建设主要成效\n全年审查规范性文件32件。\n",
        "云岫县交通运输局\n关于2023年度法治建设负面事项情况的零报告\n县委依法治县办:\n我局对2023年有关情况进行了逐项自查,现报告如下:\n"
        "一、我局未发生因违法行政被通报批评的情形。\n",
        "2023年度法治政府建设年度报告\n报送及公开情况登记表\n填报单位:县委依法治县办秘书组\n序号 | 单位 | 报送时间 | 是否公开\n"
        "1 | 县发展改革局 | 3月20日 | 是\n",
        # a self-evaluation scored heading by heading, and one named work's year stated as the report
        "2023年,我局在县委、县政府的坚强领导和县文明委的具体指导下,持续巩固提升市级文明单位创建成果。现将自查情况报告如下:\n"
        "一、组织领导坚强有力(测评分值10分,自评9.5分)\n全年召开党组会议研究创建工作4次。\n"
        "三、依法行政规范有序(测评分值15分,自评14.5分)\n局党组理论学习中心组开展专题学法6次。\n",
        "市委全面依法治市办：\n2022年，我局坚持以习近平法治思想为指导，把民法典贯彻实施作为重要工作。现将我局2022年度民法典贯彻实施工作情况"
        "报告如下：\n一、主要做法\n开展民法典宣传活动12场。\n",
        # an encyclopedia's entry, a student's internship report, a body's public pledge
        "霁州市法治政府建设_百科知识_中文百科在线\n首页 > 社会 > 政法 > 词条\n编辑 | 讨论 | 历史版本\n霁州市法治政府建设\n"
        "2021年，霁州市按照《法治政府建设与责任落实督察工作规定》要求，推进依法行政、建设法治政府，全年审查规范性文件32件。\n"
        "一、主要举措和成效\n市政府常务会议会前学法12次。\n二、存在的不足和原因\n基层执法力量不足，主要原因是编制少。\n",
        "关于澄江县司法局法治政府建设工作情况的\n实习报告\n学  院：霁州师范学院法学院\n一、实习单位基本情况\n2023年，澄江县司法局"
        "坚持以习近平法治思想为指导，扎实推进法治政府建设，全年审查规范性文件32件。\n",
        "霁州市自然资源和规划局2024年度法治政府建设公开承诺书\n2023年，我局按照《法治政府建设与责任落实督察工作规定》要求，"
        "扎实推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n全年审查规范性文件12件。\n二、存在的不足和原因\n"
        "执法力量不足，主要原因是编制少。\n",
        # a decision about a report, its title over three lines; one matter of the work reported alone, in the title or in
        # the statement; the rule of law in foreign affairs
        "澄江县人民政府\n关于对青石镇2023年度法治政府建设情况报告\n弄虚作假问题的问责决定\n各乡镇人民政府，县政府各部门：\n"
        "2024年3月，县委依法治县办在审核各乡镇2023年度法治政府建设情况报告时发现，青石镇报送的报告数据均无台账支撑。"
        "现将有关问责决定通报如下：\n一、主要问题\n全年学法次数虚报12次。\n",
        "中共澄江县委全面依法治县委员会办公室\n关于2023年度法治政府建设考核结果运用情况的报告\n县委全面依法治县委员会:\n"
        "2023年度,县委依法治县办对14个乡镇、39个县直部门法治政府建设考核结果进行了运用。现将有关情况报告如下。\n"
        "一、考核结果确定情况\n评定优秀单位12个。\n",
        "2023年,我局认真贯彻《法治政府建设实施纲要(2021—2025年)》关于有序推进行政裁决工作的部署,依法履行行政裁决职责。"
        "现将全年行政裁决工作情况报告如下:\n一、基本情况\n全年共受理土地权属争议裁决申请27件。\n二、存在的问题\n裁决力量不足。\n",
        "岚溪县交通运输局关于2023年度法治政府建设考核初评结果的复核申请\n中共岚溪县委全面依法治县委员会办公室：\n"
        "2024年1月22日，我局收到考核初评结果的通知。现将有关情况报告如下：\n一、主要举措和成效\n全年办理行政复议案件6件。\n",
        "霁州市人民政府外事办公室\n2024年度涉外法治工作情况报告\n2024年,市外办坚持以习近平法治思想为指导,统筹推进国内法治和涉外法治。"
        "现将我市2024年度涉外法治工作情况报告如下。\n一、健全涉外法治工作机制\n制定涉外法律服务指引2件。\n",
        # a democratic party's oversight, a certificate about another body's year, a report on the work's publicity, an
        # open letter to people, a drafting outline for the report, a text-check sheet on a draft
        "民建霁州市委会2023年度开展法治政府建设\n民主监督工作情况报告\n中共霁州市委统战部:\n2023年,民建霁州市委会对市政府推进"
        "法治政府建设情况开展专项民主监督。现将有关情况报告如下:\n一、主要做法\n走访部门12个。\n",
        "澄江县司法局\n关于澄江县自然资源局2023年度法治政府建设情况的证明\n县精神文明建设指导委员会办公室:\n"
        "2023年,县自然资源局坚持以习近平法治思想为指导,扎实推进法治政府建设。现将有关情况报告如下:\n一、主要举措和成效\n"
        "全年办理行政复议案件6件。\n二、存在的不足和原因\n执法力量不足,主要原因是编制少。\n",
        "澄江县司法局关于2023年度法治政府建设\n宣传报道工作情况的报告\n县委依法治县办:\n2023年,我局加大法治政府建设对外宣传力度。"
        "现将全年宣传报道工作情况报告如下:\n一、总体情况\n全年刊发稿件86篇。\n",
        "全市各级行政机关工作人员、广大行政执法人员:\n2024年,全市上下深入学习贯彻习近平法治思想,法治政府建设迈出坚实步伐。"
        "市政府常务会议开展会前学法11次。新的一年,我们倡议:\n一、带头尊法学法守法用法。\n",
        "澄江县人民政府2019年度法治政府建设\n情况报告(撰写提纲及材料分工)\n县司法局 2019年12月18日\n"
        "2019年,县政府深入推进依法行政,法治政府建设取得新成效。现将有关情况报告如下:\n"
        "一、2019年度推进法治政府建设的主要举措和成效\n全年审查规范性文件12件。\n二、存在的不足和原因\n执法力量不足,主要原因是编制少。\n",
        "亲爱的市民朋友：\n2023年，霁州市法治政府建设取得新成效：市政府常务会议会前学法12次，审查规范性文件32件。"
        "新的一年，让我们携手同行：\n一、主要举措和成效\n全年办理复议案件86件。\n",
        "文本复制检测报告单(全文标明引文)\n检测文献: 柳溪镇2021年度法治政府建设情况报告(送审稿)\n作者: 柳溪镇人民政府\n"
        "2021年,柳溪镇坚持以习近平法治思想为指导,扎实推进法治政府建设。现将有关情况报告如下:\n一、主要举措和成效\n调解纠纷86件。\n",
        # an exam on the rule of law, a demonstration project's year and one activity's, each named between 法治政府建设
        # and its 情况 (the last two with titles split before their genre), and one duty's year stated without a title
        "霁州市司法局关于2023年度全市国家工作人员法治政府建设知识考试情况的报告\n市人民政府:\n2023年10月,我局组织开展"
        "法治政府建设知识考试。现将有关情况报告如下:\n一、考试基本情况\n参考人员1.2万名。\n",
        "云岫市司法局关于\"重大行政决策全过程记录\"全国法治政府建设示范项目\n2023年度运行情况的报告\n省委依法治省办:\n"
        "2022年11月,该项目被命名为全国法治政府建设示范项目。现将该项目2023年度运行情况报告如下:\n一、项目运行基本情况\n"
        "2023年,市政府公布重大行政决策事项12项。\n",
        "棠溪市司法局\n关于2022年度全市法治政府建设“关键少数”\n旁听庭审活动开展情况的报告\n市委全面依法治市委员会办公室:\n"
        "2022年,我局持续推动领导干部旁听庭审常态化。现将全年活动开展情况报告如下:\n一、基本情况\n全年组织旁听庭审活动46场。\n",
        "县委网信办：\n根据《党委（党组）网络安全工作责任制实施办法》，现将我局2023年度网络安全工作责任制落实情况报告如下。\n"
        "一、责任落实情况\n局党组坚持把网络安全工作与法治政府建设同部署。局长全年主持召开党组会议专题研究网络安全工作3次。\n",
        # a museum's own rule of law (依法治馆), a memoir of one year, an analysis of other bodies' reports
        "霁州市博物馆2023年度\n依法治馆工作情况报告\n2023年,我馆坚持以习近平法治思想为指导,深入贯彻《博物馆条例》。现将有关情况报告如下:\n"
        "一、加强组织领导\n馆长全年主持召开馆务会研究依法治馆工作4次。\n",
        "那一年,我在县政府法制办\n——2016年工作片段回忆\n□ 周守仁(原柘原县人民政府法制办公室主任)\n"
        "2016年是《法治政府建设实施纲要(2015—2020年)》实施的第一年。那年开春,县长在常务会议上定了个规矩,常务会议会前学法搞了12次。\n",
        "关于周边县(市、区)2023年度法治政府建设情况报告的对标分析\n泠川县司法局\n为提高我县年度报告编制质量,我局对5个周边县"
        "2023年度法治政府建设情况报告逐篇研读比对。现将有关情况报告如下:\n一、总体情况\n5份报告均在3月31日前公开。\n",
        # one matter joined to another (知识考试暨述法活动), a report's publication, an appraisal of the duty
        "青山县司法局关于2023年度法治政府建设知识考试暨述法活动情况报告\n2023年,我局组织开展知识考试。现将有关情况报告如下:\n"
        "一、基本情况\n参考人员1200名。\n",
        "青山县司法局关于2023年度法治政府建设年度报告报送公开情况的报告\n2024年,各单位按时报送年度报告。现将有关情况报告如下:\n"
        "一、报送情况\n按时报送32家。\n",
        # a reply to a notice on one matter, advice to the leaders, a glossary, a profile page, people named for a task
        "市司法局:\n按照《关于开展全市法治工作力量底数摸排的通知》要求,我局对本系统法治工作力量配备情况进行了全面梳理,现将有关情况"
        "报告如下:\n一、法治工作机构设置情况\n2019年机构改革后,我局在机关内设政策法规科,核定编制4名。\n",
        "县委、县政府领导:\n2023年,我县法治政府建设取得一定成效,在全市年度考核中获评优秀等次。现就进一步加强我县法治政府建设提出"
        "以下建议,供领导决策参考。\n一、关于乡镇合法性审核力量\n全县14个乡镇中有9个仅由党政办工作人员兼职承担合法性审核。\n",
        "首页 > 政务公开 > 政府工作报告\n1.“一网通办”:指依托省一体化政务服务平台,推动政务服务事项一次登录、全网通办。2023年,我县"
        "1263项依申请政务服务事项实现网上可办。\n2.“首违不罚”清单:指对首次违法、危害后果轻微的违法行为依法不予处罚的清单。\n",
        "机构概况\n一、机构设置\n霁州市棠溪区司法局是区人民政府工作部门,加挂区委全面依法治区委员会办公室牌子。\n二、2023年工作概况\n"
        "2023年,区司法局扎实推进法治政府建设,全年审查规范性文件26件。\n",
        "澄江县应急管理局\n关于报送法治政府建设工作联络员的报告\n县委依法治县办:\n根据通知要求,现将我局法治政府建设工作分管领导和"
        "联络员报告如下:\n分管领导:罗振川,局党委委员、副局长。\n",
    ],
    ids=["speech", "plan", "news", "paper", "five-year", "news-of-an-inspection", "openness-report", "feature",
         "one-part-to-the-congress", "questionnaire-answers", "cover-letter", "peoples-organisation", "progress-so-far",
         "budget-self-evaluation", "late-publication-explained", "publication-self-check", "court-recommendation", "congress-presidium", "office-inside-a-body", "exhibition-boards", "award-material-over-title", "advisory-council", "inspectors-briefing", "difficulties-letter", "official-assessment", "pilot", "courts-and-government", "publication-check", "legal-adviser-service", "event-held", "enforcement-data",
         "inspection-of-another", "correction", "appraisal-request", "party-duty", "hospital", "rule-of-law-society",
         "public-lawyer", "special-monitor", "sector-rule-of-law", "legal-adviser-summary", "case-analysis",
         "writing-guide", "reform-first-year", "form", "task-ledger", "budget-line-spent", "one-review-duty",
         "final-accounts", "study-group-year", "press-conference", "party-branch", "party-group", "coordinating-committee",
         "one-item-of-the-whole", "agreement-executed", "duties-handed-over", "lecture-outline", "nil-report",
         "register-form", "scored-self-evaluation", "one-named-work", "encyclopedia-entry", "internship-report",
         "public-pledge", "decision-on-a-report", "one-matter-in-the-title", "one-work-of-the-whole-year",
         "foreign-affairs-rule-of-law", "request-for-review", "democratic-party", "certificate", "publicity-report",
         "open-letter-to-people", "drafting-outline", "open-letter-greeting", "text-check-sheet", "exam-held",
         "demonstration-project-year", "one-activity-split-title", "one-duty-stated", "museums-own-rule-of-law",
         "memoir", "analysis-of-others-reports", "one-matter-joined", "reports-published", "reply-to-a-notice",
         "advice-to-leaders", "glossary", "profile-page", "liaison-officers"],
)
def test_other_texts_are_not_annual_reports(checker, text):
    result = checker.check_text(text)
    assert result.meta.kind == "not_annual_report", result.meta.kind_reasons
    assert result.passed is False
    assert "不是法治政府建设年度报告" in result.verdict


_COVERS = {
    # a letter, then 附件 and the report's own title and body
    "letter-with-attachment": (
        "青山市气象局关于报送2023年度法治政府建设工作情况的函\n青山市人民政府:\n"
        "现将我局2023年度法治政府建设工作情况报送你们,请审阅。\n附件:青山市气象局2023年度法治政府建设工作情况\n"
        "青山市气象局\n2024年3月8日\n",
        "附件\n\n青山市气象局2023年度法治政府建设工作情况\n\n2023年,我局深入推进法治气象建设,现将有关情况报告如下:\n"
        "一、主要举措和成效\n局长主持召开局务会议专题研究法治工作3次,办理行政许可42件。\n"
        "二、存在的不足和原因\n执法人员偏少,主要原因是编制不足。\n三、2024年工作安排\n一是开展防雷安全执法检查。\n"),
    # no 附件 line: the letter is signed and dated, and the report's own title and body follow
    "letter-then-report": (
        "青山市医疗保障局\n关于报送2023年度法治政府建设情况报告的函\n市委全面依法治市委员会办公室:\n"
        "根据《法治政府建设与责任落实督察工作规定》有关要求,现将《2023年全市医疗保障法治建设情况》报送你们,请审阅。\n"
        "青山市医疗保障局\n2024年2月26日\n",
        "\n2023年全市医疗保障法治建设情况\n\n2023年,全市医疗保障系统深入推进依法行政,现将有关情况报告如下:\n"
        "一、加强组织领导\n局长主持召开局务会议专题研究法治工作3次。\n"
        "二、严格规范公正文明执法\n查处违法违规使用医保基金案件42件,追回资金1260万元。\n"),
    # a notice issuing the report, its title cut inside the name it cites, dated and marked public, then the report
    "notice-issuing-it": (
        "云泽省机关事务管理局关于印发《云泽省机关事务管理局\n2018年度法治政府建设情况报告》的通知\n局机关各处室：\n"
        "《云泽省机关事务管理局2018年度法治政府建设情况报告》已经局党组会议审议通过，现印发给你们。\n云泽省机关事务管理局\n"
        "2019年3月12日\n（此件主动公开）\n",
        "\n云泽省机关事务管理局2018年度法治政府建设情况报告\n\n省人民政府：\n"
        "2018年，省机关事务管理局深入推进依法行政，现将有关情况报告如下：\n一、加强组织领导\n局长主持召开局务会议专题研究法治工作3次。\n"
        "二、严格规范公正文明执法\n办理公共机构节能行政处罚案件6件。\n"),
}


@pytest.mark.parametrize("cover", list(_COVERS))
def test_a_cover_that_carries_the_report_is_the_report_and_alone_is_not(checker, cover):
    front, report = _COVERS[cover]
    carried = checker.check_text(front + report)
    assert carried.meta.kind == "annual_report", carried.meta.kind_reasons
    assert checker.check_text(front).meta.kind == "not_annual_report"


def test_a_title_cut_inside_the_name_it_cites_is_one_title_and_a_notice_issuing_a_plan_stays_a_notice(checker):
    front, report = _COVERS["notice-issuing-it"]
    assert checker.check_text(front + report).meta.title == \
        "云泽省机关事务管理局关于印发《云泽省机关事务管理局2018年度法治政府建设情况报告》的通知"
    plan = ("青山县人民政府办公室关于印发《青山县2024年法治政府建设工作要点》的通知\n各乡镇人民政府，县直各部门：\n"
            "《青山县2024年法治政府建设工作要点》已经县政府同意，现印发给你们，请认真贯彻落实。\n青山县人民政府办公室\n2024年3月1日\n"
            "（此件公开发布）\n青山县2024年法治政府建设工作要点\n2024年，全县法治政府建设工作的总体要求是：坚持以习近平法治思想为指导。\n"
            "一、加强党的领导\n1.县政府常务会议学法不少于4次。（牵头单位：县司法局）\n")
    assert checker.check_text(plan).meta.kind == "not_annual_report"


def test_a_letter_whose_own_text_is_the_report_is_the_report(checker):
    letter = ("青山县司法局关于2023年度法治政府建设工作情况的函\n县委全面依法治县委员会办公室:\n"
              "根据《关于做好2023年度法治政府建设年度报告工作的通知》要求,现将我局有关情况函告如下:\n"
              "一、2023年推进法治政府建设的主要举措和成效\n局长主持召开局务会议专题研究法治工作3次,审核规范性文件12件。\n"
              "二、存在的不足和原因\n执法监督力量不足,主要原因是编制偏少。\n三、2024年主要安排\n一是开展行政执法案卷评查。\n")
    result = checker.check_text(letter)
    assert result.meta.kind == "annual_report", result.meta.kind_reasons


def test_seeds_kinds(checker, seed_files):
    kinds = {path.name[:3]: checker.check_file(str(path)).meta.kind for path in seed_files}
    assert kinds == {
        "000": "not_annual_report",
        "001": "annual_report",
        "002": "not_annual_report",
        "003": "annual_report",
        "004": "not_annual_report",
    }


# --------------------------------------------------------------------------- direct reading
# The tests below call the document layer's public functions on realistic texts, with the
# conventions of the built-in rulebook (thresholds and weights are read from it, not restated).

OPENING_WORK = "全年办理行政复议案件206件，审结115件。\n"


def read_as_report(checker, text: str, reason: str):
    """Check `text`, which must read as an annual report, `reason` among the reasons why."""
    result = checker.check_text(text)
    assert result.meta.kind == "annual_report", result.meta.kind_reasons
    assert reason in result.meta.kind_reasons, result.meta.kind_reasons


def outline_of(text: str, **source_fields):
    source = Source(path="t.txt", format="txt", lines=lines_from_text(text), encoding="utf-8", **source_fields)
    return read_outline(source, conventions())


def statements_of(text: str, **source_fields) -> list[tuple[str, int, int]]:
    from checker.rules.rulebook import builtin_editions, load_rulebook

    look_ahead = load_rulebook(builtin_editions()[-1]).lexicon.look_ahead  # 下一步, 明年… (@future)
    return [(s.source, s.year, s.line)
            for s in facts.year_statements(outline_of(text, **source_fields), conventions(), look_ahead)]


# --- the year


def test_a_title_year_in_chinese_numerals_is_read():
    text = "某某县人民政府关于二〇二三年度法治政府建设情况的报告\n" + OPENING_WORK
    assert statements_of(text) == [(facts.FROM_TITLE, 2023, 1)]


def test_the_title_year_is_cited_on_the_title_s_own_line():
    text = "\n\n某某县人民政府关于2023年度法治政府建设情况的报告\n" + OPENING_WORK
    assert statements_of(text) == [(facts.FROM_TITLE, 2023, 3)]


def test_a_title_from_the_file_s_metadata_is_cited_at_line_one():
    text = "全县上下认真贯彻落实纲要，法治政府建设各项工作取得新进展，全年办理行政复议案件206件。\n"
    outline = outline_of(text, title_hint="某某县人民政府关于2023年度法治政府建设情况的报告")
    assert outline.title_line is None  # the title is not a line of the text
    assert [(s.source, s.year, s.line) for s in facts.year_statements(outline, conventions())] == [
        (facts.FROM_TITLE, 2023, 1)]


def test_every_place_that_states_the_year_is_listed_strongest_first():
    text = ("某某县人民政府关于2023年度法治政府建设情况的报告\n"
            "2023年，我县坚持以习近平法治思想为指导，扎实推进法治政府建设。现将2023年度法治政府建设情况报告如下：\n"
            "一、2023年度主要举措和成效\n" + OPENING_WORK)
    assert statements_of(text) == [
        (facts.FROM_TITLE, 2023, 1), (facts.FROM_STATEMENT, 2023, 2), (facts.FROM_OPENING, 2023, 2),
        (facts.FROM_FIRST_PART, 2023, 3),
    ]


def test_without_title_or_opening_the_first_part_heading_states_the_year():
    text = ("法治政府建设情况\n"
            "全县行政机关负责人出庭应诉率100%，行政复议决定履行率100%，法治政府建设有序推进。\n"
            "一、2023年主要举措和成效\n" + OPENING_WORK +
            "（一）2022年遗留问题整改\n整改问题12个。\n"
            "二、2024年工作安排\n继续推进行政执法规范化建设。\n")
    # Only the first top-level heading counts: not its sub-heading, nor the plan's heading.
    assert statements_of(text) == [(facts.FROM_FIRST_PART, 2023, 3)]


@pytest.mark.parametrize("heading", ["一、２０２３年主要举措和成效", "\u2f00、2023\uf98e主要举措和成效"],
                         ids=["full-width digits", "compatibility characters"])
def test_a_first_part_heading_states_its_year_however_its_characters_are_written(heading):
    """A heading read out of a PDF or a Word file as ２０２３ or ⼀、 (Kangxi radicals) names the same year."""
    text = "法治政府建设情况\n全县行政机关负责人出庭应诉率100%。\n" + heading + "\n" + OPENING_WORK
    assert statements_of(text) == [(facts.FROM_FIRST_PART, 2023, 3)]


HEADLESS = ("一、主要举措和成效\n（一）强化组织领导\n我镇把法治建设纳入重要议事日程。\n（二）强化重点工作\n"
            "{first}我镇新制发规范性文件1件，并报司法局备案。\n{second}全镇组织开展行政执法检查220余次。\n")


def test_without_any_statement_the_year_the_body_dates_its_work_in_is_the_year():
    text = HEADLESS.format(first="2022年", second="2022年")
    assert statements_of(text) == [(facts.FROM_DATED_ACTS, 2022, 5)]


@pytest.mark.parametrize("first,second", [
    ("2022年", ""),  # dated once: too few for the dated acts, so the year named most is taken
    ("2022年5月，", "2022年6月，"),  # dates, not the year of the work
])
def test_the_body_s_dates_say_no_year_when_they_are_too_few_then_the_year_named_most_is_taken(first, second):
    assert statements_of(HEADLESS.format(first=first, second=second)) == [(facts.FROM_NAMED_YEARS, 2022, 5)]


@pytest.mark.parametrize("first,second", [
    ("2021年", "2022年"),  # two years as often: which one is reported on is not said
    ("2022年以前，", "2022年底前，"),  # spans and deadlines name no year of work
])
def test_years_named_as_often_or_only_as_bounds_say_no_year(first, second):
    assert statements_of(HEADLESS.format(first=first, second=second)) == []


def test_the_year_named_most_is_the_year_when_nothing_states_it():
    text = ("今年以来，我局不断强化法治理念，法治建设取得新成效。出台2024年度党组集体学法清单，全年组织会前学法11次。"
            "在2024年依法行政能力提升培训班上作经验交流，2023年度考核获评优秀。\n")
    assert statements_of(text) == [(facts.FROM_NAMED_YEARS, 2024, 1)]


def test_years_in_a_title_a_span_or_a_target_are_not_named_as_years_of_work():
    text = ("今年以来，我局认真贯彻《法治政府建设实施纲要（2021-2025年）》和《法治中国建设规划（2020—2025年）》，"
            "对标到2035年基本建成法治国家的目标，出台2023年度学法清单。2021年至2025年的规划任务有序推进。\n")
    assert statements_of(text) == [(facts.FROM_NAMED_YEARS, 2023, 1)]


@pytest.mark.parametrize("text,year", [
    # the plan's year, in a sentence that looks ahead, is not the year of the work
    ("我局扎实推进法治政府建设，审核规范性文件12件。下一步，2025年将深化行政执法改革，2025年完成清理。\n", None),
    # a comparison and the start of a span name no year of work
    ("我局较2022年多办理复议案件12件，自2019年以来累计办理200件，2023年度考核获评优秀。\n", 2023),
    ("对标到 2035 年基本建成法治政府、2021～2025 年规划任务，出台2024年度学法清单。\n", 2024),
])
def test_the_years_a_plan_a_comparison_or_a_span_names_are_not_the_year_reported(text, year):
    assert [found for _, found, _ in statements_of(text)] == ([year] if year else [])


# A copy that lost its figures (年,天津市坚持…) still cites the plenums held before it was written.
LOST_FIGURES = ("年,天津市坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和{plenums}全会精神,"
                "深入推进依法行政,法治政府建设取得明显成效。\n一、坚持党的全面领导\n市委常委会会议审议市政府年度立法计划。\n")


@pytest.mark.parametrize("plenums,year", [
    ("十九届二中、三中、四中", 2019),  # the last of a list is the latest
    ("十九届四中全会和五中", 2020),
    ("二十届三中", 2024),
    ("十八届四中", None),  # the rule of law's own plenum: cited in any year
])
def test_without_any_year_the_latest_plenum_cited_dates_the_report(plenums, year):
    expected = [(facts.FROM_PLENUM, year, 1)] if year else []
    assert statements_of(LOST_FIGURES.format(plenums=plenums)) == expected


def test_of_the_plenums_cited_in_several_sentences_the_latest_dates_the_report():
    text = LOST_FIGURES.format(plenums="十九届四中") + "深入学习贯彻党的十九届五中全会精神，对标对表抓落实。\n"
    assert statements_of(text) == [(facts.FROM_PLENUM, 2020, 4)]
    earlier_last = "深入学习贯彻党的十九届五中全会精神。\n" + LOST_FIGURES.format(plenums="十九届四中")
    assert statements_of(earlier_last) == [(facts.FROM_PLENUM, 2020, 1)]


def test_a_year_the_text_names_outranks_the_plenum_it_cites():
    text = LOST_FIGURES.format(plenums="十九届四中") + "出台2020年度学法清单。\n"
    assert statements_of(text) == [(facts.FROM_NAMED_YEARS, 2020, 4)]



@pytest.mark.parametrize("numbers,year", [
    ("（汕医保党组〔2022〕30号）和（汕医保〔2022〕12号）", 2022),
    # the latest, however often an older one is cited: a report cites no document later than itself
    ("(国办发[2022]27号)，并转发（国办发〔2022〕27号）、（市医保发〔2023〕7号）", 2023),
    ("（汕医保〔2021〕3号）和（汕医保〔2022〕12号）", 2022),
])
def test_without_a_year_of_work_the_latest_document_numbered_dates_the_report(numbers, year):
    text = LOST_FIGURES.format(plenums="十九届四中") + f"印发《关于认真学习宣传贯彻党的精神的工作方案》{numbers}。\n"
    assert statements_of(text) == [(facts.FROM_DOCUMENT_NUMBERS, year, 4)]


def test_a_later_plenum_outranks_the_documents_numbered():
    text = LOST_FIGURES.format(plenums="二十届二中、三中") + "按照《督察工作规定》（厅字〔2019〕28号）要求推进。\n"
    assert statements_of(text) == [(facts.FROM_PLENUM, 2024, 1)]


def test_documents_older_than_a_congress_cited_date_nothing():
    # 厅字〔2019〕28号 beside 党的二十大精神: a superior's document, older than the report
    text = "一年来，我局深入贯彻党的二十大精神，按照《督察工作规定》（厅字〔2019〕28号）要求推进法治政府建设。\n"
    assert statements_of(text) == []
    newer = text.replace("厅字〔2019〕28号", "汕医保〔2023〕12号")
    assert statements_of(newer) == [(facts.FROM_DOCUMENT_NUMBERS, 2023, 1)]


def test_a_year_the_text_names_outranks_the_documents_it_numbers():
    text = LOST_FIGURES.format(plenums="十九届四中") + "印发《方案》（汕医保〔2022〕12号），出台2023年度学法清单。\n"
    assert statements_of(text) == [(facts.FROM_NAMED_YEARS, 2023, 4)]

def test_a_year_inferred_from_a_plenum_is_said_and_not_checked(checker):
    result = checker.check_text(LOST_FIGURES.format(plenums="十九届二中、三中、四中"))
    assert result.meta.year == 2019
    assert "未写明所报告的年度，按正文所引最近一次全会推断" in result.meta.kind_reasons
    years = next(f for f in result.findings if f.rule == "quality.year-consistency")
    assert years.status == "not_applicable" and "按正文所引最近一次全会推断为2019年" in years.message


def test_a_year_the_user_gives_is_stated_even_where_the_text_only_names_it():
    from checker.run.engine import Checker, Settings

    text = "今年以来，我局扎实推进法治政府建设，取得新成效，出台2024年度学法清单，审核规范性文件12件。\n"
    guessed = Checker().check_text(text).meta
    given = Checker(Settings(year=2024)).check_text(text).meta
    assert guessed.year == given.year == 2024
    assert "未写明所报告的年度，按正文提到最多的年份推断" in guessed.kind_reasons
    assert not any(reason.startswith("未写明所报告的年度") for reason in given.kind_reasons)


def test_an_inferred_year_costs_the_kind_less_than_no_year_and_more_than_a_stated_one():
    spec = conventions()
    four = outline_of("我局认真推进法治政府建设，现将有关情况报告如下：\n")  # 现将…报告如下 and 我局
    three = outline_of("认真推进法治政府建设，现将有关情况报告如下：\n")  # 现将…报告如下 alone: the threshold
    def kinds(outline):
        return [facts.kind_of(outline, spec, frozenset(), year, inferred)[0]
                for year, inferred in ((2024, None), (2024, facts.FROM_NAMED_YEARS), (None, None))]
    report, other = "annual_report", "not_annual_report"
    assert kinds(four) == [report, report, other]
    assert kinds(three) == [report, other, other]
    reasons = facts.kind_of(four, spec, frozenset(), 2024, facts.FROM_NAMED_YEARS)[1]
    assert "未写明所报告的年度，按正文提到最多的年份推断" in reasons
    # the plenum a text cites says when it was written, not that it tells of one year: as good as no year
    assert facts.kind_of(four, spec, frozenset(), 2019, facts.FROM_PLENUM)[0] == other


def test_a_stated_year_outranks_the_year_the_body_dates_its_work_in():
    text = "2023年，我镇扎实推进法治政府建设。\n" + HEADLESS.format(first="2022年", second="2022年")
    assert statements_of(text) == [(facts.FROM_OPENING, 2023, 1)]


def test_a_report_copied_without_its_head_reads_as_a_report_by_its_first_part(checker):
    result = checker.check_text(HEADLESS.format(first="2022年", second="2022年"))
    assert result.meta.kind == "annual_report", result.meta.kind_reasons
    assert "以年度报告的法定部分开篇" in result.meta.kind_reasons
    assert (result.meta.year, result.meta.level) == (2022, "township")
    led = checker.check_text("我镇法治政府建设有关情况\n" + HEADLESS.format(first="2022年", second="2022年"))
    assert "以年度报告的法定部分开篇" not in led.meta.kind_reasons


STATUTORY = "开篇标题用督察规定的原话"
DATED_BODY = ("为纵深推进法治政府建设，青山区于2020年启动法治政府建设示范创建工作。组建专班、靠前作为，高标准推动示范创建。"
              "全区招商引资工作持续发展,2021年招商引资协议资金达550亿元。2021年6月，青山区通过示范创建实地核查。\n")


def test_a_first_part_heading_in_the_statutory_words_outweighs_a_year_only_inferred(checker):
    worded = checker.check_text("一、主要举措和工作成效\n（一）以示范创建为契机，法治水平提高提升\n" + DATED_BODY)
    assert worded.meta.kind == "annual_report", worded.meta.kind_reasons
    assert STATUTORY in worded.meta.kind_reasons


@pytest.mark.parametrize("text", [
    "一、青山区法治政府建设成效\n（一）以示范创建为契机，法治水平提高提升\n" + DATED_BODY,  # a review's own words
    # no year at all (a review of the 纲要's years)
    "一、纲要实施以来的主要举措和工作成效\n自《纲要》实施以来，全市各级各部门扎实推进法治政府建设。\n",
    "一、履行推进法治建设第一责任人职责的主要举措和成效\n" + DATED_BODY,  # the part a leader's 述法报告 opens on
])
def test_no_statutory_point_for_a_reviews_heading_no_year_or_the_duty_part(checker, text):
    assert STATUTORY not in checker.check_text(text).meta.kind_reasons


def test_a_bodys_year_of_rule_of_law_called_a_shufa_report_is_a_report_and_a_leaders_is_not(checker):
    body = ("一、推进法治政府建设主要举措及成效\n局党组书记、局长切实履行法治政府建设第一责任人职责，全年主持召开党组会专题研究法治建设工作3次。"
            "严格落实重大行政决策合法性审查制度，全年开展重大事项合法性审查12件。\n")
    bodys = checker.check_text("青山区卫生健康局2025年度法治政府建设述法报告\n" + body)
    assert bodys.meta.kind == "annual_report", bodys.meta.kind_reasons
    leaders = checker.check_text("青山县司法局局长2023年度述法报告\n本人作为县司法局局长，认真履行推进法治建设第一责任人职责。\n以上报告，请予评议。")
    assert leaders.meta.kind == "not_annual_report"
    # a title naming a person or the duty is a leader's own, whatever year of 法治政府建设 it names
    titled = checker.check_text("青山县县长2023年度履行推进法治政府建设第一责任人职责情况述法报告\n" + body)
    assert titled.meta.kind == "not_annual_report"


# A township or a bureau says it its own way: 现对…总结如下, 现结合…汇报如下 (both reviewers read these as reports).
@pytest.mark.parametrize("head,year", [
    ("根据市、区对法治建设工作的具体部署，2023年，清波街道以深入学习贯彻习近平法治思想为核心，全面开展法治政府建设。"
     "现对2023年所做工作总结如下：\n一、推进法治建设的主要举措和突出成效\n", 2023),
    ("根据《中共青山市委全面依法治市委员会2021年工作要点》要求，我乡党委、政府高度重视，积极推进法治建设工作，"
     "现结合我乡工作实际，简要汇报如下：\n一、工作举措\n", 2021),
    # …or names the year right after 现, with no 将 (现2025年我镇…情况报告如下), in an opening without a title or a year
    ("南口镇坚持以习近平新时代中国特色社会主义思想为指导，将政府行为全面纳入法治轨道。"
     "现2025年我镇法治政府建设工作情况报告如下：\n一、突出加强党建引领\n", 2025),
])
def test_a_summary_or_a_briefing_of_the_years_work_is_a_report(checker, head, year):
    result = checker.check_text(head + BODY.split("\n", 1)[1])
    assert result.meta.kind == "annual_report", result.meta.kind_reasons
    assert result.meta.year == year
    assert "有“现将……报告如下”的报告用语" in result.meta.kind_reasons


def test_a_cited_plans_span_is_no_statement_of_the_year(checker):
    text = ("现对照《法治政府建设实施纲要（2021-2025年）》要求，将我县2023年度法治政府建设情况报告如下：\n"
            "一、主要举措和成效\n全年办理行政复议案件206件，审结115件。\n")
    assert checker.check_text(text).meta.year == 2023


def test_a_portals_greeting_above_the_title_is_page_furniture(checker):
    text = ("今天是: \n\n青山市交通运输局2018年法治政府部门建设情况工作报告\n\n"
            "来源:青山市交通运输局 时间:2018-12-26 11:33\n根据省委省政府的决策部署，我局深入推进依法行政。\n") + BODY
    result = checker.check_text(text)
    assert result.meta.title == "青山市交通运输局2018年法治政府部门建设情况工作报告"
    assert result.meta.kind == "annual_report", result.meta.kind_reasons


def test_report_year_is_the_strongest_statement_or_none():
    spec = conventions()
    stated = outline_of("二〇二二年度某某县法治政府建设情况报告\n现将2023年度法治政府建设情况报告如下：\n" + OPENING_WORK)
    assert facts.report_year(stated, spec) == 2022
    assert facts.report_year(outline_of("某某县法治政府建设情况报告\n" + OPENING_WORK), spec) is None


def test_year_in_reads_the_first_year_a_heading_names():
    spec = conventions()
    assert facts.year_in("2024年工作安排（对照2023年问题）", spec) == 2024
    assert facts.year_in("下一步工作安排", spec) is None


# --- the issuer


def issuer_of(text: str) -> str | None:
    return facts.issuer(outline_of(text), conventions())


def test_the_party_prefix_is_not_part_of_the_issuer():
    assert issuer_of("中共金龙街道工作委员会关于2023年度法治政府建设情况的报告\n" + OPENING_WORK) == "金龙街道工作委员会"


def test_the_signature_names_the_issuer_when_the_title_and_opening_do_not():
    text = ("关于2023年度法治政府建设情况的报告\n"
            "2023年，我局坚持以习近平法治思想为指导，扎实推进法治政府建设。\n"
            "一、主要举措和成效\n" + OPENING_WORK +
            "某某市司法局\n2024年1月10日\n")
    outline = outline_of(text)
    assert facts.issuer(outline, conventions()) == "某某市司法局"
    assert facts.document_level("某某市司法局", outline, conventions()) == "department"


def test_a_two_character_county_opening_the_first_sentence_is_the_issuer():
    text = "关于2023年度法治政府建设情况的报告\n2023年，沛县坚持以习近平法治思想为指导，扎实推进法治政府建设。\n"
    assert conventions().facts.subject_min_chars == len("沛县")
    assert issuer_of(text) == "沛县"


def test_a_body_s_leading_team_as_the_subject_is_the_body():
    text = "2025年,中都街道领导班子始终以习近平法治思想为统领,扎实推进法治建设。现将年度法治工作情况报告如下:\n"
    assert issuer_of(text) == "中都街道"


@pytest.mark.parametrize("opening,issuer,level", [
    ("2023年,云南省委、省政府坚持以习近平新时代中国特色社会主义思想为指导,扎实推进法治政府建设。", "云南省", "province"),
    ("2020年,自治区党委和政府坚持以习近平法治思想为指导,深入推进依法行政。", "自治区", "province"),
    ("2023年,在市委、市政府的精心指导下,清江浦区委、区政府坚持以习近平法治思想为指导,扎实推进依法行政。",
     "清江浦区", "county"),
    ("2024年,中共青山县委、青山县人民政府认真贯彻落实党中央决策部署,扎实推进法治政府建设。", "青山县", "county"),
    ("2024年,南岭街道党工委、办事处坚持以习近平法治思想为指导,扎实推进法治政府建设。", "南岭街道", "township"),
    ("2024年,县委、县政府坚持以习近平法治思想为指导,扎实推进法治政府建设。", None, "county"),  # names no place
    ("2023年,和平县委、县政府坚持以习近平法治思想为指导,扎实推进法治政府建设。", "和平县", "county"),  # 和 in a name
])
def test_a_joint_report_s_subject_is_its_place_at_the_government_s_level(opening, issuer, level):
    """A 党委+政府 joint report opens on both bodies: the place issued it, at its government's level."""
    text = f"关于年度法治政府建设情况的报告\n{opening}\n"
    outline = outline_of(text)
    assert facts.issuer(outline, conventions()) == issuer
    assert facts.document_level(issuer, outline, conventions()) == level


def test_a_forwarding_line_that_publishes_a_body_s_report_names_its_issuer():
    text = ("按照市委依法治市办《关于做好2023年度法治政府建设年度报告报送和公开工作的通知》要求,霁州市市场监督管理局2023年度"
            "法治政府建设情况报告已经局党组会议审议通过,现予公开。\n2023年,全市市场监管系统坚持以习近平法治思想为指导,取得新成效。\n")
    assert facts.issuer(outline_of(text), conventions()) == "霁州市市场监督管理局"


def test_a_clause_of_acts_on_the_party_committee_and_government_names_no_issuer():
    """认真落实市委、市政府…: what the body carried out, not a joint subject named 认真落实市."""
    text = "2024年,全市林业系统坚持以习近平法治思想为指导,认真落实市委、市政府法治政府建设决策部署,取得新成效。\n"
    assert facts.issuer(outline_of(text), conventions()) is None


def test_the_body_s_own_voice_after_a_preposition_is_no_issuer():
    """将我市…, 把本县…: the pronoun with the word that governs it, not a place named 将我市 (将乐县 is one)."""
    text = "关于年度法治政府建设情况的报告\n2017年,将我市法治政府建设推向深入,取得新成效。\n"
    assert issuer_of(text) is None
    assert issuer_of("关于年度法治政府建设情况的报告\n2017年,将乐县坚持以习近平法治思想为指导,扎实推进依法行政。\n") == "将乐县"


def test_a_verb_ending_like_an_agency_is_no_issuer():
    """研究部署 ends on 署 as 审计署 does: it is what a meeting did, not who reports."""
    text = "关于年度法治政府建设情况的报告\n2023年,省政府常务会议专题研究部署法治政府建设工作。\n"
    assert issuer_of(text) != "专题研究部署"
    text = "关于年度法治政府建设情况的报告\n2023年,研究部署法治政府建设重点任务,推动各项工作落实。\n"
    assert issuer_of(text) is None


def test_the_addressee_and_a_third_person_are_no_issuer():
    """你区 (a court's letter to the district) and 该局 (a profile of the bureau) stand for a body the text names
    elsewhere or not at all: no name of an issuer."""
    assert issuer_of("司法建议书\n本院在审理案件中发现，你区在行政执法工作中存在一些问题。\n") is None
    assert issuer_of("推荐材料\n近年来，该局牢牢把握职能定位，推动各项工作走在前列。\n") is None


def test_a_purpose_opening_on_a_preposition_is_no_issuer():
    """以创建全省…示范县为抓手 ends its words before 法治政府建设 on 省, as a province's name does: it is the aim."""
    text = "推荐材料\n近年来，该局牢牢把握职能定位，以创建全省法治政府建设示范县为抓手，推动各项工作走在前列。\n"
    assert issuer_of(text) is None


@pytest.mark.parametrize("name", [
    "新疆维吾尔自治区伊犁哈萨克自治州特克斯县人民政府",  # as long as a subject may be
    "新疆维吾尔自治区伊犁哈萨克自治州霍尔果斯市人民政府",  # one character longer
])
def test_a_subject_longer_than_an_organisation_s_name_is_not_the_issuer(name):
    limit = conventions().facts.subject_max_chars
    assert len(name) in (limit, limit + 1)
    text = f"关于2023年度法治政府建设情况的报告\n2023年，{name}坚持以习近平法治思想为指导，扎实推进法治政府建设。\n"
    assert issuer_of(text) == (name if len(name) <= limit else None)


@pytest.mark.parametrize("title,name", [
    ("本溪市人民政府关于2023年度法治政府建设情况的报告", "本溪市人民政府"),
    ("全椒县人民政府关于2023年度法治政府建设情况的报告", "全椒县人民政府"),
    ("中共本溪市委员会关于2023年度法治建设情况的报告", "本溪市委员会"),
])
def test_place_names_starting_like_a_pronoun_are_issuers(title, name):
    assert issuer_of(title + "\n" + OPENING_WORK) == name


# --- the level, from how the text refers to itself


def level_from(counts: dict[str, int]) -> str | None:
    """The level read from a body that uses each self-reference word as often as `counts` says."""
    sentence = {
        "我局": "我局牵头开展行政执法案卷评查。",
        "我县": "我县推进行政执法协调监督工作体系建设。",
        "局党组": "局党组专题研究行政执法案卷评查。",
        "我镇": "我镇落实基层综合行政执法改革。",
        "本镇": "本镇落实基层综合行政执法改革。",
        "全县": "全县行政执法质量稳步提升。",
        "全市": "全市推进行政复议体制改革。",
        "我省": "我省率先推行企业开办全链通。",
        "全省": "全省行政执法质量稳步提升。",
    }
    spec = conventions()
    for word in counts:  # each sentence says its word and no other
        level = next(level for level, words in spec.self_reference.items() if word in words)
        assert sum(sentence[word].count(w) for ws in spec.self_reference.values() for w in ws) == 1, (word, level)
    body = "".join(sentence[word] * n for word, n in counts.items())
    outline = outline_of("法治政府建设情况报告\n" + body + "\n")
    assert facts.level_of(facts.issuer(outline, spec), spec) is None
    return facts.document_level(None, outline, spec)


def test_a_text_that_never_refers_to_itself_has_no_level():
    assert level_from({}) is None


def test_the_most_frequent_self_reference_decides_the_level():
    assert level_from({"全市": 2}) == "city"
    assert level_from({"全县": 1, "全市": 3}) == "city"


def test_the_reports_own_voice_decides_over_its_surroundings():
    assert level_from({"我局": 1, "全县": 20}) == "department"
    assert level_from({"本镇": 1, "全市": 20}) == "township"
    # Of two own voices, a department's or a township's decides from one mention in three of the other.
    assert level_from({"我省": 2, "我局": 1, "全省": 9}) == "department"
    assert level_from({"我县": 4, "我局": 1, "全市": 9}) == "county"


def test_a_department_word_not_in_its_own_voice_used_often_enough_outweighs_the_county_it_serves():
    spec = conventions().facts
    often = spec.specific_voice_min
    most = often * spec.specific_voice_one_in + 1  # too many for the one-in rule to decide
    assert level_from({"局党组": often, "全县": most}) == "department"
    assert level_from({"局党组": often - 1, "全县": most}) == "county"


def test_a_single_department_word_counts_against_a_few_county_words():
    spec = conventions().facts
    assert spec.specific_voice_min > 1
    # One 局党组 in `one_in` 全县 is the department's report; one more 全县 and it is the county's.
    assert level_from({"局党组": 1, "全县": spec.specific_voice_one_in}) == "department"
    assert level_from({"局党组": 1, "全县": spec.specific_voice_one_in + 1}) == "county"


def test_a_text_speaking_as_a_city_of_a_municipality_is_province_level():
    spec = conventions()
    city_voice = "2021年，全市各区、各部门深入推进法治政府建设，持续推动本市法治政府建设提质增效，为上海建设国际大都市提供法治保障。\n"
    assert facts.document_level(None, outline_of(city_voice), spec) == "province"
    # A city names the province above it (省委, 全省); then a 直辖市 it names is not its own.
    beside = city_voice.replace("各部门", "各部门在省委领导下")
    assert facts.document_level(None, outline_of(beside), spec) == "city"
    # Naming no 直辖市, it is a city.
    assert facts.document_level(None, outline_of(city_voice.replace("上海", "青山")), spec) == "city"
    # A 直辖市's district speaks as a district: county.
    assert facts.document_level(None, outline_of(city_voice.replace("全市", "全区").replace("本市", "本区")), spec) == "county"
    # A prefecture names its province (四川省), or never speaks of its districts, whatever 直辖市 it names.
    sichuan = "2023年，全市各区县按照《四川省法治政府建设实施方案》要求推进法治建设，与重庆市永川区签订合作协议。\n"
    assert facts.document_level(None, outline_of(sichuan), spec) == "city"
    visit = "2023年，在市委的坚强领导下，全市推进法治政府建设，组织干部赴上海浦东新区学习。\n"
    assert facts.document_level(None, outline_of(visit), spec) == "city"
    # …or names the 直辖市 as its own place (落实在重庆大地上; 总书记对重庆所作重要讲话), not one it only visits.
    own = "2022年，在市委坚强领导下，全市各级行政机关紧紧围绕把总书记殷殷嘱托全面落实在重庆大地上这条主线推进法治政府建设。\n"
    assert facts.document_level(None, outline_of(own), spec) == "province"
    speech = "2022年，全市深入学习贯彻习近平总书记对天津工作提出的重要要求，推进法治政府建设。\n"
    assert facts.document_level(None, outline_of(speech), spec) == "province"


def test_the_department_voice_is_preferred_to_the_township_voice():
    often = conventions().facts.specific_voice_min
    assert level_from({"我镇": often, "我局": often}) == "department"
    assert level_from({"我镇": often, "全县": often}) == "township"


# --- the kind: another genre, the report's title, and the threshold


def test_a_title_announcing_another_genre_is_given_as_the_reason():
    outline = outline_of("在全县法治政府建设推进会议上的讲话\n同志们：今天召开会议，部署法治政府建设工作。\n")
    kind, reasons = facts.kind_of(outline, conventions(), frozenset(), None)
    assert kind == "not_annual_report"
    assert "标题表明是讲话稿" in reasons


def test_a_genre_word_inside_a_named_document_does_not_make_the_title_that_genre():
    spec = conventions()
    assert facts.genre_of("关于落实《法治政府建设实施纲要》情况的报告", spec) is None
    assert facts.genre_of("某某县法治政府建设实施方案", spec) == "实施方案"
    assert facts.genre_of(None, spec) is None


def test_a_report_titled_as_a_work_summary_is_misnamed():
    spec = conventions()
    assert facts.misnamed_genre("某某县2023年法治政府建设工作总结", spec) == "工作总结"
    assert facts.misnamed_genre("某某县2023年法治政府建设情况的报告", spec) is None


def test_a_title_on_carrying_out_the_outline_in_a_year_is_the_report_s():
    """The 纲要 cited by name is the subject of such a title: a pattern naming 《…》 reads the title as written."""
    spec = conventions()
    assert facts.title_is_report("自然资源部关于2017年贯彻落实《法治政府建设实施纲要(2015-2020年)》情况", spec)
    assert facts.title_is_report("某某市2018年度落实《法治政府建设实施纲要（2015—2020年）》情况的报告", spec)
    assert not facts.title_is_report("自然资源部关于2017年贯彻落实《土地管理法》情况", spec)
    assert not facts.title_is_report("关于贯彻落实《法治政府建设实施纲要(2015-2020年)》的实施方案", spec)


def test_a_text_without_a_title_does_not_score_as_a_report_title():
    spec = conventions()
    assert facts.title_is_report(None, spec) is False
    outline = outline_of("2023年，我局坚持以习近平法治思想为指导，扎实推进法治政府建设，取得新成效。\n")
    assert outline.title is None
    _, reasons = facts.kind_of(outline, spec, frozenset(), 2023)
    assert "标题是年度报告的格式" not in reasons


@pytest.mark.parametrize("opening", [
    "2021年，司法部坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想。",
    "2018年，在党中央、国务院坚强领导下，交通运输部认真贯彻落实党中央决策部署，推动法治政府部门建设。",
    "2017年以来，青山县人民政府认真贯彻落实纲要，扎实推进法治政府建设。",
    # the comma after the year left out, a 街道 by its short name
    "2020年白云湖街以习近平新时代中国特色社会主义思想为指导，深入扎实开展法治政府建设工作。",
    # two circumstances before the subject, the government with its departments
    "2019年，在县委的坚强领导下，在县人大常委会的有效监督下，县政府及工作部门坚持以习近平新时代中国特色社会主义思想为指导。",
])
def test_a_report_without_a_title_that_opens_on_its_year_with_the_body_as_subject(checker, opening):
    read_as_report(checker, opening + "\n一、加强党的领导\n部党组全年专题学习习近平法治思想12次。\n", "以本机关为主语总结该年工作")


def test_a_body_that_works_guided_by_a_doctrine_is_the_subject_of_its_year(checker):
    text = ("2017年，山东省以习近平新时代中国特色社会主义思想为指导，深入推进依法行政。\n"
            "一、依法全面履行政府职能\n全省取消行政审批事项231项。\n")
    read_as_report(checker, text, "以本机关为主语总结该年工作")


def test_a_year_s_summary_that_never_names_the_rule_of_law_in_its_opening_is_no_such_report(checker):
    body = ("一、总体情况\n2023年，市卫生健康委以习近平新时代中国特色社会主义思想为指导，卫生健康工作取得新进展新成效。"
            "46项市级绩效任务全部完成。\n二、主要做法和工作成效\n全年办理建议提案318件。\n")
    summary = checker.check_text(body)
    assert summary.meta.kind == "not_annual_report"
    assert "开头未提及法治政府建设或依法行政" in summary.meta.kind_reasons
    report = checker.check_text(body.replace("卫生健康工作取得", "法治政府建设取得"))
    assert "开头未提及法治政府建设或依法行政" not in report.meta.kind_reasons


def test_another_field_s_year_summary_is_no_report_however_much_it_reads_like_one(checker):
    """现将…报告如下, a year opening and statutory parts do not make a 信访局's summary of its year a report
    on the rule of law: the opening never names it, which decides."""
    text = ("青山县信访局2023年工作总结\n2023年，县信访局坚持以人民为中心，扎实做好信访工作。现将全年工作情况报告如下：\n"
            "一、主要工作及成效\n全年受理信访事项1200件，按期办结率98%。\n二、存在的问题\n信访积案化解难度大，主要原因是历史遗留问题多。\n")
    result = checker.check_text(text)
    assert "开头未提及法治政府建设或依法行政" in result.meta.kind_reasons
    assert result.meta.kind == "not_annual_report", result.meta.kind_reasons


def test_the_rule_of_law_inside_an_award_s_name_is_not_the_opening_s_topic(checker):
    """A 司法局's summary of its whole year names 法治 only in an award (全国民主法治示范村): not the report."""
    body = ("2022年，青山市司法局坚持以习近平新时代中国特色社会主义思想为指导，履职尽责，各项工作均取得了新进展新成效。"
            "全市司法行政系统共有7个集体获得省部级以上表彰，4个村有望被命名为“全国民主法治示范村”。\n"
            "一、主要做法和工作成效\n全年办理法律援助案件1200件。\n")
    summary = checker.check_text(body)
    assert "开头未提及法治政府建设或依法行政" in summary.meta.kind_reasons
    assert summary.meta.kind == "not_annual_report", summary.meta.kind_reasons
    report = checker.check_text(body.replace("各项工作均取得", "法治青山建设各项工作均取得"))
    assert "开头未提及法治政府建设或依法行政" not in report.meta.kind_reasons


@pytest.mark.parametrize("opening", ["今年以来，", "一年来，"])
def test_a_headless_report_that_opens_on_the_year_without_naming_it(checker, opening):
    """今年以来，我局… sums the year up as 2024年，我局… does; in mid-sentence it opens nothing."""
    body = ("在市委、市政府的坚强领导下，我局持续优化法治化营商环境，市场监管法治建设取得新成效。"
            "2024年全局办理行政复议案件12件。\n")
    read_as_report(checker, opening + body, "以年份开篇，总结该年工作")
    inside = checker.check_text("我局" + opening + body)
    assert "以年份开篇，总结该年工作" not in inside.meta.kind_reasons
    assert inside.meta.kind == "not_annual_report", inside.meta.kind_reasons


def test_a_summary_of_public_legal_education_is_no_report_on_the_government(checker):
    """A year's 普法 summary (法律进… work; 法治社会's) reads like a report but never names 法治政府 or 依法行政."""
    body = ("2022年是“八五”普法承上启下之年，我乡认真落实县普法办关于法律进乡村工作的部署，营造了尊法学法的良好氛围。\n"
            "（一）加强组织领导。乡党委调整了普法工作领导小组。\n（二）丰富宣传形式。全年开展送法下乡活动12场。\n")
    summary = checker.check_text(body)
    assert summary.meta.kind == "not_annual_report", summary.meta.kind_reasons
    assert "正文表明是普法工作总结" in summary.meta.kind_reasons
    report = checker.check_text(body.replace("营造了", "推进法治政府建设，营造了"))
    assert "正文表明是普法工作总结" not in report.meta.kind_reasons


def test_a_report_made_public_states_its_year_and_is_a_report(checker):
    """现将2016年上海市法治政府建设情况公开如下 reports the year as 报告如下 does."""
    result = checker.check_text("根据纲要要求，现将2016年上海市法治政府建设情况公开如下：\n本市全年办理行政复议案件1200件。\n")
    assert result.meta.year == 2016
    assert "有“现将……报告如下”的报告用语" in result.meta.kind_reasons
    assert "未写明所报告的年度，按正文提到最多的年份推断" not in result.meta.kind_reasons


HEADLESS_PART = ("一、加强党对法治政府建设的全面领导。一是明确领导责任。明确党政主要负责人履行第一责任人职责，"
                 "工委会议研究法治工作{count}。二是加强部署推进。印发《2019年全市教育政策法治工作要点》。\n")


@pytest.mark.parametrize("text", [
    "为全面推进依法行政，现将我局2023年度行政执法数据公开如下：\n一、行政许可\n全年办理行政许可1200件。\n",
    "现将2023年度法治政府建设考核结果公开如下：\n一、优秀等次\n县司法局、县市场监管局等8个单位。\n",
    "现将《青山县2024年法治政府建设工作要点》公开如下：\n一、加强党的领导\n年内专题研究法治建设2次。\n",
])
def test_publishing_anything_else_as_公开如下_is_no_report(checker, text):
    """Only the body's own 法治政府建设/依法行政 情况 made public is the report (现将…情况公开如下)."""
    result = checker.check_text(text)
    assert result.meta.kind == "not_annual_report", result.meta.kind_reasons
    assert "有“现将……报告如下”的报告用语" not in result.meta.kind_reasons


def test_a_report_whose_plan_is_for_the_second_half_is_a_half_year_s(checker):
    """Only the body shows it (截至6月底; 三、下半年工作打算): a year's report plans the next year."""
    text = ("关于2023年法治政府建设工作推进情况的报告\n区委依法治区办：\n2023年以来，云门区人民政府扎实推进法治政府建设。现将有关情况报告如下：\n"
            "一、主要举措和成效\n截至6月底，审核规范性文件12件。\n二、存在的问题\n一是部分部门重视不够。\n三、{plan}\n一是抓好重点任务落实。\n")
    half = checker.check_text(text.format(plan="下半年工作打算"))
    assert half.meta.kind == "not_annual_report", half.meta.kind_reasons
    year = checker.check_text(text.format(plan="2024年工作打算").replace("2023年以来", "2023年"))
    assert year.meta.kind == "annual_report", year.meta.kind_reasons


@pytest.mark.parametrize("statement", ["现将我局2023年度（一至四季度）法治政府建设工作情况报告如下：",
                                       "现将我局2023年第四季度暨全年法治政府建设工作情况报告如下："])
def test_a_year_s_report_that_names_its_quarters_is_still_the_year_s(checker, statement):
    result = checker.check_text(f"峪南县司法局2023年度法治政府建设情况报告\n{statement}\n" + BODY)
    assert result.meta.kind == "annual_report", result.meta.kind_reasons


def test_a_plan_that_names_a_past_act_in_passing_is_no_report(checker):
    text = ("2024年，是全面实施“八五”普法规划的关键之年。\n一、依法全面履行政府职能\n"
            "1.深化审批制度改革，已取消了3项许可事项的，要做好事中事后监管。\n")
    result = checker.check_text(text)
    assert "以法治政府建设或纲要某一方面的专题部分开篇，写明当年工作的次数" not in result.meta.kind_reasons


def test_a_county_report_quoting_one_township_s_own_words_is_the_county_s(checker):
    text = ("关于峪南县2023年度法治政府建设情况的报告\n2023年，全县上下深入学习贯彻习近平法治思想，全县法治政府建设取得新成效。\n"
            "一、主要举措和成效\n青石镇探索“板凳调解”，本镇调解成功率达98%。全县办理行政复议案件56件。\n")
    result = checker.check_text(text)
    assert (result.meta.issuer, result.meta.level) == ("峪南县", "county")


def test_an_office_s_report_on_assessing_its_place_is_not_the_place_s(checker):
    text = ("峪川市委全面依法治市委员会办公室关于全市2023年度法治政府建设考核情况的报告\n"
            "按照年度考核安排，市委依法治市办对各县区和市直部门法治政府建设情况进行了考核。\n一、考核情况\n")
    assert checker.check_text(text).meta.issuer != "峪川市"


def test_a_title_whose_genre_words_fall_on_the_next_line_is_one_title(checker):
    whole = checker.check_text("峪南县司法局2023年度法治政府建设情况报告\n述职报告\n" + BODY)
    assert whole.meta.title == "峪南县司法局2023年度法治政府建设情况报告"
    report = checker.check_text("昌吉州人民政府2024年度法治政府\n建设情况报告\n" + BODY)
    assert report.meta.title == "昌吉州人民政府2024年度法治政府建设情况报告"
    self_check = checker.check_text("岚湖市西津区创建全省法治政府建设示范区\n自查报告\n市委依法治市办：\n"
                                    "根据示范创建通知要求，区委、区政府对照指标逐项开展自查。现将自查情况报告如下：\n一、基本情况\n")
    assert self_check.meta.title.endswith("示范区自查报告")
    assert self_check.meta.kind == "not_annual_report", self_check.meta.kind_reasons
    # a title opened on 关于 and closed only by the next line, after its issuer's own line
    opened = checker.check_text("长春市人民政府关于\n2023年度法治政府建设情况的报告\n" + BODY)
    assert opened.meta.title == "长春市人民政府关于2023年度法治政府建设情况的报告"
    # (not a line its own genre closes: an 意见 above the report's own title)
    closed = checker.check_text("青山县人民政府关于进一步加强行政执法工作的意见\n青山县2023年度法治政府建设情况报告\n" + BODY)
    assert closed.meta.title == "青山县2023年度法治政府建设情况报告"
    # a title over three lines, opened on 关于 and closed by another genre (…考试 / 和…考试情况的通报)
    notice = checker.check_text("澄阳市全面依法治市委员会办公室 澄阳市司法局\n关于2019年度全市国家工作人员学法用法考试\n"
                                "和领导干部任前法律知识考试情况的通报\n澄法办〔2020〕3号\n各县(市、区)司法局:\n" + BODY)
    assert notice.meta.title.endswith("考试情况的通报")
    assert notice.meta.kind == "not_annual_report", notice.meta.kind_reasons
    # a title cut inside the body's other names in brackets: its issuer whole, its leaders the body's own
    bracketed = checker.check_text("枫岚市住房和城乡建设局（枫岚市人民防空办公室、枫岚市城市管理\n综合行政执法支队）2022年度法治政府建设"
                                   "工作情况\n2022年，局党组书记、局长陈卫东全年主持召开局党组会议4次专题研究法治建设工作，"
                                   "3月在市委全面依法治市委员会全体会议上作述法报告。\n")
    assert bracketed.meta.issuer.startswith("枫岚市住房和城乡建设局(枫岚市人民防空办公室")
    assert bracketed.meta.level == "department"
    assert {f.rule: f.status for f in bracketed.findings}["item.first-responsible"] == "met"
    # a bracket left open that no next line closes joins nothing, and no title runs on past its lines' bound, however many
    # lines would join (a file of such lines is read in its time, its title one line)
    unclosed = checker.check_text("青山县人民政府(关于甲乙丙丁\n" * 2000 + BODY)
    assert unclosed.meta.title == "青山县人民政府(关于甲乙丙丁"
    chained = checker.check_text("关于《甲》《乙\n" * 2000 + BODY)
    assert chained.meta.title == "关于《甲》《乙" * 4
    three = checker.check_text("棠溪市司法局\n关于2022年度全市法治政府建设“关键少数”\n旁听庭审活动开展情况的报告\n" + BODY)
    assert three.meta.title == "棠溪市司法局关于2022年度全市法治政府建设“关键少数”旁听庭审活动开展情况的报告"


def test_a_copy_without_its_head_that_opens_on_a_rule_of_law_part_counting_the_year_s_acts(checker):
    report = checker.check_text(HEADLESS_PART.format(count="2次"))
    assert "以法治政府建设或纲要某一方面的专题部分开篇，写明当年工作的次数" in report.meta.kind_reasons
    assert report.meta.kind == "annual_report", report.meta.kind_reasons
    plan = checker.check_text(HEADLESS_PART.format(count="不少于2次"))  # a target, not the year's act
    assert plan.meta.kind == "not_annual_report", plan.meta.kind_reasons
    vague = checker.check_text(HEADLESS_PART.format(count="多次"))
    assert vague.meta.kind == "not_annual_report", vague.meta.kind_reasons


AREA_PART = "一、依法全面履行政府职能\n2023年，持续深化“放管服”改革，召开营商环境专题会议{count}，取消行政许可事项12项。\n"


def test_a_copy_without_its_head_that_opens_on_a_纲要_part_counting_the_year_s_acts(checker):
    """A 纲要 part by its own words (依法全面履行政府职能) is on the report's topic like 法治政府 is."""
    report = checker.check_text(AREA_PART.format(count="3次"))
    assert "以法治政府建设或纲要某一方面的专题部分开篇，写明当年工作的次数" in report.meta.kind_reasons
    assert "开头未提及法治政府建设或依法行政" not in report.meta.kind_reasons
    assert report.meta.kind == "annual_report", report.meta.kind_reasons
    plan = checker.check_text(AREA_PART.format(count="不少于3次").replace("2023年，", "年内"))
    assert plan.meta.kind == "not_annual_report", plan.meta.kind_reasons
    other = checker.check_text(AREA_PART.format(count="3次").replace("依法全面履行政府职能", "优化营商环境"))
    assert other.meta.kind == "not_annual_report", other.meta.kind_reasons


OPENING = "2017年，在党中央、国务院的正确领导下，部机关认真学习党的十九大精神，不断深入贯彻纲要，落实任务措施。\n"


@pytest.mark.parametrize("part", [AREA_PART.format(count="3次"),
                                  "一、依法全面履行政府职能\n经国务院决定取消了3项行政许可事项，部许可事项由17项减少至8项。\n"])
def test_a_copy_without_its_head_whose_first_part_after_the_opening_counts_the_year_s_acts(checker, part):
    """…also after an opening paragraph, and a past act counted (取消了3项) counts as 召开…3次 does."""
    report = checker.check_text(OPENING + part)
    assert "以法治政府建设或纲要某一方面的专题部分开篇，写明当年工作的次数" in report.meta.kind_reasons
    assert report.meta.kind == "annual_report", report.meta.kind_reasons
    plan = checker.check_text(OPENING + part.replace("3次", "不少于3次").replace("取消了3项", "年内取消3项"))
    assert plan.meta.kind == "not_annual_report", plan.meta.kind_reasons


@pytest.mark.parametrize("text,kind", [
    # a plan: what will be done in the year (年内, 每半年), and by when
    ("一、加强党对法治政府建设的领导\n1.县委常委会会议每半年听取一次法治政府建设情况汇报，年内专题研究法治建设重大问题2次。\n"
     "2.组织开展县政府常务会议会前学法12次。\n", "not_annual_report"),
    # a plan's division of labour
    ("一、加强党对法治政府建设的领导\n1.专题研究法治建设重大问题2次。（牵头单位：县委办）\n2.组织会前学法12次。（责任单位：县政府办）\n",
     "not_annual_report"),
    # a personal 述法 report
    ("一、履行推进法治建设第一责任人职责情况\n作为局主要负责人，本人主持召开局党组会议研究法治工作6次。\n", "not_annual_report"),
    # reports that name another genre's words in passing: the year's report and next year's plan told together,
    # a year's summary naming its first half, the rule of law together with 政务公开
    ("2021年，虹桥街道深入推进法治政府建设。现将虹桥街道2021年度法治政府建设工作及2022年工作计划报告如下：\n一、主要举措和成效\n",
     "annual_report"),
    ("今年以来，青山区扎实推进法治政府建设，上半年出台规范性文件3件。现将全年工作总结如下：\n一、主要举措和成效\n", "annual_report"),
    ("2023年，青山区扎实推进法治建设。现将2023年法治建设和政务公开工作情况报告如下：\n一、主要举措和成效\n", "annual_report"),
    # no title, opening on the year's work on the rule of law as its subject, as reported (…工作，深入贯彻…),
    # not as planned (…工作，要坚持…)
    ("2022年南星街道法治政府建设工作，深入贯彻党的二十大精神，学习习近平法治思想。\n一、推进法治政府建设的主要举措和成效\n"
     "全年开展理论学习中心组专题学法2次。\n", "annual_report"),
    ("2023年南星街道法治政府建设工作，要坚持以习近平法治思想为指导。\n一、推进法治政府建设的主要举措和成效\n"
     "全年开展理论学习中心组专题学法2次。\n", "not_annual_report"),
    ("2024年全区法治政府建设工作，以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神。\n一、加强党的领导\n"
     "（一）落实第一责任人职责。区政府主要负责人要切实履行推进法治建设第一责任人职责。\n", "not_annual_report"),
    # a copy that starts at the statutory part of the year's measures, the year only named in its body
    ("一、推进法治政府建设的主要举措和成效\n（一）强化组织领导。一是成立了以市长任组长的法治政府建设工作领导小组，按时向"
     "自治区政府报送年度法治政府建设工作情况。二是市政府党组于2020年第2次、第7次学习会集中学习了习近平法治思想。"
     "2020年共审核规范性文件12件。\n", "annual_report"),
    # the body's own report on its year, telling how it was checked on (现将…报告如下 names no survey)
    ("2023年，我市扎实推进法治政府建设，市人大常委会对我市法治政府建设情况开展专题调研。现将2023年度法治政府建设情况报告如下：\n"
     "一、推进法治政府建设的主要举措和成效\n全年办理行政复议案件215件。\n", "annual_report"),
    # a year's report that looks back first, tells its halves, or speaks in a leader's or a party's first person
    ("青禾县2023年法治政府建设年度报告\n2023年，我县扎实推进法治政府建设，现将有关情况报告如下：近年来，我县把法治政府建设摆在突出位置。\n"
     "一、推进法治政府建设的主要举措和成效\n全年办理行政复议案件56件。\n", "annual_report"),
    ("岚山区司法局2023年度法治政府建设情况报告\n现将近年来特别是2023年我局法治政府建设情况报告如下：\n"
     "一、推进法治政府建设的主要举措和成效\n全年审核规范性文件23件。\n", "annual_report"),
    ("北崖县2023年度法治政府建设情况报告\n现将我县2023年1—6月及全年法治政府建设情况汇总报告如下：\n"
     "一、推进法治政府建设的主要举措和成效\n全年办理行政复议案件56件。\n", "annual_report"),
    ("青石县自然资源局2023年度法治政府建设情况报告\n2023年，我局扎实推进法治政府建设。现将有关情况报告如下：\n"
     "一、主要负责人履行推进法治建设第一责任人职责情况\n本人作为局党组书记、局长，主持召开党组会议专题研究法治建设3次。\n", "annual_report"),
    ("西塘区2023年度法治政府建设情况报告\n2023年，我区扎实推进法治政府建设。现将有关情况报告如下：\n"
     "一、推进法治政府建设的主要举措和成效\n全年办理行政复议案件56件，申请人书面表示：本人自愿撤回复议申请。\n", "annual_report"),
    # …and the year's report joined to an inspection's (…情况及人大执法检查反馈意见整改情况报告如下)
    ("2023年，我县扎实推进法治政府建设。现将我县2023年度法治政府建设情况及人大执法检查反馈意见整改情况报告如下：\n"
     "一、推进法治政府建设的主要举措和成效\n全年办理行政复议案件56件。\n", "annual_report"),
])
def test_the_kind_of_a_text_from_its_body(checker, text, kind):
    result = checker.check_text(text)
    assert result.meta.kind == kind, result.meta.kind_reasons


@pytest.mark.parametrize("text,genre", [
    ("现将本局2023年上半年法治政府建设工作情况总结如下：\n一、主要举措和成效\n上半年办理复议案件12件。\n", "半年工作报告"),
    # …its months told (今年1—6月), a span of years as 五年来, and one person's work (本人受…指派，担任…法律顾问)
    ("县委依法治县办：\n按照通知要求，现将我局今年1—6月法治政府建设工作推进情况报告如下：\n一、工作推进情况\n上半年共审核规范性文件9件。\n",
     "半年工作报告"),
    ("“十三五”时期，市委、市政府认真贯彻《法治政府建设实施纲要(2015—2020年)》。现将五年来的工作总结如下：\n一、五年来的主要成效\n", "多年总结"),
    ("青石镇人民政府：\n本人受霁州衡平律师事务所指派，自2023年1月1日起担任青石镇人民政府常年法律顾问。现将一年来的工作情况报告如下：\n"
     "一、履职情况\n全年审查合同32份。\n", "个人工作报告"),
    ("2023年，县政府办公室持续推进政务公开。现将本单位2023年政府信息公开工作年度报告公开如下：\n一、总体情况\n", "政府信息公开年报"),
    ("一、总体情况\n二、主动公开政府信息情况\n全年主动公开政府信息1200条。\n", "政府信息公开年报"),
    ("根据上级要求，现将2023年度市法治政府建设督察反馈问题整改情况报告如下：\n一、主要举措和成效\n局党组会议研究整改工作3次。\n",
     "整改情况报告"),
    ("“十四五”时期，我县坚持以习近平法治思想为指导。现将2021年至2025年法治政府建设工作情况总结如下：\n", "多年总结"),
    # a quarter's (现将我局2024年第三季度…推进情况报告如下), not a year's report that tells its quarters
    ("区委依法治区办：\n按照通知要求，现将我局2024年第三季度（7月至9月）法治政府建设重点工作推进情况报告如下：\n一、本季度工作推进情况\n"
     "本季度审核规范性文件5件。\n", "季度工作报告"),
    ("按照县委依法治县办要求，现将我镇2024年法治政府建设工作计划报告如下：\n一、工作目标\n", "工作计划"),
    ("按照通知要求，现将2023年度个人履行推进法治建设第一责任人职责情况报告如下：\n一、主要做法\n", "个人述职述法报告"),
    ("2023年，本局扎实推进政务公开。现将本局2023年度政务公开工作情况报告如下：\n一、总体情况\n", "政府信息公开年报"),
    # a 人大 group's findings on others' work, however much it says of the rule of law
    ("为深入了解我市法治政府建设情况，市人大常委会于5月对六个县（市、区）及12个市直单位进行专题调研。现将调研情况综合报告如下：\n"
     "一、总体工作情况\n2023年，全市推进法治政府建设，办理行政复议案件215件。\n", "调研报告"),
    ("市人大法制委组成调研组，对我市法治政府建设情况开展专题调研。现将我市法治政府建设和行政执法工作调研情况报告如下：\n"
     "一、基本情况\n2023年，全市办理行政复议案件215件。\n", "调研报告"),  # its topics joined, no year's report
    # a rule-of-law committee's report, given on its behalf
    ("各位委员：\n受市委全面依法治市委员会委托，现将委员会2023年工作情况报告如下，请予审议。\n一、2023年工作情况\n"
     "全市办理行政复议案件215件。\n", "依法治委员会的工作报告"),
    # one sector's year stated as the report
    ("2024年，区政府集中行使行政复议职责。现将2024年度行政复议工作情况报告如下：\n一、案件基本情况\n全年收到行政复议申请427件。\n",
     "专项工作报告"),
    # …or the committee and its office speaking of their own year, the rule of law at large
    ("青山县2024年度法治建设工作总结\n中共青山县委全面依法治县委员会办公室\n2024年，在县委的坚强领导下，县委全面依法治县委员会及其办公室"
     "坚持以习近平法治思想为指导，统筹推进科学立法、严格执法、公正司法、全民守法。现将全年工作总结如下。\n一、2024年主要工作情况\n"
     "全县办理行政复议案件215件。\n", "依法治委员会的工作报告"),
    # another field's year as an untitled opening's subject
    ("2023年,青山乡平安建设工作在县委政法委和乡党委、政府的坚强领导下,坚持和发展新时代“枫桥经验”,全乡社会大局和谐稳定。"
     "现将有关情况报告如下:\n一、强化组织领导\n乡党委书记全年主持召开平安建设专题会议6次。\n", "专项工作报告"),
    # a portal's column page listing reports, each title set off from its date
    ("法治政府建设年度报告\n· 青山县人民政府关于2024年度法治政府建设情况的报告          2025-03-28\n"
     "· 青山县司法局2024年度法治政府建设情况报告                  2025-03-26\n"
     "· 青山县教育体育局2024年度法治政府建设情况报告              2025-03-18\n", "栏目列表"),
])
def test_the_body_tells_another_genre(checker, text, genre):
    result = checker.check_text(text)
    assert f"正文表明是{genre}" in result.meta.kind_reasons, result.meta.kind_reasons
    assert result.meta.kind == "not_annual_report"


@pytest.mark.parametrize("text", [
    # a report titled as one whose statement names its sector, or the rule of law of its own kind
    "青山县综合行政执法局2024年度法治政府建设情况报告\n2024年，我局坚持严格规范公正文明执法。现将我局2024年度综合行政执法工作情况报告如下：\n"
    "一、主要举措和成效\n全年办理行政处罚案件312件。\n",
    "青山镇人民政府关于2024年度法治政府建设工作情况的报告\n2024年，我镇扎实推进法治政府建设。现将我镇2024年度法治乡镇建设和人民调解工作情况"
    "报告如下：\n一、主要举措和成效\n全镇调解矛盾纠纷86件。\n",
    # a county government's report copied without its title, opening on the committee
    "2024年，县委全面依法治县委员会坚持以习近平法治思想为指导，县政府在县委的坚强领导下依法全面履行政府职能，加快建设法治政府。"
    "现将有关情况报告如下：\n一、主要举措和成效\n全县办理行政复议案件56件。\n二、存在的不足和原因\n部分单位执法不规范。\n",
])
def test_a_report_is_not_taken_for_a_sector_s_or_the_committee_s(checker, text):
    result = checker.check_text(text)
    assert result.meta.kind == "annual_report", result.meta.kind_reasons


def test_a_government_s_report_under_the_rule_of_law_committee_s_lead_is_still_a_report(checker):
    result = checker.check_text("青山县人民政府关于2024年度法治政府建设情况的报告\n2024年，在县委全面依法治县委员会的坚强领导下，"
                                "县政府坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：\n"
                                "一、主要举措和成效\n全县办理行政复议案件56件。\n")
    assert result.meta.kind == "annual_report", result.meta.kind_reasons


@pytest.mark.parametrize("page", ["below", "above"])
def test_a_report_with_a_list_of_links_by_it_is_still_the_report(checker, page):
    """Three dated titles make a column page only where no prose stands by them."""
    links = ("相关文章\n· 云岭县司法局2023年度法治政府建设情况报告          2024-03-26\n"
             "· 云岭县教育局2023年度法治政府建设情况报告          2024-03-18\n"
             "· 云岭县财政局2023年度法治政府建设情况报告          2024-03-15\n")
    report = ("云岭镇2023年度法治政府建设情况报告\n2023年，我镇扎实推进法治政府建设。现将有关情况报告如下：\n"
              "一、主要举措和成效\n全年调解矛盾纠纷86件。\n")
    result = checker.check_text(report + links if page == "below" else links + report)
    assert result.meta.kind == "annual_report", result.meta.kind_reasons


def test_a_feature_s_headline_over_a_text_that_states_itself_the_year_s_report_is_a_report(checker):
    """A 工作综述 subtitle names a news feature, unless the text says it is the year's report (现将…情况报告如下)."""
    head = "用法治之力护航民生福祉\n——青山市民政局2023年法治政府建设工作综述\n"
    stated = checker.check_text(head + "2023年，市民政局深入学习贯彻习近平法治思想。现将2023年度法治政府建设有关情况报告如下。\n"
                                "一、推进法治政府建设的主要举措和成效\n全年审核规范性文件12件。\n")
    assert stated.meta.kind == "annual_report", stated.meta.kind_reasons
    plainly = checker.check_text(head + "2023年，市民政局扎实推进法治政府建设。现将有关情况报告如下。\n"
                                 "一、推进法治政府建设的主要举措和成效\n全年审核规范性文件12件。\n")
    assert plainly.meta.kind == "annual_report", plainly.meta.kind_reasons
    feature = checker.check_text(head + "2023年，市民政局深入学习贯彻习近平法治思想，全年审核规范性文件12件，民政法治建设迈出新步伐。\n")
    assert feature.meta.kind == "not_annual_report", feature.meta.kind_reasons


def test_a_report_whose_first_part_is_headed_上半年_is_still_the_year_s(checker):
    """现将…2020年度法治政府建设情况报告如下 on one line, 一、上半年… on the next: the statement decides."""
    result = checker.check_text("现将庆隆镇2020年度法治政府建设情况报告如下:\n一、上半年推进法治政府建设的主要举措和成效\n"
                                "全镇办理复议案件6件。\n")
    assert result.meta.kind == "annual_report", result.meta.kind_reasons


def test_a_speech_that_does_not_say_同志们_is_no_report(checker):
    text = ("各位领导，各位代表：\n借此机会，我就全市法治政府建设工作谈几点意见。\n"
            "2023年，全市法治政府建设取得明显成效，办理行政复议案件206件。\n")
    result = checker.check_text(text)
    assert "讲话用语" in " ".join(result.meta.kind_reasons), result.meta.kind_reasons
    assert result.meta.kind == "not_annual_report"


def test_news_that_a_report_was_published_is_news_and_its_reprint_a_report(checker):
    lead = "我县2022年度法治政府建设情况报告向社会公开\n近日，《青山县2022年度法治政府建设情况报告》经县政府常务会议审议通过后全文公开。"
    news = checker.check_text(lead + "据了解，我县全年办理行政复议案件56件。\n")
    assert "新闻报道用语" in news.meta.kind_reasons and news.meta.kind == "not_annual_report", news.meta.kind_reasons
    reprint = checker.check_text(lead + "具体报告如下：\n2022年，青山县坚持以习近平法治思想为指导，扎实推进法治政府建设。"
                                 "现将有关情况报告如下：\n一、主要举措和成效\n全县办理行政复议案件56件。\n")
    assert reprint.meta.kind == "annual_report", reprint.meta.kind_reasons


def test_a_third_party_s_evaluation_is_no_annual_report(checker):
    result = checker.check_text("青山市发布2023年度法治政府建设年度报告第三方评估报告\n2023年，青山市法治政府建设取得新成效。\n")
    assert "标题表明是第三方评估报告" in result.meta.kind_reasons
    assert result.meta.kind == "not_annual_report"


def test_a_half_year_summary_opening_on_今年以来_is_no_report(checker):
    text = ("今年以来，县应急管理局坚持依法行政，法治政府建设取得了阶段性成效。1-6月，共开展执法检查120次。"
            "下半年，我局将继续推进法治政府建设。\n")
    result = checker.check_text(text)
    assert "正文表明是半年工作报告" in result.meta.kind_reasons
    assert result.meta.kind == "not_annual_report"


@pytest.mark.parametrize("title", ["青山县被命名为第三批全国法治政府建设示范地区", "青山区入选第三批全国法治政府建设示范地区名单"])
def test_news_of_a_body_named_a_model_is_not_the_report(checker, title):
    result = checker.check_text(title + "\n2023年，青山县扎实推进法治政府建设，取得明显成效。\n")
    assert "标题表明是新闻" in result.meta.kind_reasons
    assert result.meta.kind == "not_annual_report"


def test_a_congress_study_of_the_government_s_work_is_not_the_report(checker):
    text = ("青山县人大常委会调研组关于全县法治政府建设情况的调研报告\n"
            "根据县人大常委会年度工作要点安排，调研组深入8个部门和3个乡镇，对全县法治政府建设情况进行了调研。现将调研情况报告如下：\n"
            "一、基本情况\n县政府全年办理行政复议案件46件。\n")
    result = checker.check_text(text)
    assert "标题表明是调研报告" in result.meta.kind_reasons, result.meta.kind_reasons
    assert result.meta.kind == "not_annual_report"


@pytest.mark.parametrize("title", ["青山区司法局关于迎接省法治政府建设督察的工作汇报", ""])
def test_a_briefing_to_an_inspection_team_is_not_the_report(checker, title):
    text = (title + "\n尊敬的督察组各位领导：\n首先，我代表区司法局对督察组一行莅临指导表示热烈欢迎！下面，我就我局法治政府建设"
            "工作情况作简要汇报。\n一、主要工作及成效\n2022年以来，我局审查区政府规范性文件23件。\n")
    result = checker.check_text(text)
    assert result.meta.kind == "not_annual_report", result.meta.kind_reasons
    assert ("标题表明是汇报材料" if title else "讲话用语") in result.meta.kind_reasons


@pytest.mark.parametrize("text", [
    # a township's report read to its congress under the report's own title
    "青石镇人民政府关于2023年度法治政府建设情况的报告\n——2024年1月10日在青石镇第十八届人民代表大会第四次会议上\n镇长\u3000王明\n各位代表：\n现在，我代表镇人民政府，向大会报告2023年度法治政府建设情况，请予审议。\n一、2023年度推进法治政府建设的主要举措和成效\n镇党政联席会议专题研究法治政府建设工作4次，审查镇政府合同和重大决策事项23件。\n二、存在的不足和原因\n法治审核力量不足。\n三、2024年工作安排\n一是开展镇村干部学法考试；二是完成镇综合行政执法队规范化建设。\n",
    # a government's report to the standing committee, its members addressed
    "青山县人民政府关于2023年度法治政府建设情况的报告\n——2024年4月25日在县第十八届人民代表大会常务委员会第十八次会议上\n县司法局局长\u3000张伟\n尊敬的主任、各位副主任、秘书长、各位委员：\n受县人民政府委托，现将我县2023年度法治政府建设情况报告如下，请予审议。\n一、2023年度推进法治政府建设的主要举措和成效\n县政府常务会议会前学法12次，审查规范性文件32件。\n二、存在的不足和原因\n执法力量不足。\n",
    # a bulletin's issue that reprints the report
    "青山法治简报\n2024年第2期（总第57期）\n中共青山县委全面依法治县委员会办公室编\u3000\u30002024年3月25日\n青山县人民政府关于2023年度法治政府建设情况的报告\n2023年，县政府坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：\n一、2023年度推进法治政府建设的主要举措和成效\n县政府常务会议会前学法12次，审查规范性文件32件，办理行政复议案件86件。\n二、存在的不足和原因\n基层执法力量不足。\n三、2024年工作安排\n开展行政执法案卷评查2次。\n",
    # a request for help in the part for other matters
    "青石镇2023年度法治政府建设情况报告\n县委、县政府：\n2023年，我镇坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n镇党委会议专题研究法治建设3次，镇长带头述法。全年调解矛盾纠纷126件，办理信访事项42件。\n二、存在的不足和原因\n镇司法所仅有1名工作人员，合法性审查力量不足。\n三、2024年工作安排\n开展“法律明白人”培训2期，完成镇综合执法队规范化建设。\n四、其他需要报告的情况\n恳请县委依法治县办加大对乡镇合法性审查工作的指导和支持力度。\n",
    # a department's second name in brackets, an arbitration commission's office
    "青山市人力资源和社会保障局（青山市劳动人事争议仲裁委员会办公室）2023年度法治政府建设情况报告\n2023年，市人社局坚持以习近平法治思想为指导，全面推进人社领域法治建设。现将有关情况报告如下：\n一、主要举措和成效\n全年办结劳动保障监察案件312件，审查规范性文件6件。\n二、存在的不足和原因\n执法力量不足。\n",
    # the year's report joined to a pilot's
    "青山县司法局2023年度法治政府建设暨乡镇合法性审查全覆盖试点工作情况报告\n县委、县政府：\n2023年，县司法局坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n全年审查规范性文件32件，办理行政复议案件86件，全县9个乡镇全部配备法治审核人员。\n二、存在的不足和原因\n审核力量不足。\n",
    # a slogan over the report's own title
    "党建引领助推法治政府建设——青山市自然资源和规划局2023年度法治政府建设情况报告\n2023年，市自然资源和规划局坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n局党组会议专题研究法治建设4次，办理行政处罚案件62件。\n二、存在的不足和原因\n执法力量不足。\n",
    # an editor's note naming the report's title with （全文）
    "【编者按】近日，青山区人民政府发布《青山区2023年度法治政府建设情况报告（全文）》，现予转载。\n2023年，青山区坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n区政府常务会议会前学法12次，审查规范性文件26件。\n二、存在的不足和原因\n执法力量不足。\n三、2024年工作安排\n开展行政执法案卷评查2次。\n",
    # a request in passing in the body
    "中共青山县委 青山县人民政府关于2023年度法治政府建设情况的报告\n市委、市政府：\n2023年，县委、县政府坚持以习近平法治思想为指导，全面推进法治政府建设。现将有关情况报告如下：\n一、2023年度推进法治政府建设的主要举措和成效\n县委常委会会议专题研究法治建设工作5次，县政府常务会议会前学法12次。针对乡镇执法人员不足问题，县政府恳请市司法局协调解决执法证件考试名额，全年新增持证人员86名。\n二、存在的不足和原因\n执法力量不足。\n",
    # …and another
    "青山县人民政府关于2023年度法治政府建设情况的报告\n市委、市政府：\n2023年，县政府坚持以习近平法治思想为指导。现将有关情况报告如下：\n一、2023年度推进法治政府建设的主要举措和成效\n（一）依法化解矛盾纠纷\n坚持和发展新时代“枫桥经验”，对群众反映强烈、恳请政府帮助解决的历史遗留问题逐件建立台账，全年化解信访积案42件，办理行政复议案件86件。\n二、存在的不足和原因\n执法力量不足。\n",
], ids=['k01', 'k02b', 'k03', 'k05', 'k06', 'k07', 'k08', 'k11', 'k15', 'k17'])
def test_reports_that_read_like_this_stop_s_look_alikes_stay_reports(checker, text):
    """From a hostile review of the genres added in stop 62: each is a report on its year by the labelling rules."""
    result = checker.check_text(text)
    assert result.meta.kind == "annual_report", result.meta.kind_reasons


def test_a_portal_block_s_office_or_a_passing_sector_word_names_no_department_as_issuer(checker):
    """来源：青山市人民政府办公室 (a government's office) or 来源：青山市司法局 over a city report that names 全市人社系统 or
    全市司法行政系统 in passing, far below its opening: the city's report."""
    for head in ("来源：青山市人民政府办公室", "来源：青山市司法局"):
        text = (f"发布时间：2024-03-28　{head}\n2023年度法治政府建设情况报告\n2023年，全市上下坚持以习近平法治思想为指导，"
                "全面推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n市政府常务会议会前学法12次，审查市政府规范性文件"
                "26件，办理行政复议案件206件，行政机关负责人出庭应诉率100%。全市人社系统依法开展劳动保障监察，全市司法行政系统深入"
                "开展“八五”普法。\n二、存在的不足和原因\n基层执法力量不足。\n")
        result = checker.check_text(text)
        assert result.meta.level == "city", (head, result.meta.issuer)


def test_a_portal_s_news_title_names_the_issuer_but_is_no_report_title(checker):
    result = checker.check_text("浙江省发布2023年度法治政府建设情况报告\n2023年，浙江省扎实推进法治政府建设，取得新成效。\n")
    assert result.meta.issuer == "浙江省"
    assert {f.rule: f.status for f in result.findings}["quality.title"] == "partial"


def test_a_report_statement_opening_on_a_verb_names_no_issuer(checker):
    result = checker.check_text("现将2023年推进全县法治政府建设工作情况报告如下：\n全县办理复议案件206件。\n")
    assert result.meta.issuer is None


def test_a_依法行政_report_on_a_year_before_the_纲要_is_no_annual_report(checker):
    """Its title says nothing (a meeting's date line), but the year reported (2012) is before 2016."""
    text = ("2012年12月25日在慈溪市十六届人大常委会第七次会议上\n市人民政府\n主任、各位副主任、各位委员:\n"
            "现向市人大常委会报告我市依法行政情况，请予审议。\n2012年，市政府深入推进依法行政，取得了新成效。\n")
    result = checker.check_text(text)
    assert "所报告的2012年早于纲要规定的年度报告（2015年起）" in result.meta.kind_reasons
    assert result.meta.kind == "not_annual_report"
    later = checker.check_text(text.replace("2012年", "2017年"))
    assert not any("早于" in reason for reason in later.meta.kind_reasons)


@pytest.mark.parametrize("text", [
    # a site's own news of a report
    "水利部网站\n2022-04-14\n本站讯 近日，水利部发布2021年法治政府建设年度报告，全面总结各项工作进展及成效。\n"
    "2021年，水利部坚持以习近平法治思想为指导，扎实推进法治政府建设，取得新成效。\n",
    # a titleless news item with a sentence opening on 近日 after one that reads as a body's year
    "2022年，在县委的正确领导下，在县人大的监督下，县直各部门坚持依法行政。近日，县政府召开全县法治政府建设推进会，"
    "总结2022年工作。\n一、工作开展情况\n全年办理行政复议案件20件。\n",
    # news that opens on the day a report was published, then tells its figures of 去年
    "3月7日，青山市司法局发布青山市人民政府2023年法治政府建设情况报告。\n"
    "去年，全市深入开展道路交通安全和运输执法领域突出问题专项整治行动，办结率达100%。\n"
    "2023年，青山市开展重点领域专项普法活动2656场，走访服务群众24万人次。\n",
])
def test_news_of_a_report_or_of_a_meeting_is_not_the_report(checker, text):
    result = checker.check_text(text)
    assert "新闻报道用语" in result.meta.kind_reasons
    assert result.meta.kind == "not_annual_report"


def test_news_of_an_award_is_not_the_report(checker):
    body = ("\n2016年，在省委省政府的正确领导下，省林业厅大力推进林业法治建设，取得明显成效，"
            "认真落实法治政府建设年度报告制度。\n")
    news = checker.check_text("省林业厅被省委省政府评为2016年度法治政府建设优秀单位" + body)
    assert "标题表明是新闻" in news.meta.kind_reasons
    assert news.meta.kind == "not_annual_report"


def test_a_year_opening_without_the_body_as_subject_is_not_enough(checker):
    result = checker.check_text("2021年，全国法治政府建设取得新进展。\n一、总体情况\n有关部门开展了多项工作。\n")
    assert "以本机关为主语总结该年工作" not in result.meta.kind_reasons


REPORT_TITLE = "某某县人民政府关于2023年法治政府建设情况的报告"
PLAIN_TITLE = "某某县法治政府建设工作回顾"  # neither a report's title nor another genre
ADDRESSEE = "县人大常委会："
BLAND_BODY = "一、主要举措和成效\n全县办理行政复议案件206件，审结115件。\n"


def kind_outline(title: str, addressee: bool):
    return outline_of("\n".join([title, *([ADDRESSEE] if addressee else [])]) + "\n" + BLAND_BODY)


def test_the_kind_threshold_is_reached_exactly_and_missed_by_one_point():
    """Every combination of title, addressee, stated year and statutory parts found (more than are
    counted, too): the points each brings, from the rulebook, decide the kind, and some combinations
    land exactly on the threshold, one point below it, or short of it only because of the parts' cap."""
    spec = conventions()
    weights = spec.kind
    parts = list(weights.report_parts)
    scores, capped_short = set(), False
    for report_title, addressee in itertools.product([True, False], repeat=2):
        outline = kind_outline(REPORT_TITLE if report_title else PLAIN_TITLE, addressee)
        assert (outline.addressee is not None) == addressee
        for year, count in itertools.product([2023, None], range(len(parts) + 1)):
            found = frozenset(parts[:count])
            kind, reasons = facts.kind_of(outline, spec, found, year)
            score = (weights.report_title * report_title + weights.addressee * addressee
                     + weights.per_report_part * min(count, weights.max_report_parts)
                     - weights.no_year * (year is None))
            scores.add(score)
            # All the parts would have been enough, but only `max_report_parts` of them count.
            capped_short |= score < weights.threshold <= score + weights.per_report_part * (count - weights.max_report_parts)
            expected = "annual_report" if score >= weights.threshold else "not_annual_report"
            case = (report_title, addressee, year, count, score, reasons)
            assert kind == expected, case
            assert ("标题是年度报告的格式" in reasons) == report_title, case
            assert ("有主送机关" in reasons) == addressee, case
            assert ("未写明所报告的年度" in reasons) == (year is None), case
            assert (f"有{count}个年度报告的法定部分" in reasons) == (count > 0), case
            assert len(reasons) == report_title + addressee + (year is None) + (count > 0), case
    assert weights.threshold in scores
    assert weights.threshold - 1 in scores
    assert capped_short


def test_a_report_that_never_states_its_year_is_penalised():
    spec = conventions()
    outline = kind_outline(REPORT_TITLE, addressee=False)
    with_year, reasons = facts.kind_of(outline, spec, frozenset(), 2023)
    without, penalised = facts.kind_of(outline, spec, frozenset(), None)
    assert "未写明所报告的年度" in penalised and "未写明所报告的年度" not in reasons
    assert with_year == "annual_report"
    assert without == ("annual_report" if spec.kind.report_title - spec.kind.no_year >= spec.kind.threshold
                       else "not_annual_report")


def test_report_markers_count_in_the_opening_only_and_other_markers_anywhere():
    spec = conventions()
    filler = "全县办理行政复议案件206件，审结115件，行政机关负责人出庭应诉率100%。\n"
    far = filler * (spec.kind.head_chars // len(filler) + 1)
    statement = "现将有关情况报告如下：\n"
    speech = "同志们，要把法治政府建设抓紧抓实。\n"
    near_reasons = facts.kind_of(outline_of(PLAIN_TITLE + "\n" + statement + far + speech), spec, frozenset(), 2023)[1]
    far_reasons = facts.kind_of(outline_of(PLAIN_TITLE + "\n" + far + statement + speech), spec, frozenset(), 2023)[1]
    assert "有“现将……报告如下”的报告用语" in near_reasons
    assert "有“现将……报告如下”的报告用语" not in far_reasons
    assert "讲话用语" in near_reasons and "讲话用语" in far_reasons


def test_since_the_year_began_states_the_year_reported_on():
    outline = outline_of("青山镇法治政府建设工作总结\n2019 年以来，我镇始终坚持依法行政，强化措施。现将一年来的工作情况总结如下：\n")
    assert facts.report_year(outline, conventions()) == 2019


def test_a_work_summary_title_run_into_the_first_paragraph_is_the_title():
    outline = outline_of("乡镇法治政府建设工作总结 2019 年以来，我镇始终坚持依法行政，强化措施，取得新成效。\n")
    assert outline.title == "乡镇法治政府建设工作总结"


@pytest.mark.parametrize(
    "text",
    [
        "关于2023年度法治政府建设考核结果的公示\n根据考核办法，现将考核结果公示如下：\n一、优秀等次单位\n白河县、东湖区\n",
        "根据评估结果，现将第二批法治政府建设示范地区和项目拟命名名单予以公示。公示时间为2023年8月1日至8月7日，如有异议，请书面反映。\n",
    ],
    ids=["titled", "untitled"],
)
def test_a_notice_open_for_objections_is_not_a_report(checker, text):
    result = checker.check_text(text)
    assert result.meta.kind == "not_annual_report"
    assert any("公示" in reason for reason in result.meta.kind_reasons)


def test_a_report_published_as_a_notice_is_still_a_report():
    spec = conventions()
    assert facts.genre_of("青山镇2023年度法治政府建设情况报告公示", spec) is None
    assert facts.genre_of("关于2023年度法治政府建设考核结果的公示", spec) == "公示"


def test_a_notice_that_carries_the_year_s_report_for_comment_is_the_report(checker):
    """The notice's own words (公示期为…, 如有意见) stand before the report itself: the text is the report."""
    notice = ("关于青山乡2022年度法治政府建设情况报告的公示\n"
              "根据有关规定，现将我乡2022年度法治政府建设情况报告予以公示，接受社会监督。公示期为2023年2月8日至"
              "2023年2月15日。如有异议，请在公示期内反映。\n青山乡2022年度法治政府建设情况报告\n")
    result = checker.check_text(notice + REPORT_BODY.format(year=2022))
    assert result.meta.kind == "annual_report", result.meta.kind_reasons
    # …while a notice of results open for objections stays a notice
    results = ("关于2022年度法治政府建设考核结果的公示\n现将2022年度法治政府建设考核结果予以公示。公示期为2023年2月8日"
               "至2023年2月15日，如有异议，请书面反映。\n")
    assert checker.check_text(results + REPORT_BODY.format(year=2022)).meta.kind == "not_annual_report"
    # …as does a 公示 of the reports' review results, untitled
    review = ("现将2022年度各乡镇法治政府建设年度报告评查结果予以公示，公示期为2023年2月8日至2023年2月15日，如有异议，"
              "请书面反映。\n")
    assert checker.check_text(review + REPORT_BODY.format(year=2022)).meta.kind == "not_annual_report"


@pytest.mark.parametrize("lead", ["报告显示，", "报告指出，", "（以下简称《报告》），《报告》指出，"])
def test_news_that_quotes_a_published_report_is_not_the_report(checker, lead):
    news = ("青山市公布2023年度法治政府建设年度报告\n市人民政府日前向社会公开2023年度法治政府建设情况报告"
            + ("" if lead.startswith("（") else "。")
            + f"{lead}2023年，我市坚持以习近平法治思想为指导，扎实推进法治政府建设，取得新成效。市政府常务会议学法11次，"
            "审议规章草案5件。全年办理行政复议案件206件，行政机关负责人出庭应诉率100%。\n")
    result = checker.check_text(news)
    assert result.meta.kind == "not_annual_report", result.meta.kind_reasons
    # A report that cites another report first names it, and one that states itself (现将…报告如下) may quote a
    # survey's report: still the report.
    cites = REPORT_BODY.format(year=2023).replace("取得新成效。", "取得新成效。党的二十大报告指出，要扎实推进依法行政。")
    assert checker.check_text("青山市2023年度法治政府建设情况报告\n" + cites).meta.kind == "annual_report"
    survey = REPORT_BODY.format(year=2023).replace("取得新成效。", "取得新成效。委托第三方开展满意度测评。报告显示，群众满意度达95.6%。")
    assert checker.check_text("青山市2023年度法治政府建设情况报告\n" + survey).meta.kind == "annual_report"


# A body with every mark of a report: its title still decides when it names another genre.
REPORT_BODY = ("{year}年，我市坚持以习近平法治思想为指导，扎实推进法治政府建设，取得新成效。现将有关情况报告如下：\n"
               "一、主要举措和成效\n全年办理行政复议案件206件，审结115件，行政机关负责人出庭应诉率100%。\n")


def test_a_copy_site_s_collection_of_texts_is_no_report(checker):
    collection = ("乡镇法治政府建设工作总结\n下面是整理的乡镇法治政府建设工作总结，希望对您有所帮助。\n"
                  "篇一：青山镇2023年度法治政府建设工作总结\n" + REPORT_BODY.format(year=2023))
    result = checker.check_text(collection)
    assert result.meta.kind == "not_annual_report", result.meta.kind_reasons
    # 篇 inside a sentence (开好篇：…) is no such mark
    report = "青山镇2023年度法治政府建设情况报告\n" + REPORT_BODY.format(year=2023).replace("一、", "谋好篇、开好局。\n一、")
    assert checker.check_text(report).meta.kind == "annual_report"


@pytest.mark.parametrize(
    "title,year,kind",
    [
        ("青山市2023年上半年法治政府建设工作情况报告", 2023, "not_annual_report"),
        ("青山市人民政府2023年政府信息公开工作年度报告", 2023, "not_annual_report"),
        ("青山市2023年度法治政府建设情况报告（范文）", 2023, "not_annual_report"),
        ("中共青山市委全面依法治市委员会2023年工作报告", 2023, "not_annual_report"),
        ("青山市司法局局长2023年度履行推进法治建设第一责任人职责情况报告", 2023, "not_annual_report"),
        ("青山市人民政府关于2014年度依法行政工作情况的报告", 2014, "not_annual_report"),
        ("青山市人民政府关于2015年依法行政工作情况的报告", 2015, "not_annual_report"),
        ("市政府常务会议听取2023年度法治政府建设工作情况汇报", 2023, "not_annual_report"),  # news of a meeting
        ("青山县人民政府关于2016-2020年度法治政府建设有关情况的报告", 2020, "not_annual_report"),  # five years
        ("青山区“十三五”时期法治政府建设工作总结", 2020, "not_annual_report"),  # five years, by their plan's name
        ("图解：一图读懂《青山区2023年度法治政府建设情况报告》", 2023, "not_annual_report"),
        ("青山市2023年度法治政府建设典型案例汇编", 2023, "not_annual_report"),
        ("青山县人民政府2023年政务公开工作年度报告", 2023, "not_annual_report"),
        ("中共青山市委全面依法治市委员会办公室关于2023年度全面依法治市工作情况的报告", 2023, "not_annual_report"),
        ("关于2023年度履行推进法治政府建设第一责任人职责情况的报告", 2023, "not_annual_report"),  # a leader's own
        ("青山县司法局局长2023年度述责述廉报告", 2023, "not_annual_report"),
        ("青山镇2024年法治政府建设工作计划", 2024, "not_annual_report"),
        ("关于2023年度法治政府建设考核结果的通报", 2023, "not_annual_report"),
        ("青山市2024年政府工作报告", 2024, "not_annual_report"),
        ("青山县创建全省法治政府建设示范县自评报告", 2023, "not_annual_report"),
        ("青山县2023年1-6月法治政府建设工作情况", 2023, "not_annual_report"),
        ("一文读懂《青山市2023年度法治政府建设情况报告》", 2023, "not_annual_report"),
        ("青山市政府常务会议审定2023年度法治政府建设年度报告", 2023, "not_annual_report"),  # news of a meeting
        ("青山市2023年度普法工作总结", 2023, "not_annual_report"),  # other fields' reports
        ("青山县2023年平安建设工作情况报告", 2023, "not_annual_report"),
        ("青山市2023年优化营商环境工作情况报告", 2023, "not_annual_report"),
        ("关于2024年度青山市行政复议工作的报告", 2024, "not_annual_report"),  # one sector of the work alone
        ("青山县2023年度行政执法工作报告", 2023, "not_annual_report"),
        ("青山市司法局2023年工作总结", 2023, "not_annual_report"),  # the body's whole year
        ("青山县自然资源局2024年工作总结和2025年工作思路", 2024, "not_annual_report"),  # …with its next year's plan
        ("青山县自然资源局2024年工作总结及明年工作打算", 2024, "not_annual_report"),
        ("青山县人民政府关于2023年度工作情况的报告", 2023, "not_annual_report"),
        ("关于2023年度贯彻落实《信访工作条例》工作情况的报告", 2023, "not_annual_report"),  # a name naming no rule of law
        ("青山县信访局关于2023年度依法分类处理信访诉求工作情况的报告", 2023, "not_annual_report"),
        ("2023年乡镇法治政府建设工作总结（通用3篇）", 2023, "not_annual_report"),  # a copy site's collection
        ("青山县司法局关于2023年度法治政府建设情况的报告（参考格式）", 2023, "not_annual_report"),  # a template
        ("青山区法治政府建设工作总结（2018年至2022年）", 2022, "not_annual_report"),  # five years, in brackets
        # titles that only look like those genres
        ("青山市人民政府关于2016年度依法行政工作情况的报告", 2016, "annual_report"),
        ("青山市人民政府关于2015年度法治政府建设和依法行政工作情况的报告", 2015, "annual_report"),
        ("青山市贯彻落实法治政府建设实施纲要(2021-2025年)2023年度情况的报告", 2023, "annual_report"),
        ("青山市贯彻落实法治政府建设实施纲要（2021年—2025年）2023年度情况报告", 2023, "annual_report"),
        ("青山市自然资源和规划局2023年度法治政府建设情况报告", 2023, "annual_report"),  # 规划 in a name
        ("青山县2023年度行政执法和法治政府建设工作情况的报告", 2023, "annual_report"),  # a sector with the whole
        ("青山市行政复议局2023年度法治政府建设情况报告", 2023, "annual_report"),  # a sector in a name
        ("青山市司法局2023年度依法行政工作总结", 2023, "annual_report"),  # its year's rule of law
        ("关于2023年度贯彻落实《法治政府建设实施纲要（2021—2025年）》工作情况的报告", 2023, "annual_report"),  # in a name
        ("关于2023年度贯彻落实《法治政府建设实施纲要》和行政执法工作情况的报告", 2023, "annual_report"),
        ("青山县2023年度法 治 政 府 建 设工作总结", 2023, "annual_report"),  # spaced out
        ("交通运输部2023年度法治政府部门建设工作情况", 2023, "annual_report"),  # a ministry's wording
        ("关于印发青山县2023年度法治政府建设", 2023, "not_annual_report"),  # a notice whose last line is lost
        ("中共青山市委政策研究室2023年度法治政府建设情况报告", 2023, "annual_report"),  # 研究 in a name
        ("青山市人民政府关于2023年度党政主要负责人履行推进法治建设第一责任人职责及法治政府建设情况的报告", 2023,
         "annual_report"),
        ("青山市人民政府关于2023年度法治政府建设暨党政主要负责人履行推进法治建设第一责任人职责情况的报告", 2023,
         "annual_report"),
        ("青山市2020年法治政府建设暨“十三五”时期工作情况报告", 2020, "annual_report"),  # its year, looking back
        ("青山县2023年度法治政府建设工作报告暨主要负责人履行推进法治建设第一责任人职责情况报告", 2023, "annual_report"),
        ("青山市委全面依法治市委员会办公室关于2023年度法治政府建设情况的报告", 2023, "annual_report"),  # the office reports it
        # words of other genres inside a body's name, a report published as a 公示, a report joined to another
        ("北京市规划和自然资源委员会2022年法治政府建设年度情况报告", 2022, "annual_report"),
        ("青山市卫生和计划生育委员会2017年度法治政府建设情况报告", 2017, "annual_report"),
        ("青山市营商环境建设局2023年度法治政府建设情况报告", 2023, "annual_report"),
        ("关于青山镇2023年度法治政府建设情况的公示", 2023, "annual_report"),
        # a report joined to another genre's document, or naming one's words as a part of it
        ("青山县发展和改革局2023年度法治政府建设工作总结及2024年工作计划", 2023, "annual_report"),
        ("青山县2023年度法治政府建设重点任务完成情况报告", 2023, "annual_report"),
        ("青山市人民政府2022年度法治政府工作报告", 2022, "annual_report"),
        ("青山县人民政府关于2022年度法治政府建设情况的报告（经县人民政府第32次常务会议审定）", 2022, "annual_report"),
        ("青山市二〇二〇年度暨“十三五”时期法治政府建设工作报告", 2020, "annual_report"),
        ("青山县2022年度依法行政暨普法依法治理工作报告", 2022, "annual_report"),
        ("青山镇2023年法治建设和平安建设工作情况报告", 2023, "annual_report"),
        ("青山市营商环境服务局2023年度依法行政工作报告", 2023, "annual_report"),
        ("青山县城乡规划管理局2023年度法治政府建设情况报告", 2023, "annual_report"),
        ("青山市2022年度法治政府建设工作报告暨“八五”普法中期阶段性总结", 2022, "annual_report"),
        # …and look-alikes that a joined title's exceptions must not let through
        ("关于2023年法治政府建设与责任落实督察反馈问题整改情况的报告", 2023, "not_annual_report"),
        ("关于2023年度法治政府建设考核结果情况的公示", 2023, "not_annual_report"),
        ("全省法治政府建设示范项目材料选登之三", 2023, "not_annual_report"),
        # a report on the key tasks a government work report set, the genre named inside the title's 《》
        ("青山省司法厅2021年《政府工作报告》重点工作完成情况", 2021, "not_annual_report"),
        ("青山市司法局关于2021年法治政府建设暨《政府工作报告》重点工作完成情况的报告", 2021, "annual_report"),
        ("青山市司法局2021年法治政府建设工作总结暨《政府工作报告》重点工作完成情况", 2021, "annual_report"),
        ("青山市司法局关于2021年《政府工作报告》重点工作和法治政府建设情况的报告", 2021, "annual_report"),
        ("青山县关于贯彻落实《法治政府建设实施纲要》2021年重点任务完成情况的报告", 2021, "annual_report"),
        ("青山市人民政府关于2022年度法治政府建设及督察反馈问题整改情况的报告", 2022, "annual_report"),
        # a body's yearly release of its enforcement figures (执法公示)
        ("青山市城市管理局2023年度行政执法数据公开", 2023, "not_annual_report"),
        ("青山县市场监督管理局2023年行政执法统计年报", 2023, "not_annual_report"),
        # the rule-of-law report of a body that is no government's
        ("青山市城市建设投资集团有限公司2022年度法治建设工作报告", 2022, "not_annual_report"),
        ("中共青山县委组织部2024年度法治建设工作情况报告", 2024, "not_annual_report"),
        ("青山县人民法院2023年度法治建设工作报告", 2023, "not_annual_report"),
        ("中共青山县委 青山县人民政府关于2023年度法治政府建设情况的报告", 2023, "annual_report"),
        ("青山县国有资产监督管理委员会2023年度法治政府建设情况报告", 2023, "annual_report"),
        ("学院路街道办事处2024年度法治政府建设情况报告", 2024, "annual_report"),
        ("中共青山市委统战部（青山市民族宗教事务局）2024年度法治建设情况报告", 2024, "annual_report"),
        ("青山市大学城管理委员会2024年度法治建设工作报告", 2024, "annual_report"),
        # many bodies' reports summed up, an appraisal's self-assessment, the officials' study summed up
        ("青山市2021年度县(市、区)法治政府建设年度报告汇总分析", 2021, "not_annual_report"),
        ("青山县农业农村局2022年度法治建设考核自评报告", 2022, "not_annual_report"),
        ("中共青山市财政局党组理论学习中心组2020年度学法情况总结", 2020, "not_annual_report"),
        # …but not a report's own 汇总 or 汇总稿, one joined to an appraisal's self-assessment or to a study's summary
        ("青山市2024年度法治政府建设情况报告（汇总稿）", 2024, "annual_report"),
        ("青山市人民政府关于2024年度法治政府建设情况的报告（汇总各县区和市直部门工作）", 2024, "annual_report"),
        ("青山县2024年度法治政府建设情况暨考核自评报告", 2024, "annual_report"),
        # a white paper on one field's year, a village's own summary
        ("青山市行政复议和行政应诉工作白皮书（2024年度）", 2024, "not_annual_report"),
        ("石门村2023年度“民主法治示范村”创建工作总结", 2023, "not_annual_report"),
        # …not a township or a 街道 whose name ends in 村
        ("新村街道2023年度法治政府建设情况报告", 2023, "annual_report"),
        ("中关村2023年度法治政府建设情况报告", 2023, "annual_report"),
        ("石门村党支部2023年度法治建设工作总结", 2023, "not_annual_report"),
        ("石门社区居民委员会2023年度法治建设工作总结", 2023, "not_annual_report"),
        # a department's enforcement figures, a reply to a deputy, a congress's review of filed documents
        ("青山市生态环境局2023年度行政执法数据统计年报", 2023, "not_annual_report"),
        ("青山市司法局关于市十七届人大三次会议第0127号建议的答复", 2023, "not_annual_report"),
        ("青山市人民代表大会常务委员会法制工作委员会关于2023年备案审查工作情况的报告", 2023, "not_annual_report"),
        # the government's report laid before the congress, and one with its figures attached
        ("丰宁县第十八届人民代表大会常务委员会第十六次会议文件之五:关于2023年度依法行政工作情况的报告", 2023, "annual_report"),
        ("丰宁县交通运输局2023年度法治政府建设情况报告（附行政执法数据统计年报）", 2023, "annual_report"),
        # a report on 法治政府建设 the body calls its white paper
        ("云岭市法治政府建设白皮书（2023年度）", 2023, "annual_report"),
        ("中共青山县委理论学习中心组学习贯彻习近平法治思想暨2024年度法治政府建设情况报告", 2024, "annual_report"),
        # one part of the work framed by the rule of law, no year named, and answers to a questionnaire; not the year's
        # report whose title says 建设中
        ("关于全县法治政府建设中行政复议工作情况的报告", 2023, "not_annual_report"),
        ("青山县关于法治政府建设督察调研提纲有关问题的书面答复", 2023, "not_annual_report"),
        ("青山县人民政府关于2023年在法治政府建设中履职尽责情况的报告", 2023, "annual_report"),
        ("青山县交通运输局关于2023年度推进法治政府建设中主要举措和成效的报告", 2023, "annual_report"),
        # the year's report joined to one matter by 工作和 (…建设工作和督察反馈问题整改情况), like …建设及…
        ("青山县人民政府关于2023年度法治政府建设工作和督察反馈问题整改情况的报告", 2023, "annual_report"),
        # a member's proposal to the 政协 on the reports; the rule of law in the villages (法治社会's, no government's)
        ("案由：关于进一步提升我市法治政府建设年度报告质量的提案", 2021, "not_annual_report"),
        # (…not the year's report joined to the proposals handled: …法治政府建设及建议提案办理工作情况报告)
        ("青山县人民政府办公室2023年度法治政府建设及建议提案办理工作情况报告", 2023, "annual_report"),
        ("棠溪镇2022年法治乡村建设工作总结", 2022, "not_annual_report"),
        # …but a portal's note publishing the report, the report following it, is the report
        ("关于公开《澄阳经济技术开发区2018年度法治政府建设情况报告》的说明", 2018, "annual_report"),
        # (…not a note on a report not published, nor a summary of the villages' rule of law joined to 依法行政)
        ("关于未公开《澄阳经济技术开发区2018年度法治政府建设情况报告》的情况说明", 2018, "not_annual_report"),
        # a firm's name on the line above its year's title (…集团有限公司 / 2023年度法治建设工作报告): the firm's report; a court's
        # suggestions to the government on its enforcement
        ("澄阳市城市发展投资集团有限公司\n2023年度法治建设工作报告", 2023, "not_annual_report"),
        ("槐川区人民法院\n关于规范行政执法程序 提升依法行政水平的司法建议", 2023, "not_annual_report"),
        ("棠溪镇2022年法治乡村建设和依法行政工作总结", 2022, "annual_report"),
    ],
)
def test_a_title_naming_another_genre_outweighs_a_body_that_reads_like_a_report(checker, title, year, kind):
    result = checker.check_text(title + "\n" + REPORT_BODY.format(year=year))
    assert result.meta.kind == kind, result.meta.kind_reasons


def test_a_text_that_stops_mid_sentence_gives_that_sentence_and_a_finished_one_gives_none():
    spec = conventions()
    cut = outline_of("一、主要举措和成效\n全年办理行政复议案件206件。\n组织执法人员培训860人次，开展")
    assert facts.unfinished_ending(cut, spec) == "组织执法人员培训860人次，开展"
    finished = outline_of("一、主要举措和成效\n全年办理行政复议案件206件。\n组织执法人员培训860人次。")
    assert facts.unfinished_ending(finished, spec) is None
    # Only body sentences count: a last heading without a stop is no cut-off sentence.
    assert facts.unfinished_ending(outline_of("全年办理行政复议案件206件。\n二、存在的不足和原因"), spec) is None
    assert facts.unfinished_ending(outline_of("一、主要举措和成效"), spec) is None


def test_a_bureau_s_own_voice_decides_from_exactly_one_mention_in_three_of_the_loudest():
    one_in = conventions().facts.specific_voice_one_in
    assert level_from({"我省": one_in, "我局": 1}) == "department"
    assert level_from({"我省": one_in + 1, "我局": 1}) == "province"


@pytest.mark.parametrize("body, ahead", [
    # 2018年是…开局之年。一年来，… opens a summary of that year as 2018年，… does; in mid-sentence it opens nothing
    ("2018年是贯彻党的十九大精神的开局之年。在省委领导下，省政府扎实推进法治政府建设，"
     "法治政府建设取得新进展。全年办理行政复议案件1200件。\n", "我们认为"),
    # 法治是…的保障。2023年，… opens the text on its year all the same; the same sentences further in open nothing
    ("法治是国家治理体系和治理能力的重要依托，也是发展的可靠保障。2023年，在市委的坚强领导下，全县法治政府建设工作"
     "以习近平法治思想为指引，取得新成效。\n坚持高位推动\n县政府常务会议全年专题研究法治政府建设4次。\n",
     "县政府召开常务会议研究发展工作。\n"),
    # a copy that lost every figure opens on its bare 年 (年,天津市坚持…): its year is unknown, its genre is not
    ("年,天津市坚持以习近平新时代中国特色社会主义思想为指导，深入推进依法行政，法治政府建设取得明显成效。\n"
     "一、坚持和加强党的全面领导\n我市深入贯彻法治政府建设与责任落实督察工作规定，制定贯彻落实意见。\n", "全市上下"),
])
def test_a_headless_report_opens_on_its_year_only_at_its_start(checker, body, ahead):
    read_as_report(checker, body, "以年份开篇，总结该年工作")
    further_in = checker.check_text(ahead + body)
    assert "以年份开篇，总结该年工作" not in further_in.meta.kind_reasons


def test_a_page_stamp_of_date_and_views_is_no_dateline(checker):
    """2019-05-22 1325 (the date and the page's views) is page furniture; 2019-05-22 新华社… is news."""
    body = ("\n2018年，自然资源部坚持以习近平法治思想为指导，扎实推进法治政府建设，取得新成效。"
            "全年审核规范性文件28件。现将有关情况报告如下：\n")
    stamp = checker.check_text("2019-05-22 1325" + body)
    assert "新闻报道用语" not in stamp.meta.kind_reasons
    assert stamp.meta.kind == "annual_report", stamp.meta.kind_reasons
    assert "新闻报道用语" in checker.check_text("2019-05-22 新华社电" + body).meta.kind_reasons


def test_the_whole_picture_is_no_bureau_s_voice(checker):
    """摆在全局工作的突出位置 is the whole picture, not 全局 (the whole bureau): a province stays a province."""
    result = checker.check_text(
        "2018年，河北省委、省政府把法治政府建设摆在全局工作的突出位置，省政府常务会议研究法治政府建设3次，"
        "全省法治政府建设取得新进展。现将有关情况报告如下：\n")
    assert result.meta.level == "province"
    bureau = checker.check_text("2018年，全局干部职工认真学习宪法，我局办理行政复议案件3件。现将有关情况报告如下：\n")
    assert bureau.meta.level == "department"


@pytest.mark.parametrize("title,kind", [
    # a report on another topic, though its opening serves the rule of law: that report
    ("青山市律师行业发展报告", "not_annual_report"),
    ("青山市政务服务中心2023年度运行情况报告", "not_annual_report"),
    # …or on the rule of law in society, not in the government (法治文化, 法治宣传教育: 法治社会's)
    ("青山市2023年度法治文化建设工作总结", "not_annual_report"),
    # the report's own title names the rule of law, in its words or in the 纲要's name it cites…
    ("青山市生态环境局2023年度法治工作开展情况", "annual_report"),
    ("青山市生态环境局关于2023年贯彻落实《法治政府建设实施纲要（2021-2025年）》情况", "annual_report"),
    # …or is the year's 年度报告 alone
    ("青山市生态环境局2023年度报告", "annual_report"),
])
def test_a_title_that_names_a_report_on_another_topic_makes_it_that_report(checker, title, kind):
    opening = ("2023年，青山市坚持以习近平法治思想为指导，服务法治政府建设，扎实推进各项工作。现将有关情况报告如下：\n"
               "一、主要举措和成效\n全年办理案件120件。\n")
    result = checker.check_text(f"{title}\n{opening}")
    assert result.meta.kind == kind, result.meta.kind_reasons


def test_a_verb_phrase_is_no_issuer(checker):
    """充分发挥街党工委在…中的核心地位 opens on a verb: no issuer, and 街党工委 is a township's voice."""
    result = checker.check_text(
        "2022年法治政府建设工作报告\n一、主要举措和成效\n充分发挥街党工委在推进法治建设工作中的核心地位，"
        "街党工委专题研究法治建设3次。\n")
    assert result.meta.issuer is None
    assert result.meta.level == "township"


def test_a_subtitle_opening_on_a_dash_goes_with_the_title_above_it(checker):
    """在…会议上的工作报告 over ——…2023年工作情况: the first line is the title, the second its subtitle, and the
    title's genre decides; a subtitle in brackets (经…常务会议审议通过) tells how the text was adopted, no genre."""
    text = ("在市委全面依法治市委员会第四次会议上的工作报告\n——中共青山市委全面依法治市委员会2023年工作情况\n"
            + REPORT_BODY.format(year=2023))
    result = checker.check_text(text)
    assert result.meta.title == "在市委全面依法治市委员会第四次会议上的工作报告"
    assert result.meta.kind == "not_annual_report", result.meta.kind_reasons
    # (under a title in the report's form, the subtitle's genre is the report's own second theme)
    joined = ("青山县2023年度法治政府建设情况报告\n——暨2024年法治政府建设工作要点\n" + REPORT_BODY.format(year=2023))
    assert checker.check_text(joined).meta.kind == "annual_report"
    adopted = ("青山市人民政府关于2023年度法治政府建设情况的报告\n（2024年3月5日市政府第十次常务会议审议通过）\n"
               + REPORT_BODY.format(year=2023))
    assert checker.check_text(adopted).meta.kind == "annual_report"


_REPORT_BODY = ("一、主要举措和成效\n县政府常务会议专题研究法治政府建设工作4次，审查规范性文件32件。\n"
                "二、存在的不足和原因\n执法人员偏少，主要原因是编制不足。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
                "县长主持召开县政府常务会议专题研究法治政府建设3次。\n四、2024年工作安排\n一是开展行政执法案卷评查2次。\n")


@pytest.mark.parametrize(
    "head",
    [
        # the year's report together with one sector's work, stated together
        "青山县司法局2023年法治政府建设年度报告\n2023年，县司法局扎实推进法治政府建设。现将2023年度法治政府建设和法律顾问工作情况报告如下：\n",
        "青山县人民政府2023年度法治政府建设情况报告\n2023年,县政府扎实推进依法行政,现将2023年度法治政府建设和信访工作法治化建设情况报告如下:\n",
        # a headline over the report that takes the guiding thought as its guide
        "坚持以习近平法治思想为指引 奋力推进法治政府建设——青山区2023年法治政府建设年度报告\n2023年，区政府扎实推进法治政府建设，"
        "现将有关情况报告如下：\n",
        # a portal's block above the report (信息名称, 审核意见)
        "索引号：11360000MB0000000A/2024-00012\n信息名称：青山县人民政府关于2023年度法治政府建设情况的报告\n审核意见：同意公开\n"
        "青山县人民政府关于2023年度法治政府建设情况的报告\n2023年，县政府扎实推进法治政府建设，现将有关情况报告如下：\n",
        # the year's report joined to one reform's first year
        "青山经济技术开发区管委会关于2023年度法治政府建设暨综合行政执法改革运行一周年工作情况的报告\n2023年，开发区扎实推进法治政府建设，"
        "现将有关情况报告如下：\n",
        # the year's report and the next year's plan, its title split before the plan's genre; and one naming the
        # 依法治市 work with the rule of law's in brackets
        "关于2025年法治政府建设情况及2026年\n推进法治政府建设工作要点的报告\n区政府:\n2025年,清源街道扎实推进法治政府建设,"
        "现将有关情况报告如下:\n",
        "青山市生态环境局关于2020依法治市(法治政府建设)工作情况的报告\n2020年,市生态环境局扎实推进法治政府建设,现将有关情况报告如下:\n",
        # how the year's work went in other words (目标任务完成, 基本情况), and a rectification joined after 暨
        "青山县人民政府关于2023年度法治政府建设目标任务完成情况的报告\n2023年,县政府扎实推进法治政府建设,现将有关情况报告如下:\n",
        "青山县人民政府关于2023年推进法治政府建设暨落实法治政府建设督察反馈问题整改情况的报告\n2023年,县政府扎实推进法治政府建设,"
        "现将有关情况报告如下:\n",
        "青山县人民政府关于2023年度法治政府建设总体情况的报告\n2023年,县政府扎实推进法治政府建设,现将有关情况报告如下:\n",
        # a reply to the notice on the year's 法治工作 (another name for it)
        "县司法局:\n按照《关于报送2023年度法治工作情况的通知》要求,现将我局有关情况报告如下:\n",
    ],
    ids=["with-legal-advisers", "with-petitions", "guided-headline", "portal-block", "with-a-reform-year",
         "with-next-years-points-split", "bracketed-rule-of-law", "targets-done", "with-rectification-joined",
         "overall-situation", "reply-to-the-years-notice"],
)
def test_a_report_that_names_another_genre_s_words_is_still_the_report(checker, head):
    result = checker.check_text(head + _REPORT_BODY)
    assert result.meta.kind == "annual_report", result.meta.kind_reasons


def test_a_party_group_opening_a_bureaus_report_on_the_rule_of_law_leaves_it_a_report(checker):
    """A bureau's report may open on its Party group (局党组坚持…): its statement names the rule of law, so it is no
    Party group's own report on its year."""
    text = ("2023年，局党组坚持以习近平新时代中国特色社会主义思想为指导，团结带领全局干部职工扎实工作。现将2023年度法治政府建设情况"
            "报告如下：\n一、主要举措和成效\n全年审查规范性文件12件。\n二、存在的不足和原因\n执法力量不足，主要原因是编制少。\n")
    result = checker.check_text(text)
    assert result.meta.kind == "annual_report", result.meta.kind_reasons


def test_a_prefecture_naming_a_sectors_county_word_stays_a_city(checker):
    """县域 as a sector's word (紧密型县域医共体, 县域义务教育) is said by a prefecture too: it makes no 县级市."""
    text = ("霁州市人民政府关于2024年度法治政府建设情况的报告\n2024年，霁州市坚持以习近平法治思想为指导，推进紧密型县域医共体建设，"
            "推动县域义务教育优质均衡发展，全市法治政府建设取得新成效。\n一、主要举措和成效\n全年审查规范性文件32件。\n")
    result = checker.check_text(text)
    assert result.meta.level == "city"


def test_a_slogan_title_that_ends_as_a_name_does_is_no_issuer(checker):
    """A title that is a slogan ending in a kind of body (严格依法行政建设法治政府) names none: a name opens on its place."""
    text = ("严格依法行政建设法治政府\n2023年，武汉市坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：\n"
            "一、主要举措和成效\n全年审查规范性文件32件。\n")
    result = checker.check_text(text)
    assert result.meta.issuer != "严格依法行政建设法治政府"


def test_a_statement_of_the_years_work_in_general_words_leaves_a_report(checker):
    """现将2024年的相关工作情况报告如下 names no one work: the year's report stays one."""
    text = ("2024年，浦沿街道坚持以习近平法治思想为指导，扎实推进法治政府建设。现将2024年的相关工作情况报告如下：\n"
            "一、主要举措和成效\n全年调解矛盾纠纷126件。\n二、存在的不足和原因\n基层力量不足，主要原因是编制少。\n")
    result = checker.check_text(text)
    assert result.meta.kind == "annual_report", result.meta.kind_reasons


@pytest.mark.parametrize("text, level", [
    # a prefecture that directs its counties' 县域 work is no 县级市
    ("霁州市人民政府关于2023年度法治政府建设情况的报告\n2023年，霁州市指导各县（市、区）开展县域法治建设示范创建，推动县域高质量发展。"
     "现将有关情况报告如下：\n一、主要举措和成效\n全年审查规范性文件32件。\n", "city"),
    # an autonomous prefecture's own 州委 and 州政府
    ("霁州土家族苗族自治州人民政府关于2023年度法治政府建设情况的报告\n2023年，在州委、州政府的坚强领导下，全州深入推进法治政府建设。"
     "现将有关情况报告如下：\n一、主要举措和成效\n全年审查规范性文件32件。\n", "city"),
    # a publisher's line below the title over a county's report: the county's
    ("2023年度法治政府建设情况报告\n青山县司法局\n2023年，县委、县政府坚持以习近平法治思想为指导，全县上下深入推进法治政府建设。"
     "现将有关情况报告如下：\n一、主要举措和成效\n县政府常务会议会前学法12次。\n", "county"),
])
def test_a_prefectures_or_a_publishers_words_do_not_make_a_county_or_a_bureau(checker, text, level):
    assert checker.check_text(text).meta.level == level
