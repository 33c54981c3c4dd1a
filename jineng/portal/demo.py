"""Demo of the public site: stories of skilled workers and news dated 2024, written by the programme office and two
districts and published by the office through the workflow; then the course search index. Idempotent."""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from jineng.accounts.demo import demo_user
from jineng.portal.choices import ArticleKind, ArticleState
from jineng.portal.models import Article
from jineng.portal.services.articles import article_create, article_transition
from jineng.portal.services.course_index import course_index_rebuild

# (writer, kind, month, day, title, summary, body)
ARTICLES = (
    ("pudong", ArticleKind.STORY, 3, 18, "从学徒到首席技师：一位数控车工的二十年",
     "浦东某精密制造企业的数控车工王师傅，通过企业新型学徒制和技能等级认定，成长为首席技师。",
     "<p>王师傅 2004 年进厂当学徒，从普通车床做起。</p><h3>以赛促学</h3><p>他参加了五届职业技能竞赛，"
     "<strong>2023 年获得市级一类竞赛第一名</strong>，按规定晋升一级/高级技师。</p>"
     "<p>如今他带着 12 名徒弟，其中 5 人已取得高级工证书。</p>"),
    ("minhang", ArticleKind.STORY, 6, 5, "养老护理员李阿姨：把专业带进社区",
     "闵行区一名养老护理员参加补贴性培训并取得四级/中级工证书后，在社区长者照护之家带教新人。",
     "<p>李阿姨 45 岁转岗做养老护理员，参加了区里的补贴性职业技能培训。</p>"
     "<ul><li>2023 年取得五级/初级工证书</li><li>2024 年取得四级/中级工证书</li></ul>"
     "<p>她说：“学了技能，心里有底。”</p>"),
    ("office", ArticleKind.STORY, 9, 12, "集成电路装调工的“毫米”功夫",
     "一名 90 后集成电路装调工在企业技能评价中取得技师等级，享受重点支持职业补贴上浮政策。",
     "<p>在洁净车间里，装调精度以微米计。</p><blockquote>“每一步都要按规程来。”</blockquote>"
     "<p>她所在企业是本市首批自主开展技能等级认定的企业之一。</p>"),
    ("office", ArticleKind.NEWS, 2, 26, "本市印发 2024 年高技能人才队伍建设工作要点",
     "工作要点明确了全年补贴性职业技能培训、高技能人才培养和技能竞赛等目标任务。",
     "<p>市高技能人才队伍建设工作专班印发《2024 年工作要点》，明确各项任务的牵头单位和完成时限。</p>"
     "<p>详见<a href=\"https://rsj.sh.gov.cn/\">市人力资源社会保障局网站</a>。</p>"),
    ("office", ArticleKind.NEWS, 5, 20, "2024 年急需紧缺高技能人才职业（工种）目录发布",
     "目录列入智能制造、集成电路、生物医药等领域的急需紧缺职业（工种）。",
     "<p>目录内职业（工种）的技能提升补贴可按规定上浮。</p>"),
    ("pudong", ArticleKind.NEWS, 8, 8, "浦东新区职业技能月月赛八月赛项开赛",
     "本月赛项包括数控铣工、电工和养老护理员三个项目。",
     "<p>比赛分理论和实操两部分，获奖选手可按规定晋升技能等级。</p>"),
    ("office", ArticleKind.NEWS, 11, 1, "上海职业技能培训服务平台上线试运行",
     "市民可在平台上搜索培训课程、测算个人补贴、查看竞赛日历和企业技能需求。",
     "<p>平台面向市民、企业和培训机构开放，无需登录即可查询公开信息。</p>"),
)


def _at(year: int, month: int, day: int) -> datetime:
    return datetime.combine(date(year, month, day), time(10, 0), tzinfo=timezone.get_default_timezone())


def portal_demo_seed(*, year: int = 2024) -> dict[str, object]:
    office = demo_user("office")
    created = 0
    with transaction.atomic():
        for writer, kind, month, day, title, summary, body in ARTICLES:
            if Article.objects.filter(title=title, is_synthetic=True).exists():
                continue
            author = demo_user(writer)
            article = article_create(by=author, kind=kind, title=title, summary=summary, body=body)
            article_transition(article=article, action="submit", by=author)
            article_transition(article=article, action="publish", by=office)
            at = _at(year, month, day)
            Article.objects.filter(pk=article.pk).update(is_synthetic=True, created_at=at, submitted_at=at,
                                                         published_at=at)
            created += 1
    return {"文章（新增）": created,
            "已发布文章": Article.objects.filter(state=ArticleState.PUBLISHED).count(),
            "课程检索条目": course_index_rebuild()}
