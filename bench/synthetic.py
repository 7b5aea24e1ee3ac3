"""A synthetic news corpus: institutions, officials and the articles that name them.

For load and performance work: realistic sizes and shapes, nothing true. Plain Python,
no Django import. Everything is drawn from ``random.Random`` seeded with strings derived
from one seed, so the same seed always gives the same world and the same articles, and
article ``n`` does not depend on which process wrote articles ``0..n-1``.

Dates: appointments are laid out before ``ANCHOR`` (a fixed day); an article carries only
its age in seconds, which the caller turns into a publication time (e.g. now - age).
"""

import datetime
import random
from dataclasses import dataclass, field

ANCHOR = datetime.date(2026, 1, 1)
ARTICLE_MAX_AGE = 3 * 365 * 24 * 3600
MIN_WORDS, MAX_WORDS = 500, 2000

INSTITUTION, OFFICIAL = "institution", "official"


def _words(text):
    """A word list written as prose; a hyphen joins a multi-word name."""
    return tuple(word.replace("-", " ") for word in text.split())


# --- names ---------------------------------------------------------------------------

KAZAKH_GIVEN_MALE = _words(
    "Yerlan Askar Nurlan Marat Timur Daulet Serik Yerzhan Aidos Berik Kanat Bakhytzhan "
    "Zhanibek Arman Olzhas Dauren Yerbol Sayasat Almas Ruslan Talgat Azamat Yerkin Nurzhan"
)
KAZAKH_GIVEN_FEMALE = _words(
    "Aigerim Dana Gulnar Zhanar Madina Saule Aizhan Dinara Gaukhar Aliya Kamila Laura Assel "
    "Togzhan Akmaral Zhuldyz Aruzhan"
)
KAZAKH_ROOTS = _words(
    "Serik Nurbek Askar Bekmukhamed Zhaksylyk Tolegen Amanzhol Yesen Baimukhan Kassym Utemis "
    "Ospan Zhumabek Sarsen Kairat Mukhtar Abil Dossym Kenzhe Orazal Tursyn Batyrkhan "
    "Shaimerden Karim Suleimen Bekbolat Tokhtar Sagyndyk Mamyr Akhmet Baurzhan Kuanysh "
    "Myrzakhmet Zhandos Temir Kali Abdrakhman Yessim Nauryzbay Shalabay Kozhakhmet Aubakir "
    "Izbasar Beisen Zhakup Rakhim Taizhan"
)
KAZAKH_FIRST_PARTS = _words(
    "Bek Nur Zhan Ak Kara Sary Tole Yer Ab As Ai Bai Dos Zhu Kul Or Sul Tas Us Mukh Tur Zhol "
    "Amir Ermek Kuan"
)
KAZAKH_SECOND_PARTS = _words(
    "bek bay gali zhan mukhamed tay khan bol sultan kul ali gul baty zhar mash kozha bergen "
    "temir daulet"
)
RUSSIAN_GIVEN_MALE = _words(
    "Sergei Alexei Dmitry Andrei Mikhail Nikolai Vladimir Igor Pavel Yuri Oleg Viktor "
    "Konstantin Roman Maxim"
)
RUSSIAN_GIVEN_FEMALE = _words("Olga Natalia Yelena Irina Tatiana Svetlana Marina Anna Yekaterina")
RUSSIAN_SURNAMES = _words(
    "Ivanov Petrov Smirnov Kuznetsov Volkov Sokolov Morozov Lebedev Kozlov Novikov Pavlov "
    "Semenov Golubev Vinogradov Bogdanov Vorobyov Fedorov Mikhailov Belyaev Tarasov Belov "
    "Komarov Orlov Kiselev Makarov Andreev Kovalev Gusev Titov Kuzmin Kudryavtsev Baranov "
    "Kulikov Stepanov Yakovlev Sorokin Romanov Zakharov Borisov Korolev Gerasimov Ponomarev "
    "Grigoriev Lazarev Ershov Nikitin"
)
CHINESE_SURNAMES = {
    "Wang": "王", "Li": "李", "Zhang": "张", "Liu": "刘", "Chen": "陈", "Yang": "杨",
    "Zhao": "赵", "Huang": "黄", "Zhou": "周", "Wu": "吴", "Xu": "徐", "Sun": "孙",
    "Ma": "马", "Zhu": "朱", "Hu": "胡", "Guo": "郭", "He": "何", "Lin": "林", "Gao": "高",
    "Luo": "罗", "Zheng": "郑", "Song": "宋", "Tang": "唐", "Han": "韩", "Feng": "冯",
}  # fmt: skip
CHINESE_SYLLABLES = {
    "wei": "伟", "fang": "芳", "jian": "建", "guo": "国", "ming": "明", "hua": "华",
    "hai": "海", "yan": "燕", "lei": "磊", "jun": "军", "xiao": "小", "hong": "红",
    "ping": "平", "qiang": "强", "li": "丽", "jie": "杰", "tao": "涛", "yong": "勇",
    "bin": "斌", "lan": "兰", "xin": "新", "yu": "宇", "hui": "辉", "dong": "东",
    "zhi": "志", "wen": "文", "peng": "鹏", "chao": "超", "qing": "青", "feng": "峰",
}  # fmt: skip

