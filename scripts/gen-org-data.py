#!/usr/bin/env python3
"""Writes share/csf/org.ndjson: the reference data of the organisation model
(体制). Every fact is cited by seed file and line; our own words are
marked "authored", our readings "inferred". Run from the top of the tree:
    python3 scripts/gen-org-data.py > share/csf/org.ndjson"""
import json, sys

S1 = "001_3633f32edf448c5a.txt"
S0 = "000_32462e70fb53264b.txt"
S2 = "002_b123e69759f556a5.txt"
S3 = "003_d1919e73a14a7eb9.txt"
def src(f, *lines): return "; ".join("%s:%d" % (f, l) for l in lines)
def t(ja, en): return {"ja": ja, "en": en}
out = []
def rec(**kw): out.append(kw)

# ---- the six STEPs of the 手引き Ver2.0 ----
steps = [
 (1, "サイバーセキュリティに関して「やるべきこと」の明確化", "Make clear what must be done about cybersecurity",
  [t("自社で対処すべきサイバーセキュリティリスクを認識", "Recognise the cybersecurity risks the company must deal with"),
   t("「やるべきこと（タスク）」を明確化", "Make the things to do (tasks) explicit"),
   t("ITSS+を用いたタスクの洗い出し", "List the tasks with ITSS+"),
   t("負荷が大きい部分はスモールスタートからはじめ、継続的に改善", "Start small where the load is heavy and improve continuously")],
  1334, [1327, 1328]),
 (2, "セキュリティ統括機能の検討", "Decide on the security governance function",
  [t("CISO等の経営層を補佐する「セキュリティ統括機能」の設置", "Set up a security governance function that assists the CISO and other executives"),
   t("セキュリティ統括機能の形態には大きく４つの類型 自社の状況に合わせて検討", "The function takes one of four broad types; choose for the company's situation")],
  1337, [1340, 1341]),
 (3, "サイバーセキュリティ関連タスクを担う部門・関係会社の特定・責任明確化", "Identify the departments and group companies that carry security tasks and make their responsibility clear",
  [t("ITSS＋（セキュリティ領域）を参考に、セキュリティ統括機能と連携して、関係部署や委託先が、どのような役割を担うかを明確化", "With ITSS+ as reference and together with the governance function, make clear which role each department and contractor plays"),
   t("丸投げではない適切な役割分担と、品質の担保されたサービスの選定が重要", "Divide the work properly instead of handing it all over, and choose services of assured quality")],
  1424, [1417, 1422]),
 (4, "サイバーセキュリティを主たる業務とする人材の確保", "Secure people whose main work is cybersecurity",
  [t("外部委託を積極活用していても、自社の要員として自社のサイバーセキュリティリスクを把握し、その対策を推進する立場の人材を割り当てる必要あり", "Even when outsourcing widely, assign in-house people who understand the company's cyber risk and drive its measures"),
   t("サイバーセキュリティに関する専門性を有する人材は不足状態にあり、確保には工夫が必要", "Specialists are scarce; securing them takes ingenuity")],
  1454, [1448, 1450]),
 (5, "「プラス・セキュリティ」の取組推進", "Promote Plus Security",
  [t("関連部門の人材が、サイバーセキュリティを意識し、業務遂行に伴うサイバーセキュリティ対策の実施に必要な能力を備えることができるようにする", "Let staff of related departments become security-aware and able to take the measures their own work needs"),
   t("「プラス・セキュリティ」を担う人材に自らの役割と責任の自覚を促すための意識付け", "Make the people who carry Plus Security aware of their role and responsibility")],
  1501, [1496, 1499]),
 (6, "教育プログラム・試験・資格等の活用と人材育成計画の検討", "Use training programmes, exams and qualifications, and plan people development",
  [t("各分野に求められる知識・スキルを踏まえ、教育プログラムや試験・資格の活用を検討", "Consider programmes, exams and qualifications according to the knowledge and skills each area needs"),
   t("自社に必要な人材の配置計画をもとに、キャリアデザインを含めた育成計画を検討", "Plan development, career design included, from the staffing plan the company needs")],
  1544, [1541, 1542]),
]
for no, ja, en, points, title_line, pl in steps:
    r = dict(type="org_step", id="STEP%d" % no, no=no, title=t(ja, en), points=points)
    if no == 1:
        r["chain"] = [
            dict(stage=1, name=t("サイバーセキュリティリスクの認識", "Recognise the cyber risks"),
                 examples=[t("マルウェア感染による事業停止", "Business stopped by malware"), t("認証不備による情報漏えい", "Data leak through weak authentication"), t("内部不正", "Insider wrongdoing")]),
            dict(stage=2, name=t("実現すべきサイバーセキュリティ機能の明確化", "Define the security functions to realise"),
                 examples=[t("自社のIT資産の保全", "Protect the company's IT assets"), t("異常の検知", "Detect anomalies"), t("関係者との調整", "Coordinate with the parties involved")]),
            dict(stage=3, name=t("具体的にやるべきこと（タスク）の洗い出し", "List the concrete tasks"),
                 examples=[t("IT資産における構成管理", "Configuration management of IT assets"), t("脆弱性対応の実施", "Handle vulnerabilities")]),
        ]
        r["inferred"] = ["chain.examples"]
    r["guideline"] = {1: "2.1", 2: "2.2", 3: "2.3", 4: "3.1", 5: "3.2", 6: "3.3"}[no]
    r["source"] = src(S1, title_line, *pl) + ("; " + src(S1, 1274, 1284, 1300) if no == 1 else "") + "; " + src(S1, {1: 898, 2: 908, 3: 916, 4: 931, 5: 940, 6: 949}[no])
    r["authored"] = ["title.en", "points.en"]
    rec(**r)