# Common alternative romanisations: each pair gives a variant spelling of a name.
VARIANTS = (
    ("Yer", "Er"), ("Ye", "E"), ("zh", "j"), ("Zh", "J"), ("kh", "h"), ("Kh", "H"),
    ("ei", "ey"), ("ia", "ya"), ("yu", "iu"), ("Yu", "Iu"), ("ov", "off"), ("ss", "s"),
    ("dy", "di"),
)  # fmt: skip
CYRILLIC = {
    "shch": "щ", "zh": "ж", "kh": "х", "ts": "ц", "ch": "ч", "sh": "ш", "ya": "я",  # noqa: RUF001
    "yu": "ю", "ye": "е", "yo": "ё", "a": "а", "b": "б", "v": "в", "g": "г", "d": "д",  # noqa: RUF001
    "e": "е", "z": "з", "i": "и", "y": "ы", "k": "к", "l": "л", "m": "м", "n": "н",  # noqa: RUF001
    "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "f": "ф", "h": "х",  # noqa: RUF001
    "c": "к", "j": "дж", "q": "к", "w": "у", "x": "кс",  # noqa: RUF001
}  # fmt: skip

# --- places and institutions -----------------------------------------------------------

KAZAKH_CITIES = _words(
    "Astana Almaty Shymkent Karaganda Aktobe Taraz Pavlodar Oskemen Semey Atyrau Kostanay "
    "Kyzylorda Oral Petropavl Aktau Temirtau Turkistan Kokshetau Taldykorgan Ekibastuz "
    "Rudny Zhezkazgan Balkhash Satpayev Kentau Konaev Stepnogorsk Aksu Ridder Zhanaozen"
)
CHINESE_CITIES = _words(
    "Tianjin Beijing Shanghai Urumqi Xi'an Chongqing Chengdu Wuhan Harbin Lanzhou Shenzhen "
    "Nanjing Hangzhou Qingdao Dalian Kashgar Yinchuan Kunming"
)
REGIONS = _words(
    "Akmola Aktobe Almaty Atyrau Abai Jetisu Ulytau Mangystau Pavlodar Kostanay Kyzylorda "
    "Turkistan Zhambyl Karaganda East-Kazakhstan West-Kazakhstan North-Kazakhstan"
)
COUNTRY_OF_CITY = {
    **dict.fromkeys(KAZAKH_CITIES, "Kazakhstan"),
    **dict.fromkeys(CHINESE_CITIES, "China"),
}
MINISTRY_AREAS = {
    "Education": "Министерство просвещения",
    "Science and Higher Education": "Министерство науки и высшего образования",
    "Health": "Министерство здравоохранения",
    "Finance": "Министерство финансов",
    "Energy": "Министерство энергетики",
    "Agriculture": "Министерство сельского хозяйства",
    "Justice": "Министерство юстиции",
    "Foreign Affairs": "Министерство иностранных дел",
    "Defence": "Министерство обороны",
    "Internal Affairs": "Министерство внутренних дел",
    "Labour and Social Protection": "Министерство труда и социальной защиты",
    "Culture and Information": "Министерство культуры и информации",
    "Digital Development": "Министерство цифрового развития",
    "Trade and Integration": "Министерство торговли и интеграции",
    "Transport": "Министерство транспорта",
    "Ecology and Natural Resources": "Министерство экологии и природных ресурсов",
    "Industry and Construction": "Министерство промышленности и строительства",
    "Tourism and Sports": "Министерство туризма и спорта",
    "Emergency Situations": "Министерство по чрезвычайным ситуациям",
    "National Economy": "Министерство национальной экономики",
    "Water Resources and Irrigation": "Министерство водных ресурсов и ирригации",
}
FOREIGN_MINISTRY_COUNTRIES = ("Uzbekistan", "Kyrgyzstan", "Tajikistan", "China")
AGENCY_AREAS = (
    "Strategic Planning and Reforms",
    "Civil Service Affairs",
    "Financial Monitoring",
    "Protection and Development of Competition",
    "Regulation of the Financial Market",
    "Atomic Energy",
    "Statistics",
    "Vocational Qualifications",
    "Skills Development",
    "Quality Assurance in Education",
    "Investment Promotion",
    "Export Support",
    "Geology and Subsoil Use",
    "Road Safety",
    "Public Procurement",
    "Migration",
    "Sanitary Control",
    "Youth Policy",
    "Space Research",
    "Standardisation and Metrology",
)
AGENCY_FORMS = ("Agency for {}", "Committee for {}", "National Centre for {}", "Council for {}")
UNIVERSITY_FORMS = (
    "{} State University",
    "{} Technical University",
    "{} Polytechnic College",
    "{} Higher College of Technology",
    "{} University of Economics",
    "{} Medical University",
    "{} Pedagogical University",
    "{} Agrarian University",
)
CHINESE_COLLEGE_FORMS = (
    "{} Vocational College",
    "{} Polytechnic University",
    "{} Light Industry Vocational Technical College",
    "{} Transportation Technical College",
)
CHAMBERS = (  # name, native name and its language, other English names
    ("Mazhilis", "Мажилис", "ru", ("Mazhilis of the Parliament",)),
    ("Senate of Kazakhstan", "Сенат", "ru", ("Kazakh Senate",)),
    ("Parliament of Kazakhstan", "Парламент Казахстана", "ru", ()),
    ("Oliy Majlis", "Олий Мажлис", "ru", ("Uzbek Parliament",)),
    ("Jogorku Kenesh", "Жогорку Кенеш", "ru", ("Kyrgyz Parliament",)),
    ("National People's Congress", "全国人民代表大会", "zh", ("NPC",)),
)
COMPANY_PREFIXES = _words(
    "Kaz Samruk Astana Altyn Nur Tengri Jetisu Sary Ak Kok Steppe Caspian Baiterek Qazaq "
    "Turan Kazakh Aral Irtysh Ural Orda Zhas Saryarka Tumar"
)
COMPANY_INDUSTRIES = _words(
    "Gas Oil Energo Telecom Zoloto Agro Trans Metal Chem Build Pharma Logistics Invest Tech "
    "Mining Grain Rail Power Steel"
)
COMPANY_SUFFIXES = ("JSC", "LLP", "Holding", "Group")
CHINESE_INDUSTRIES = (
    "Heavy Machinery",
    "Rail Transit",
    "New Energy",
    "Pipeline Engineering",
    "Intelligent Manufacturing",
    "Construction",
    "Agricultural Equipment",
    "Electric Power",
)
POSTS = {
    "ministry": ("Minister", "Vice Minister", "Executive Secretary"),
    "chamber": ("Chair", "Deputy Chair"),
    "agency": ("Chair", "Deputy Chair"),
    "government": ("Akim", "Deputy Akim"),
    "university": ("Rector", "Vice-Rector"),
    "college": ("Director", "Deputy Director"),
    "workshop": ("Director",),
    "company": ("Chief Executive", "Chairman of the Board"),
}
# (classification, weight) of the institutions a world is made of.
INSTITUTION_MIX = (
    ("ministry", 12),
    ("agency", 14),
    ("chamber", 6),
    ("government", 14),
    ("university", 22),
    ("college", 8),
    ("workshop", 8),
    ("company", 16),
)
OFFICIAL_SHARE = 0.6