# ---- セキュリティ統括機能: the function's tasks ア/イ/ウ ----
for i, (id_, ja, en, line) in enumerate([
    ("a", "ア）経営層（CISO等）が行う意思決定等の補佐", "Assist the decisions executives (the CISO etc.) take", 1405),
    ("b", "イ）自らが主体となって実施する実務", "Practical work the function carries out itself", 1407),
    ("c", "ウ）他部署が主体となって実施する実務の支援", "Support for work other departments lead", 1409)]):
    rec(type="governance_task", id=id_, no=i + 1, name=t(ja, en), source=src(S1, line), authored=["name.en"])

# ---- placement (how the function is set up): 001 and 002 ch.3's four forms ----
for id_, ja, en, l1, l2 in [
    ("independent", "独立した組織として設置", "Set up as an independent unit", 975, 1410),
    ("admin", "管理部門の１機能として割当", "Assigned as a function of an administrative department", 976, 1411),
    ("is", "情シス部門の１機能として割当", "Assigned as a function of the IT department", 977, 1412),
    ("committee", "組織横断的な委員会形態で運用", "Run as a cross-organisational committee", 978, 1413)]:
    rec(type="governance_placement", id=id_, name=t(ja, en), source=src(S1, l1) + "; " + src(S2, l2), authored=["name.en"])

# ---- the four types (専門組織型/委員会型 × 集権型/連邦型) ----
forms = {"specialist": t("専門組織型", "dedicated unit"), "committee": t("委員会型", "committee")}
controls = {"central": t("集権型", "centralised"), "federated": t("連邦型", "federated")}
covers = {
    ("specialist", "central"): (["a", "b", "c"], t("専門の組織が全社の意思決定を補佐し、実務の多くを自ら担い、他部署の実務も支援する", "A dedicated unit assists executive decisions, carries much of the work itself and supports other departments' work")),
    ("specialist", "federated"): (["a", "c"], t("本社の専門組織が方針と支援を担い、実務は事業部門・グループ会社ごとのセキュリティ責任者が担う", "A head-office unit sets policy and supports; security heads in each business unit or group company do the work")),
    ("committee", "central"): (["a", "c"], t("部門横断の委員会が全社方針を決め、実務は事務局と各部門が担う", "A cross-department committee decides company-wide policy; its secretariat and the departments do the work")),
    ("committee", "federated"): (["a", "c"], t("各部門・グループ会社の代表による委員会が調整し、実務はそれぞれが担う", "A committee of representatives of departments or group companies coordinates; each does its own work")),
}
for (f, c), (cov, desc) in covers.items():
    rec(type="governance_type", id="%s-%s" % (f, c), form=f, control=c,
        name=t(forms[f]["ja"] + "・" + controls[c]["ja"], "%s, %s" % (forms[f]["en"], controls[c]["en"])),
        covers=cov, desc=desc, source=src(S1, 1341, 1343) + "; " + src(S2, 855, 861, 1089),
        authored=["name.en", "covers", "desc"])