# --- prose ---------------------------------------------------------------------------

TOPICS = {
    "vocational training": (
        "vocational training programme",
        "dual-education scheme",
        "Lu Ban workshop",
        "apprenticeship track",
        "skills certification",
        "training laboratory",
    ),
    "energy": ("power plant", "gas pipeline", "grid upgrade", "wind farm", "coal phase-out"),
    "the budget": ("spending review", "budget amendment", "tax reform", "subsidy scheme"),
    "healthcare": ("regional hospital", "vaccination campaign", "clinic network"),
    "digitalisation": ("e-government portal", "data centre", "digital ID rollout"),
    "agriculture": ("grain terminal", "irrigation project", "livestock programme"),
    "transport": ("rail corridor", "logistics hub", "highway section", "airport terminal"),
    "water": ("canal reconstruction", "water-saving programme", "reservoir repair"),
    "trade": ("free-trade zone", "export agreement", "border crossing", "customs reform"),
}
HEADINGS = (
    "Background",
    "What happens next",
    "Funding",
    "Reaction",
    "Regional impact",
    "The numbers",
    "Criticism",
    "Timeline",
    "Cooperation with partners",
    "Questions that remain",
    "How it works",
)
MONTHS = _words(
    "January February March April May June July August September October November December"
)
VERBS_PAST = (
    "announced",
    "confirmed",
    "approved",
    "presented",
    "discussed",
    "outlined",
    "criticised",
    "welcomed",
    "reviewed",
    "signed off on",
)
ADJECTIVES = ("new", "long-delayed", "ambitious", "pilot", "revised", "joint", "regional")
QUOTES = (
    "We have to train people for the jobs that exist, not the jobs of twenty years ago",
    "The money is there; what we need now is discipline in how it is spent",
    "This is a long-term investment, and the results will not be visible overnight",
    "Our partners have kept every promise so far, and we intend to do the same",
    "Nobody should expect miracles in the first year",
    "The regions must not be left behind while the capital moves ahead",
    "We will publish the figures every quarter so that anyone can check them",
    "Graduates are already finding work at plants across the country",
    "We are not going to stop halfway",
    "The first results are encouraging, but the real test comes next year",
)
SOURCES = (
    ("Kazinform", "inform.kz"),
    ("Tengrinews", "tengrinews.kz"),
    ("The Astana Times", "astanatimes.com"),
    ("Kapital.kz", "kapital.kz"),
    ("Inbusiness.kz", "inbusiness.kz"),
    ("Vlast.kz", "vlast.kz"),
    ("Xinhua", "xinhuanet.com"),
    ("24.kz", "24.kz"),
    ("Newsroom staff", ""),
)
REPORTERS = (
    "Aliya Nurpeisova",
    "Daniyar Kassenov",
    "Marina Sokolova",
    "Li Qing",
    "Ruslan Ospanov",
    "Zhanna Akhmetova",
    "Timur Baimukhanov",
    "Elena Grigorieva",
)


@dataclass
class EntitySpec:
    index: int
    kind: str
    name: str
    aliases: list = field(default_factory=list)  # (name, alias kind, language)
    classification: str = ""
    city: str = ""
    country: str = ""
    founded: datetime.date | None = None
    parent: int | None = None  # index of the parent institution
    given_name: str = ""
    family_name: str = ""
    female: bool = False
    short: str = ""  # how prose names it once introduced

    @property
    def summary(self):
        if self.kind == OFFICIAL:
            return f"{self.name} is a public official."
        where = ", ".join(part for part in (self.city, self.country) if part)
        kind = self.classification.replace("government", "regional administration")
        return f"A {kind} in {where}." if where else f"A {kind}."

    def spellings(self, kind):
        return [name for name, alias_kind, _ in self.aliases if alias_kind == kind]


@dataclass(frozen=True)
class PostSpec:
    institution: int
    label: str


@dataclass(frozen=True)
class AppointmentSpec:
    official: int
    post: int
    start_date: datetime.date
    end_date: datetime.date | None


@dataclass
class World:
    entities: list[EntitySpec]
    posts: list[PostSpec]
    appointments: list[AppointmentSpec]
    roles: dict = field(default_factory=dict)  # official index -> latest appointment

    @property
    def institutions(self):
        return [e for e in self.entities if e.kind == INSTITUTION]

    @property
    def officials(self):
        return [e for e in self.entities if e.kind == OFFICIAL]


@dataclass(frozen=True)
class ArticleSpec:
    title: str
    dek: str
    body: str
    byline: str
    source_name: str
    source_url: str
    age_seconds: int  # how long before the run's time it was published


# --- the world -----------------------------------------------------------------------


def make_world(seed, count, *, taken_names=()):
    """``count`` entities (about 60% officials), their posts and appointments.

    Names in ``taken_names`` (casefolded) are avoided, so a world can join a registry.
    """
    rng = random.Random(f"{seed}:world")
    taken = {name.casefold() for name in taken_names}
    entities = []
    institutions_wanted = count - round(count * OFFICIAL_SHARE)
    if count and not institutions_wanted:
        institutions_wanted = 1  # officials need somewhere to hold office
    makers = [kind for kind, _ in INSTITUTION_MIX]
    weights = [weight for _, weight in INSTITUTION_MIX]
    attempts = 0
    while len(entities) < institutions_wanted:
        attempts += 1
        classification = rng.choices(makers, weights)[0]
        spec = _institution(rng, classification, entities)
        if spec and spec.name.casefold() in taken and attempts > 20 * institutions_wanted:
            # A world larger than the name patterns allow: number the branches.
            spec.name = f"{spec.name} (branch {attempts})"
        if spec and spec.name.casefold() not in taken:
            taken.add(spec.name.casefold())
            spec.index = len(entities)
            entities.append(spec)
    surnames = set()
    while len(entities) < count:
        spec = _official(rng)
        # Most officials of a registry have a surname of their own; some share one, and
        # their surname alone only ever suggests a link.
        shared = spec.family_name in surnames and rng.random() < 0.9
        if spec.name.casefold() not in taken and not shared:
            taken.add(spec.name.casefold())
            surnames.add(spec.family_name)
            spec.index = len(entities)
            entities.append(spec)
    _dedupe_aliases(entities)
    posts, appointments = _careers(rng, entities)
    world = World(entities, posts, appointments)
    for appointment in appointments:  # in date order per official: the last one wins
        world.roles[appointment.official] = appointment
    return world