# ---- ITSS+ example tasks of the organisation x task table (001 p.21) ----
units = [  # id, name ja/en, layer, kind, line
    ("executive", "経営層（取締役会、執行役員会議）", "Executives (board, executive committee)", "executive", "executive", 1019),
    ("audit", "内部監査部門（外部監査を含む）", "Internal audit (external audit included)", "strategic", "audit", 1038),
    ("admin", "管理部門（総務、法務、広報、調達、人事 等）", "Administrative departments (general affairs, legal, PR, procurement, HR, ...)", "strategic", "dept", 1046),
    ("security", "セキュリティ統括室", "Security governance office", "strategic", "security", 1059),
    ("planning", "経営企画部門／事業部門", "Corporate planning / business units", "strategic", "dept", 1067),
    ("digital", "デジタル部門／事業部門（ベンダーへの外注を含む）", "Digital department / business units (work given to vendors included)", "practitioner", "is", 1092),
]
for id_, ja, en, layer, kind, line in units:
    rec(type="org_unit_example", id=id_, name=t(ja, en), layer=layer, kind=kind, source=src(S1, line),
        authored=["name.en", "kind"], inferred=["layer"])
rec(type="org_unit_example", id="vendor", name=t("ITベンダー/OTベンダー/セキュリティベンダー", "IT, OT and security vendors"),
    layer="practitioner", kind="vendor", source=src(S1, 1185, 1349), authored=["name.en", "kind"], inferred=["layer"])
rec(type="org_unit_example", id="is", name=t("情シス部門（IT子会社を含む）", "IT department (IT subsidiary included)"),
    layer="practitioner", kind="is", source=src(S1, 1190, 1191), authored=["name.en", "kind"], inferred=["layer"])

X = [  # name ja, en, unit example, areas (inferred), incident, line
 ("セキュリティ意識啓発", "Security awareness", "executive", ["ITSS05", "ITSS04"], 0, 1024),
 ("対策方針指示", "Direct the security policy", "executive", ["ITSS05", "ITSS04"], 0, 1025),
 ("ポリシー・予算・実施事項承認", "Approve policy, budget and measures", "executive", ["ITSS05", "ITSS04"], 0, 1026),
 ("システム監査", "System audit", "audit", ["ITSS02"], 0, 1043),
 ("セキュリティ監査", "Security audit", "audit", ["ITSS03"], 0, 1044),
 ("ＢＣＰ対応", "Business continuity (BCP)", "admin", ["ITSS06"], 0, 1051),
 ("官公庁、法令等遵守対応", "Authorities and legal compliance", "admin", ["ITSS17"], 0, 1052),
 ("記者・広報対応", "Press and public relations", "admin", ["ITSS06"], 0, 1053),
 ("調達・契約・検収", "Procurement, contracts and acceptance", "admin", ["ITSS07"], 0, 1054),
 ("施設管理・物理セキュリティ", "Facilities and physical security", "admin", ["ITSS10"], 0, 1055),
 ("内部犯行対策", "Insider-threat measures", "admin", ["ITSS06"], 0, 1056),
 ("リスクアセスメント", "Risk assessment", "security", ["ITSS13"], 0, 1061),
 ("ポリシー・ガイドライン策定・管理", "Write and maintain policies and guidelines", "security", ["ITSS13"], 0, 1062),
 ("セキュリティ教育", "Security education", "security", ["ITSS13"], 0, 1063),
 ("社内相談対応", "Internal consultation desk", "security", ["ITSS13"], 0, 1064),
 ("インシデントハンドリング", "Incident handling", "security", ["ITSS13"], 1, 1065),
 ("事業戦略立案", "Business strategy", "planning", ["ITSS07"], 0, 1070),
 ("システム企画", "System planning", "planning", ["ITSS12"], 0, 1071),
 ("要件定義・仕様書作成", "Requirements and specifications", "planning", ["ITSS12"], 0, 1072),
 ("プロジェクトマネジメント", "Project management", "planning", ["ITSS12"], 0, 1073),
 ("セキュアシステム要件定義", "Secure system requirements", "digital", ["ITSS08"], 0, 1097),
 ("セキュアアーキテクチャ設計", "Secure architecture design", "digital", ["ITSS08"], 0, 1098),
 ("セキュアソフトウェア方式設計", "Secure software design", "digital", ["ITSS16"], 0, 1099),
 ("テスト計画", "Test planning", "digital", ["ITSS16"], 0, 1100),
 ("基本・詳細設計", "Basic and detailed design", "digital", ["ITSS16"], 0, 1102),
 ("セキュアプログラミング", "Secure programming", "digital", ["ITSS16"], 0, 1103),
 ("テスト・品質保証", "Testing and quality assurance", "digital", ["ITSS16"], 0, 1104),
 ("パッチ開発", "Patch development", "digital", ["ITSS16"], 0, 1105),
 ("脆弱性診断", "Vulnerability assessment", "digital", ["ITSS09"], 0, 1106),
 ("構成管理、運用設定", "Configuration management and settings", "digital", ["ITSS14"], 0, 1108),
 ("脆弱性対応", "Vulnerability handling", "digital", ["ITSS14", "ITSS15"], 0, 1109),
 ("セキュリティツールの導入・運用", "Deploy and run security tools", "digital", ["ITSS15"], 0, 1110),
 ("監視・検知・対応", "Monitoring, detection and response", "digital", ["ITSS15"], 1, 1111),
 ("インシデントレスポンス", "Incident response", "digital", ["ITSS15"], 1, 1112),
 ("ペネトレテスト", "Penetration testing", "digital", ["ITSS09"], 0, 1113),
 ("現場教育・管理", "On-site training and supervision", "digital", ["ITSS10"], 0, 1120),
 ("設備管理・保全", "Equipment management and maintenance", "digital", ["ITSS10"], 0, 1121),
 ("初動対応・原因究明・フォレンジック", "First response, root cause and forensics", "digital", ["ITSS15", "ITSS01"], 1, 1122),
 ("マルウェア解析", "Malware analysis", "digital", ["ITSS01"], 0, 1123),
 ("脅威・脆弱性情報の収集・分析・活用", "Collect, analyse and use threat and vulnerability information", "digital", ["ITSS01"], 0, 1125),
 ("セキュリティ理論研究", "Security theory research", "digital", ["ITSS01"], 0, 1133),
 ("セキュリティ技術開発", "Security technology development", "digital", ["ITSS01"], 0, 1134),
]
for i, (ja, en, u, areas, inc, line) in enumerate(X, 1):
    r = dict(type="itss_task", id="X%02d" % i, no=i, name=t(ja, en), unit=u, areas=areas)
    if inc: r["incident"] = True
    r["source"] = src(S1, line)
    r["authored"] = ["name.en"] + (["incident"] if inc else [])
    r["inferred"] = ["areas"]
    rec(**r)

# ---- who performs a function (seed 000) ----
for id_, ja, en, inh, line in [
    ("is", "情報システム部門", "In-house IT department", True, 1396),
    ("other", "他の社内部門（非IT部門）", "Other in-house department (not IT)", True, 1258),
    ("subsidiary", "情報システム子会社", "IT subsidiary", False, 1400),
    ("ict_vendor", "SI・ICT事業者（外注先）", "SI or ICT vendor (contractor)", False, 1289),
    ("security_vendor", "セキュリティ専門事業者", "Security specialist provider", False, 1287),
    ("none", "実施していない", "Not performed", None, 1250)]:
    r = dict(type="performer", id=id_, name=t(ja, en))
    if inh is not None: r["in_house"] = inh
    r["source"] = src(S0, line); r["authored"] = ["name.en"] + (["name.ja"] if id_ in ("other", "none") else [])
    rec(**r)

# ---- the 44 functions: the ITSS+ areas they fall in, and which answer incidents (our reading) ----
fa = {1:[13],2:[13],3:[12],4:[12],5:[16],6:[8],7:[13],8:[6],9:[6],10:[6],11:[13],12:[13],13:[7],14:[7],15:[14],
      16:[8],17:[14],18:[8],19:[8],20:[8],21:[9],22:[12],23:[14],24:[14],25:[14],26:[14],27:[14],28:[14],29:[15],
      30:[15],31:[15],32:[15],33:[14],34:[14],35:[3],36:[2],37:[15],38:[13],39:[13,15],40:[1],41:[1],42:[13],43:[14],44:[14]}