def _institution(rng, classification, entities):
    city = rng.choice(KAZAKH_CITIES)
    spec = EntitySpec(0, INSTITUTION, "", classification=classification, city=city)
    spec.founded = datetime.date(rng.randint(1930, 2018), rng.randint(1, 12), rng.randint(1, 28))
    if classification == "ministry":
        area = rng.choice(list(MINISTRY_AREAS))
        country = rng.choice(("Kazakhstan",) * 4 + FOREIGN_MINISTRY_COUNTRIES)
        short_area = area.split(" and ")[0]
        if country == "Kazakhstan":
            spec.name = f"Ministry of {area}"
            spec.aliases.append((MINISTRY_AREAS[area], "name", "ru"))
            spec.aliases.append((f"{short_area} Ministry", "short", "en"))
            spec.city = "Astana"
        else:
            spec.name = f"Ministry of {area} of {country}"
            spec.aliases.append((f"{_demonym(country)} {short_area} Ministry", "short", "en"))
            spec.city = ""
        spec.short = "the ministry"
        spec.country = country
        spec.founded = datetime.date(rng.randint(1991, 2023), rng.randint(1, 12), 1)
    elif classification == "agency":
        spec.name = rng.choice(AGENCY_FORMS).format(rng.choice(AGENCY_AREAS))
        spec.short = "the " + spec.name.split()[0].lower()
        spec.city = "Astana"
    elif classification == "chamber":
        if rng.random() < 0.3:
            name, native, language, others = rng.choice(CHAMBERS)
            spec.name = name
            spec.aliases.append((native, "name", language))
            spec.aliases += [(other, "short", "en") for other in others]
            spec.short = "the chamber"
        else:
            place = rng.choice((*REGIONS, *KAZAKH_CITIES))
            level = "Regional" if place in REGIONS else "City"
            spec.name = f"{place} {level} Maslikhat"
            spec.aliases.append((f"{place} maslikhat", "short", "en"))
            spec.short = "the maslikhat"
    elif classification == "government":
        if rng.random() < 0.8:
            region = rng.choice((*REGIONS, *KAZAKH_CITIES))
            if region in REGIONS:
                spec.name = f"Akimat of {region} Region"
                spec.aliases.append((f"{region} regional administration", "short", "en"))
            else:
                spec.name = f"Akimat of {region}"
                spec.aliases.append((f"{region} city administration", "short", "en"))
                spec.city = region
            spec.short = "the akimat"
        else:
            spec.city = rng.choice(CHINESE_CITIES)
            spec.name = f"{spec.city} Municipal People's Government"
            spec.aliases.append((f"{spec.city} government", "short", "en"))
            spec.short = "the municipal government"
    elif classification in ("university", "college"):
        chinese = classification == "college" and rng.random() < 0.6
        spec.city = rng.choice(CHINESE_CITIES if chinese else KAZAKH_CITIES)
        forms = CHINESE_COLLEGE_FORMS if chinese else UNIVERSITY_FORMS
        spec.name = rng.choice(forms).format(spec.city)
        spec.short = "the college" if "College" in spec.name else "the university"
        if rng.random() < 0.3:
            spec.aliases.append(
                (f"{spec.city} Pedagogical Institute No. {rng.randint(1, 9)}", "former", "en")
            )
    elif classification == "workshop":
        hosts = [e for e in entities if e.classification in ("university", "college")]
        if not hosts:
            return None
        host = rng.choice(hosts)
        spec.name = f"Lu Ban Workshop at {host.name}"
        spec.aliases.append((f"{host.city} Lu Ban Workshop", "short", "en"))
        spec.aliases.append((f"Мастерская Лу Бань в городе {_cyrillic(host.city)}", "name", "ru"))
        spec.parent, spec.city = host.index, host.city
        spec.short = "the workshop"
        spec.founded = datetime.date(rng.randint(2019, 2025), rng.randint(1, 12), 1)
    else:
        if rng.random() < 0.7:
            stem = rng.choice(COMPANY_PREFIXES) + rng.choice(COMPANY_INDUSTRIES)
            spec.name = f"{stem} {rng.choice(COMPANY_SUFFIXES)}"
            spec.aliases.append((stem, "short", "en"))
            spec.aliases.append((_cyrillic(stem).capitalize(), "short", "ru"))
        else:
            spec.city = rng.choice(CHINESE_CITIES)
            spec.name = f"{spec.city} {rng.choice(CHINESE_INDUSTRIES)} Group Co., Ltd."
            spec.aliases.append((spec.name.removesuffix(" Co., Ltd."), "short", "en"))
        spec.short = "the company"
    spec.country = spec.country or COUNTRY_OF_CITY.get(spec.city, "Kazakhstan")
    acronym = _acronym(spec.name)
    if acronym:
        spec.aliases.append((acronym, "short", "en"))
    return spec