incident_f = {38, 39, 41, 43, 44}
for n in range(1, 45):
    r = dict(type="function_org", id="F%02d" % n, areas=["ITSS%02d" % a for a in fa[n]])
    if n in incident_f: r["incident"] = True
    r["source"] = src(S0, 2187) + "; csf"
    r["inferred"] = ["areas"] + (["incident"] if n in incident_f else [])
    rec(**r)

# ---- STEP3's cautions, STEP4's ways to get people, STEP5's examples ----
for id_, ja_t, en_t, ja, en, lines in [
    ("division", "部署間での役割分担", "Division of roles between departments",
     "割当先部署に責任に伴う権限がない場合、他部署による協力が十分に得られず、対策が形骸化",
     "If the department given a task lacks the authority its responsibility needs, other departments will not cooperate and the measures become hollow", [1431, 1432, 1434]),
    ("incident", "インシデント対応に備えた機能の確保", "Functions ready for incident response",
     "組織内の情報システム等に加え、制御系システムの運用、顧客に販売した製品やサービスでのインシデント対応も視野に",
     "Cover incidents in control systems (OT) and in products and services sold to customers, not only the internal IT systems", [1438, 1439, 1441]),
    ("sourcing", "自社実施と外部委託の切り分け", "Splitting in-house work from outsourcing",
     "戦略マネージメント層以上で決定", "Decided at the strategic-management layer or above", [1445, 1446])]:
    rec(type="org_caution", id=id_, title=t(ja_t, en_t), text=t(ja, en), source=src(S1, *lines), authored=["title.en", "text.en"])

for i, (ja, en, line) in enumerate([
    ("リスクマネジメントや経営管理に関する業務経験を有する人材の配置転換及び育成", "Transfer and train people experienced in risk management or business administration", 1466),
    ("ITの管理・運用に関する業務経験を有する人材の配置転換及び育成", "Transfer and train people experienced in IT administration and operations", 1474),
    ("セキュリティ対策関連の業務経験を有する人材の中途採用", "Hire mid-career people with security work experience", 1482),
    ("セキュリティを専門とする教育機関を修了した人材の新卒採用", "Hire new graduates of security-specialised schools", 1486),
    ("兼業や副業で従事する人材の活用", "Use people working for the company as a second job or side job", 1492)], 1):
    rec(type="acquisition", id="A%d" % i, no=i, name=t(ja, en), source=src(S1, line), authored=["name.en"])

for i, (ja, en, rja, ren, areas, l1, l2) in enumerate([
    ("クラウドを活用した新規事業を立ち上げるプロジェクトの企画担当者", "Planner of a project launching a cloud-based business",
     "目的にそぐわない不適切なクラウドを選定することや、シャドークラウド化による情報漏えいリスク", "Choosing an unsuitable cloud, or data leaks through shadow cloud use", ["ITSS07", "ITSS12"], 1509, 1530),
    ("製品設計において組込ソフトウェアの機能仕様を設計する担当者", "Designer of embedded-software functions in product design",
     "製品にサイバー攻撃に対する脆弱性を生じさせるリスク", "Building vulnerabilities to cyber attack into the product", ["ITSS16"], 1516, 1534),
    ("自社の電話、インターネット設備、複合機等の保守契約を扱う総務担当者", "General-affairs staff handling maintenance contracts for phones, internet equipment and multifunction printers",
     "不適切な設定のまま運用してしまうことによる、当該機器を介した情報漏えいリスク", "Data leaks through devices left running with unsuitable settings", ["ITSS07", "ITSS10"], 1521, 1537)], 1):
    rec(type="plus_security_example", id="P%d" % i, no=i, who=t(ja, en), risk=t(rja, ren), areas=areas,
        source=src(S1, l1, l2), authored=["who.en", "risk.en"], inferred=["areas"])

# ---- the xSIRT catalogue (seed 003) ----
caveat = t("以下は各xSIRTと呼ばれるものの機能的な面を中心に整理を試みたものであり、企業・組織内にそれぞれ別個に体制として設ける必要性を示すものではない",
           "These are functions: the catalogue does not mean each must be a separate unit in the organisation")
X3 = [
 ("CSIRT", "CSIRT（組織内CSIRT）", "Computer Security Incident Response Team", None, "it",
  t("組織内の業務運営に用いるコンピュータやネットワークといった情報システムの安定稼働とそこで取り扱われる情報保護", "Stable operation of the internal IT systems and protection of the information in them"),
  t("インシデントの検知や受付を経て、その原因分析や影響範囲の調査、問題への対応、復旧を行う。平常時には、パッチ適用などの脆弱性対応、従業員への普及啓発・注意喚起なども担う", "Detects or receives incidents, analyses cause and impact, responds and recovers; in normal times handles vulnerabilities such as patching and raises staff awareness"),
  t("情報システム部門やIT部門と呼ばれる部署に設置されることが多い", "Usually placed in the IT department"),
  t("大きな組織では、数名から十数名の人員を配置することが多い。ユーザ企業では他の業務と兼務となる場合が多い", "Large organisations staff it with a few to over ten people; in user companies members often hold it besides other work"),
  [t("ユーザ企業を中心にIT・セキュリティ人材への不足感がある。中小企業など経営リソース（資金、人）に限りのある場合がある", "IT and security people are felt to be short, above all in user companies; SMEs may have little money and few people")],
  [152, 161, 171, 177, 180, 273, 277, 355]),
 ("PSIRT", "PSIRT", "Product Security Incident Response Team", "sells_connected_products", "products",
  t("顧客に販売されネットワークに接続された製品および顧客の安全確保・情報保護", "Safety and information protection of network-connected products sold to customers, and of those customers"),
  t("CSIRTと分担・連携しつつ、製品に係る原因分析や影響範囲の調査、問題への対応、復旧を行う。製品の顧客へのパッチ提供や対策支援等の脆弱性対応も行う", "Shares the work with the CSIRT: analyses, responds to and recovers from product incidents; ships patches and helps customers with vulnerabilities"),
  t("事業部門ごとに、製品開発や品質管理を担う部署と連携する部署として設置されることが多い", "Usually one per business unit, beside product development and quality assurance"),
  t("事業部門毎に数名の人員を配置することがみられる。全組織的に統括的なPSIRTでは、事業部門とは別途、数名程度配置", "A few people per business unit; an organisation-wide PSIRT has a few more of its own"),
  [t("事業部門とIT・セキュリティの両方の知識を備えた人材は極めて少なく、確保が困難", "People who know both the business and IT security are very few and hard to get"),
   t("部品のサプライヤとの間で、セキュリティ確保のための連携体制の構築が必要", "A joint set-up with component suppliers is needed")],
  [191, 197, 206, 213, 295, 307, 364, 367]),
 ("DSIRT", "DSIRT/SSIRT", "Digital Service Security Incident Response Team", "digital_services", "services",
  t("顧客が利用するデジタル・サービスの継続的提供・品質維持および顧客の資産保護・情報保護", "Continuity and quality of the digital services customers use, and protection of customers' assets and information"),
  t("各事業部門を横断的・俯瞰的に確認し、事業部門に対して実務的な助言・支援を行う。サービス企画時のサービスリスク分析、不正を検知する監視ロジックの設計・更新支援、大規模サービスインシデント発生時の対応", "Looks across the business units and advises them: service risk analysis at planning, help with fraud-detection logic, response to large service incidents"),
  t("デジタル・サービスを提供する事業部門と横並びの独立部署、もしくは、各事業部門のセキュリティ担当を集めたバーチャル組織", "An independent unit beside the service business units, or a virtual team of their security staff"),
  t("一部の先進的な取組を行う企業で設置がみられる。サービスが複数でも類似する場合には、人員の増加は少ない", "Seen in a few advanced companies; similar services add few people"),
  [t("広範囲に渡るサービスリスク分析などこれまでよりも高度なリスク管理業務を行う専門的知見・人材の蓄積が少ない", "Little accumulated expertise for the wider, harder service risk analysis"),
   t("事業部門横断的な組織・調整機能が必要なため、経営層や経営企画部門が問題意識をもって取り組むことが不可欠", "Needs cross-business coordination, so executives and corporate planning must own it")],
  [226, 232, 241, 248, 250, 313, 376, 395]),
 ("FSIRT", "FSIRT", "Factory Security Incident Response Team", "factories", "ot",
  t("自社の工場や生産ラインの安定稼働や作業員の安全確保", "Stable operation of the company's factories and production lines and the safety of workers"),
  t("サイバー攻撃の監視・対処を行う", "Monitors and handles cyber attacks"),
  t("生産管理部門に設置される場合もある", "Sometimes placed in production management"),
  None, [], [256, 257]),
]
for id_, ja, en, flag, domain, scope, act, place, scale, ch, lines in X3:
    r = dict(type="xsirt", id=id_, name=t(ja, en), covers=domain)
    if flag: r["when"] = flag
    r.update(scope=scope, activities=act, placement=place)
    if scale: r["scale"] = scale
    r["challenges"] = ch
    r["caveat"] = caveat
    r["source"] = src(S3, *lines) + "; " + src(S3, 261, 262)
    r["authored"] = ["name.en", "scope.en", "activities.en", "placement.en", "scale.en", "challenges.en", "caveat.en", "covers"] + (["when"] if flag else [])
    rec(**r)