def _official(rng):
    style = rng.choices(("kazakh", "russian", "chinese"), (6, 2, 2))[0]
    female = rng.random() < 0.35
    aliases = []
    if style == "kazakh":
        given = rng.choice(KAZAKH_GIVEN_FEMALE if female else KAZAKH_GIVEN_MALE)
        if rng.random() < 0.6:
            root = rng.choice(KAZAKH_FIRST_PARTS) + rng.choice(KAZAKH_SECOND_PARTS)
        else:
            root = rng.choice(KAZAKH_ROOTS)
        if rng.random() < 0.1:
            family = root + ("kyzy" if female else "uly")
        else:
            family = root + ("yev" if root[-1] in "aeiou" else "ev" if root[-1] == "y" else "ov")
            family += "a" if female else ""
        name = f"{given} {family}"
    elif style == "russian":
        given = rng.choice(RUSSIAN_GIVEN_FEMALE if female else RUSSIAN_GIVEN_MALE)
        family = rng.choice(RUSSIAN_SURNAMES) + ("a" if female else "")
        name = f"{given} {family}"
    else:
        family = rng.choice(list(CHINESE_SURNAMES))
        syllables = rng.sample(list(CHINESE_SYLLABLES), rng.choice((1, 2, 2)))
        given = "".join(syllables).capitalize()
        name = f"{family} {given}"  # family name first
        hanzi = CHINESE_SURNAMES[family] + "".join(CHINESE_SYLLABLES[s] for s in syllables)
        aliases.append((hanzi, "name", "zh"))
    aliases.append((family, "surname", "en"))
    variant = _variant(name)
    if variant != name:
        aliases.append((variant, "name", "en"))
    if style != "chinese":
        aliases.append((_cyrillic(name), "name", "ru"))
        aliases.append((f"{given[0]}. {family}", "name", "en"))
    honorific = "Ms" if female else "Mr"
    return EntitySpec(
        0,
        OFFICIAL,
        name,
        aliases,
        given_name=given,
        family_name=family,
        female=female,
        short=f"{honorific} {family}",
    )


def _careers(rng, entities):
    """Posts at the institutions and 1-3 consecutive appointments per official."""
    posts, posts_by_kind = [], {}
    for entity in entities:
        if entity.kind != INSTITUTION:
            continue
        labels = POSTS.get(entity.classification, ("Director",))
        if entity.name in ("Mazhilis", "Senate of Kazakhstan"):
            labels = ("Speaker", "Deputy Speaker")
        for label in labels[: rng.randint(1, len(labels))]:
            posts.append(PostSpec(entity.index, label))
            posts_by_kind.setdefault(entity.classification, []).append(len(posts) - 1)
    appointments = []
    for entity in entities:
        if entity.kind != OFFICIAL or not posts:
            continue
        career_kind = rng.choice(sorted(posts_by_kind))
        start = datetime.date(rng.randint(2004, 2022), rng.randint(1, 12), rng.randint(1, 28))
        for step in range(rng.randint(1, 3)):
            same_field = step == 0 or rng.random() < 0.6
            pool = posts_by_kind[career_kind] if same_field else range(len(posts))
            years = rng.randint(1, 6)
            end = start + datetime.timedelta(days=365 * years - 1)
            last = end >= ANCHOR
            appointments.append(
                AppointmentSpec(entity.index, rng.choice(list(pool)), start, None if last else end)
            )
            if last:
                break
            start = end + datetime.timedelta(days=rng.randint(1, 200))
    return posts, appointments


def _dedupe_aliases(entities):
    """Keep an abbreviation or short name only for the first entity that has it, and
    drop repeats within an entity: the registry holds each spelling once per entity."""
    owners = {}
    for entity in entities:
        kept, seen = [], {entity.name.casefold()}
        for alias in entity.aliases:
            key = alias[0].casefold()
            if key in seen:
                continue
            if alias[1] == "short" and owners.setdefault(key, entity.index) != entity.index:
                continue
            seen.add(key)
            kept.append(alias)
        entity.aliases = kept


def _acronym(name):
    letters = [w[0] for w in name.replace("-", " ").split() if w[0].isupper() and w.isalpha()]
    return "".join(letters) if len(letters) >= 3 else ""


def _demonym(country):
    return {"Uzbekistan": "Uzbek", "Kyrgyzstan": "Kyrgyz", "Tajikistan": "Tajik"}.get(
        country, "Chinese"
    )


def _variant(name):
    for old, new in VARIANTS:
        if old in name:
            return name.replace(old, new, 1)
    return name


def _cyrillic(text):
    """A rough Russian-style Cyrillic spelling of a Latin name ("Serikov" -> "Сериков")."""
    out, i, lower = [], 0, text.lower()
    while i < len(text):
        for size in (4, 2, 1):
            chunk = lower[i : i + size]
            if chunk in CYRILLIC:
                letters = CYRILLIC[chunk]
                out.append(letters.capitalize() if text[i].isupper() else letters)
                i += size
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


# --- articles ------------------------------------------------------------------------


def make_article(world, seed, index, *, words=None):
    """Article ``index`` of the corpus for ``seed``: a published news story of 500-2,000
    words (at least ``words`` when given) that names a cast of the world's entities, by
    full name first and by alias, surname or short name later."""
    rng = random.Random(f"{seed}:article:{index}")
    writer = _Writer(rng, world)
    topic = rng.choice(list(TOPICS))
    thing = rng.choice(TOPICS[topic])
    lead, partner = writer.cast[:2]
    target = words or rng.randint(MIN_WORDS + 20, MAX_WORDS - 120)
    title = rng.choice(
        (
            "{lead} {verb} {adj} {thing} with {partner}",
            "{lead} and {partner} agree on {adj} {thing}",
            "What the {adj} {thing} means for {city}",
            "{lead} under pressure over {thing}",
            "{city} bets on {adj} {thing} as {lead} steps in",
        )
    ).format(
        lead=lead.name,
        partner=partner.name,
        verb=rng.choice(("unveils", "backs", "launches", "expands", "revives")),
        adj=rng.choice(ADJECTIVES),
        thing=thing,
        city=writer.city,
    )
    title = title[0].upper() + title[1:]
    dek = (
        f"{writer.name(lead, first=True)} and {writer.name(partner, first=True)} "
        f"{rng.choice(VERBS_PAST)} plans on {topic} worth "
        f"{rng.randint(2, 900)} billion tenge, with the first results due in "
        f"{ANCHOR.year + rng.randint(0, 3)}."
    )
    writer.introduced.clear()  # the body introduces everyone again, in full
    blocks, words = [], 0
    while words < target:
        if blocks and rng.random() < 0.18:
            heading = rng.choice(HEADINGS)
            blocks.append(f"## {heading}")
            words += len(heading.split())
        if blocks and rng.random() < 0.12:
            items = [writer.bullet(thing) for _ in range(rng.randint(3, 5))]
            blocks.append("\n".join(f"- {item}" for item in items))
            words += sum(len(item.split()) for item in items)
        paragraph = []
        for _ in range(rng.randint(2, 5)):
            sentence = writer.sentence(topic, thing)
            paragraph.append(sentence)
            words += len(sentence.split())
            if words >= target:
                break
        blocks.append(" ".join(paragraph))
    source_name, domain = rng.choice(SOURCES)
    slug_hint = "-".join(title.lower().split()[:6])
    return ArticleSpec(
        title=title,
        dek=dek,
        body="\n\n".join(blocks) + "\n",
        byline=rng.choice(REPORTERS),
        source_name=source_name,
        source_url=f"https://{domain}/news/{index}-{_ascii(slug_hint)}" if domain else "",
        age_seconds=rng.randint(3600, ARTICLE_MAX_AGE),
    )


def _ascii(text):
    return "".join(c if c.isascii() and (c.isalnum() or c == "-") else "" for c in text)