# ---- practice notes from 002 ch.3 (user-company interviews) ----
for id_, ja, en, line in [
    ("outsourcing", "24時間365日の運用が必要なSOCや専門技術が必要な業務が外部委託する傾向。外部委託のルールは基本的なもので、選定基準は設けていないとの意見もある",
     "SOC work that must run 24/365 and work needing special skills tend to be outsourced; some firms have only basic outsourcing rules and no selection criteria", 826),
    ("csirt-staffing", "CSIRTのメンバーは事業部門、総務部門、IT部門、情報子会社等の実務リーダー8名で全員兼務。活動するのは重大インシデント発生時のみ",
     "One CSIRT: eight working leads from business, general affairs, IT and the IT subsidiary, all part-time, active only in major incidents", 813),
    ("federated", "事業拡大に伴い集中型から連邦型に転換。各統括本部にセキュリティ責任者を置いて階層的な管理としている",
     "With business growth, a move from centralised to federated, with a security head in each business headquarters", 855),
    ("ot", "IoT、工場系システムは生産本部が統制しITが支援しているケースが多い。商品開発のセキュリティは品質管理の中でチェックしている",
     "IoT and factory systems are usually governed by production headquarters with IT support; product security is checked within quality control", 836)]:
    rec(type="org_practice", id=id_, text=t(ja, en), source=src(S2, line), authored=["text.en"])

# ---- the rules csf-gap applies, and the actions csf-plan proposes ----
rules = [
 ("unowned", "high", "担当（実施主体）のないタスク", "Task with no owner",
  "対象のタスクを自ら実施するか委託する部署がない（支援のみ、または誰もいない）", "No unit carries out or outsources the task (support only, or nobody)",
  src(S1, 1320, 1417), ["text"]),
 ("unsupervised-outsourcing", "high", "管理監督者のいない外部委託（丸投げ）", "Outsourcing without an in-house supervisor",
  "丸投げではない適切な役割分担: 外部委託したタスクに社内の管理監督者がいない", "Not handing work over wholesale: an outsourced task has no in-house supervisor",
  src(S1, 1422) + "; " + src(S0, 1316, 1318), ["text"]),
 ("no-authority", "medium", "責任に見合った権限がない（形骸化）", "Owner without matching authority",
  "割当先部署に責任に伴う権限がない場合、他部署による協力が十分に得られず、対策が形骸化", "A department given a task without matching authority gets too little cooperation and the measures become hollow",
  src(S1, 891, 1431, 1434), ["text.en"]),
 ("incident-scope", "high", "インシデント対応の範囲不足", "Incident response does not cover the whole business",
  "制御系システムの運用、顧客に販売した製品やサービスでのインシデント対応も視野に", "Incident response must also cover control systems and products and services sold",
  src(S1, 1438, 1441) + "; " + src(S3, 191, 226, 257), ["text.en"]),
 ("no-inhouse-primary", "high", "セキュリティを主たる業務とする社内人材がいない", "No in-house person for a security-primary area",
  "外部委託を積極活用していても、自社の要員として自社のリスクを把握し対策を推進する立場の人材を割り当てる必要あり", "Even when outsourcing, in-house people must understand the risk and drive the measures",
  src(S1, 1448, 1456), ["text.en"]),
 ("overload", "medium", "兼務の過多", "Too many tasks on one unit or person",
  "一つの部署または一人が基準を超える数のタスクを担っている（基準は --overload で変えられる）", "One unit or person holds more tasks than the threshold (set with --overload)",
  src(S0, 1341, 1343) + "; " + src(S2, 813), ["text", "threshold"]),
 ("plus-security", "medium", "プラス・セキュリティの担い手が評価されていない", "No Plus Security person assessed in a unit with security tasks",
  "セキュリティ関連タスクを担う部署に、評価を受けた人がいない", "A unit that owns or supports security tasks has nobody assessed for them",
  src(S1, 1496, 1499, 1501), ["text"]),
 ("departs-from-model", "low", "標準的な機能分化モデルとの相違", "Departs from the standard distribution model",
  "同じ区分の組織の多数と異なる担い方をしている", "The organisation carries the task differently from most organisations of its group",
  src(S0, 1400, 1402), ["text"]),
]
for id_, sev, tja, ten, ja, en, s, auth in rules:
    r = dict(type="org_rule", id=id_, severity=sev, title=t(tja, ten), text=t(ja, en))
    if id_ == "overload": r["threshold"] = 10
    r["source"] = s; r["authored"] = ["severity", "title"] + auth
    rec(**r)