class _Writer:
    """Sentences about one article's cast; knows whom the reader has already met."""

    def __init__(self, rng, world):
        self.rng = rng
        self.world = world
        institutions = world.institutions
        officials = world.officials or institutions
        self.cast = rng.sample(institutions, min(len(institutions), rng.randint(2, 4)))
        if len(self.cast) < 2:
            self.cast = self.cast * 2
        people = rng.sample(officials, min(len(officials), rng.randint(2, 6)))
        self.cast += people
        self.institutions = [e for e in self.cast if e.kind == INSTITUTION]
        self.people = [e for e in self.cast if e.kind == OFFICIAL] or self.institutions
        self.city = self.cast[0].city or rng.choice(KAZAKH_CITIES)
        self.introduced = set()

    def name(self, entity, *, first=False):
        """The entity's full name on first mention, a shorter form after that."""
        if first or entity.index not in self.introduced:
            self.introduced.add(entity.index)
            return entity.name
        roll = self.rng.random()
        shorts = entity.spellings("short")
        others = entity.spellings("name")
        if entity.kind == OFFICIAL:
            if roll < 0.55:
                return entity.short
            if roll < 0.75:
                return entity.family_name
            if roll < 0.85 and others:
                return self.rng.choice(others)
            return entity.name
        if roll < 0.4 and shorts:
            return self.rng.choice(shorts)
        if roll < 0.5 and others:
            return self.rng.choice(others)
        if roll < 0.8:
            return entity.name
        return entity.short

    def person(self):
        entity = self.rng.choice(self.people)
        if entity.index in self.introduced or entity.kind != OFFICIAL:
            return self.name(entity)
        role = self.world.roles.get(entity.index)
        if role is None:
            return self.name(entity)
        post = self.world.posts[role.post]
        institution = self.world.entities[post.institution]
        self.introduced.add(institution.index)
        return f"{self.name(entity)}, {post.label.lower()} of {institution.name},"

    def body_of(self):
        return self.name(self.rng.choice(self.institutions))

    def sentence(self, topic, thing):
        rng = self.rng
        number = rng.randint(3, 950)
        month = rng.choice(MONTHS)
        year = ANCHOR.year + rng.randint(-2, 3)
        template = rng.choice(
            (
                "{person} said the {thing} would be ready by {month} {year}.",
                "According to {body}, {number} specialists will be trained under the {thing}.",
                '"{quote}," {person} told reporters in {city}.',
                "{body} {verb} the {adj} {thing} at a meeting on {month} {day}.",
                "The {thing} is part of a wider push on {topic} led by {body}.",
                "Critics point out that similar plans in {year_before} produced few results.",
                "{person} {verb} the proposal, saying it had been discussed with {body}.",
                "Officials at {body} expect the costs to reach {number} million tenge.",
                "In {city}, {number} students have already applied, local media reported.",
                "{body} and {body2} will share responsibility for the {thing}.",
                'Asked about delays, {person} said: "{quote}."',
                "The agreement was first drafted in {year_before}, when {body} began talks "
                "with partners in China.",
                "A spokesperson for {body} declined to give a precise timetable.",
                "Under the plan, {number} new places will open in {city} and the surrounding "
                "districts.",
                "{person} visited {city} on {month} {day} to inspect the {thing}.",
                "Earlier this year {body} {verb} a report on {topic}, which found a shortage "
                "of {number} qualified engineers.",
                "Local employers say the {thing} could change how young people in {city} "
                "find work.",
                "The figures were presented to {body} by {person} last week.",
            )
        )
        text = template.format(
            person=self.person() if "{person}" in template else "",
            body=self.body_of() if "{body}" in template else "",
            body2=self.body_of() if "{body2}" in template else "",
            quote=rng.choice(QUOTES),
            verb=rng.choice(VERBS_PAST),
            adj=rng.choice(ADJECTIVES),
            thing=thing,
            topic=topic,
            number=number,
            month=month,
            day=rng.randint(1, 28),
            year=year,
            year_before=year - rng.randint(3, 10),
            city=self.city,
        ).replace(",,", ",")  # a person's role ends with a comma, as may the template
        # A short form such as "the university" may open the sentence.
        return text[0].upper() + text[1:]

    def bullet(self, thing):
        rng = self.rng
        return rng.choice(
            (
                f"{rng.randint(2, 90)} billion tenge for the {thing} until {ANCHOR.year + 3}",
                f"{rng.randint(10, 5000)} graduates a year from {rng.randint(2, 40)} colleges",
                f"a new partner: {self.body_of()}",
                f"oversight by {self.body_of()}",
                f"first site opening in {self.city} by {rng.choice(MONTHS)}",
            )
        )