acts = [
 ("unowned", "appoint-owner", "{task}の担当部署を決め、実施か委託かを戦略マネジメント層以上で決める", "Name the unit that owns {task}; decide at strategic-management level or above whether to do it in-house or outsource it", src(S1, 1445, 1446)),
 ("unsupervised-outsourcing", "appoint-supervisor", "{task}の委託先（{units}）を管理監督する社内の部署を任命する", "Appoint an in-house unit to supervise {units} on {task}", src(S0, 1316, 1318)),
 ("unsupervised-outsourcing", "choose-service", "品質の担保されたサービスを選定する（情報セキュリティサービス基準適合サービスリスト等）", "Choose services of assured quality (e.g. the list of services meeting the information security service standards)", src(S1, 1422) + "; " + src(S2, 1395)),
 ("no-authority", "give-authority", "{units}に{task}の責任に見合った権限を与える", "Give {units} the authority its responsibility for {task} needs", src(S1, 891, 1431)),
 ("incident-scope", "set-up-xsirt", "{xsirt}の機能を設ける（別組織でなくてもよい）", "Set up the {xsirt} function (it need not be a separate unit)", src(S3, 261, 262)),
 ("no-inhouse-primary", "get-people", "{task}を担う社内人材を確保する: {ways}", "Secure in-house people for {task}: {ways}", src(S1, 1454, 1462)),
 ("overload", "spread-load", "{units}の兼務を減らす: タスクを他部署へ移すか、人を増やす", "Reduce {units}' load: move tasks to other units or add people", src(S0, 1341)),
 ("plus-security", "plus-security", "{units}の担当者に「プラス・セキュリティ」の評価と育成を行い、役割と責任の自覚を促す", "Assess and train {units}' staff for Plus Security and make them aware of their role and responsibility", src(S1, 1496, 1499)),
 ("departs-from-model", "review-model", "{task}の担い方を同じ区分の多数の組織と比べて見直す", "Review how {task} is carried, against most organisations of the group", src(S0, 1400, 1402)),
 ("xsirt", "set-up-csirt", "{xsirt}の機能を設ける（別組織でなくてもよい）", "Set up the {xsirt} function (it need not be a separate unit)", src(S3, 261, 262)),
 ("governance", "governance", "CISO等の経営層を補佐する「セキュリティ統括機能」を設ける（4つの類型から選ぶ）", "Set up a security governance function assisting the CISO (choose one of the four types)", src(S1, 1340, 1341)),
]
for rule, id_, ja, en, s in acts:
    rec(type="org_action", id=id_, rule=rule, text=t(ja, en), source=s, authored=["text"])

for r in out:
    sys.stdout.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
