"""Demo data: a complete, fictional small municipality ("Tryggviks kommun") to try the
program on, for screenshots and for the tests.

`populate()` fills an empty database with two calendar years of work (the previous year
and the current one, both taken from `today`): the programme with its focus areas, goals
and measurements, the organisation with groups, meetings and minutes, safety walks, the
lägesbild, the commitments with the police and two action plans with about 60 measures.

Everything is deterministic: the same `today` and `seed` give the same rows, byte for
byte (no wall clock, no set ordering, one `random.Random`). Nothing that should lie in
the past is dated after `today`, so the demo stays coherent whatever day it is built on.

The content is Swedish literal data, not translated: it is what a Swedish coordinator
would have typed. The names are invented; no real Swedish municipality is called
Tryggvik, e-mail addresses use the reserved `.example` domain and telephone numbers the
series the Swedish regulator (PTS) sets aside for fiction.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import struct
import zlib
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlmodel import Session, select

from tryggapp import domain as d
from tryggapp.domain import periods
from tryggapp.domain.enums import (
    Assessment,
    Attendance,
    CommitmentStatus,
    FindingSource,
    GoalKind,
    GroupLevel,
    LightCondition,
    MeasureStatus,
    MemberRole,
    ObservationCategory,
    OrganisationKind,
    PeriodKind,
    Priority,
    UndertakingStatus,
)
from tryggapp.domain.situation import EstKind, ReporterKind, SourceKind
from tryggapp.errors import UserError
from tryggapp.i18n import _
from tryggapp.storage import Database

DEMO_MUNICIPALITY = "Tryggviks kommun"
DEFAULT_SEED = 2026

# Tables whose rows mean "somebody already works in this file".
_OCCUPIED = (d.Municipality, d.Programme, d.Organisation, d.Person, d.Group, d.ActionPlan,
             d.SafetyWalk)

NS, ON, DONE, PAUSED, CANCELLED = (MeasureStatus.NOT_STARTED, MeasureStatus.ONGOING,
                                   MeasureStatus.DONE, MeasureStatus.PAUSED,
                                   MeasureStatus.CANCELLED)


def populate(db: Database, *, today: dt.date, seed: int = DEFAULT_SEED) -> None:
    """Fill an empty database with the demo municipality, as seen on `today`.

    Raises UserError if the database already holds data (a municipality, a programme,
    organisations, people, groups, plans or walks): demo data is never mixed with real data.
    """
    if not 1903 <= today.year <= 2196:
        raise UserError(_("The date {date} is out of range for demo data.").format(date=today.isoformat()))
    with db.session() as s:
        if not is_empty(s):
            raise UserError(_("The database already holds data. Demo data can only be added to a "
                              "new, empty database."))
        _Builder(s, today, random.Random(seed)).build()


def is_empty(s: Session) -> bool:
    for model in _OCCUPIED:
        if s.execute(sa.select(sa.func.count()).select_from(model)).scalar_one():
            return False
    return True


# --------------------------------------------------------------------------- helpers

_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"]
_ORDINALS = {1: "första", 2: "andra", 3: "tredje", 4: "fjärde"}


def _sv_date(day: dt.date) -> str:
    """'12 mars 2026' – written out here because the content is Swedish whatever the UI language."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _sv_number(value: float, decimals: int = 1) -> str:
    text = f"{value:.{decimals}f}" if not float(value).is_integer() else f"{int(value)}"
    return text.replace(".", ",")


def _with_unit(value: float, unit: str) -> str:
    return f"{_sv_number(value)} {unit}".strip() if unit != "antal" else _sv_number(value)


def _period_words(kind: PeriodKind, year: int, number: int) -> str:
    if kind is PeriodKind.YEAR:
        return f"år {year}"
    name = "tertialet" if kind is PeriodKind.TERTIAL else "kvartalet"
    return f"{_ORDINALS[number]} {name} {year}"


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n:th Monday (0) … Sunday (6) of a month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _round(value: float, decimals: int) -> float:
    """Half away from zero, unlike round()'s banker's rounding."""
    factor = 10 ** decimals
    return math.floor(value * factor + 0.5) / factor


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def tiny_png(width: int, height: int, seed: int) -> bytes:
    """A small valid RGB PNG (a dusk-coloured gradient with a lamp post), made without
    any imaging library, to stand in for a photo from a safety walk."""
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter type 0 for each scanline
        for x in range(width):
            r = 40 + (y * 90) // height
            g = 50 + (y * 60) // height
            b = 110 - (y * 50) // height + (seed * 13) % 40
            if abs(x - width // 3) <= 1 and y > height // 4:  # the post
                r, g, b = 30, 30, 35
            if (x - width // 3) ** 2 + (y - height // 4) ** 2 <= 6:  # the lamp
                r, g, b = 250, 220, 120
            row += bytes((r, g, min(255, b)))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


# --------------------------------------------------------------------------- static content

_ORGS = [
    ("klf", "Kommunledningsförvaltningen", "KLF", OrganisationKind.MUNICIPAL),
    ("sbf", "Samhällsbyggnadsförvaltningen", "SBF", OrganisationKind.MUNICIPAL),
    ("soc", "Socialförvaltningen", "SOC", OrganisationKind.MUNICIPAL),
    ("buf", "Barn- och utbildningsförvaltningen", "BUF", OrganisationKind.MUNICIPAL),
    ("kff", "Kultur- och fritidsförvaltningen", "KFF", OrganisationKind.MUNICIPAL),
    ("polis", "Polisen, lokalpolisområde Tryggvik", "Polisen", OrganisationKind.POLICE),
    ("rtj", "Räddningstjänsten Tryggvik", "RTJ", OrganisationKind.RESCUE),
    ("tvb", "Tryggviksbostäder AB", "Tryggviksbostäder", OrganisationKind.HOUSING),
    ("cfast", "Centrumfastigheter i Tryggvik AB", "Centrumfastigheter", OrganisationKind.PROPERTY_OWNER),
    ("natt", "Nattvandrarna i Tryggvik", "Nattvandrarna", OrganisationKind.ASSOCIATION),
    ("grann", "Grannsamverkan Norrby", "Grannsamverkan", OrganisationKind.ASSOCIATION),
    ("cfor", "Tryggviks Centrumförening", "Centrumföreningen", OrganisationKind.BUSINESS),
]

_MAIL_DOMAIN = {
    "klf": "tryggvik.example", "sbf": "tryggvik.example", "soc": "tryggvik.example",
    "buf": "tryggvik.example", "kff": "tryggvik.example", "polis": "polisen.example",
    "rtj": "rtj.tryggvik.example", "tvb": "tryggviksbostader.example",
    "cfast": "centrumfastigheter.example", "natt": "nattvandrarna.example",
    "grann": "grannsamverkan-norrby.example", "cfor": "centrumforeningen.example",
}

_PEOPLE = [
    ("maria", "Maria Lindqvist", "Säkerhetssamordnare", "klf"),
    ("anders", "Anders Holm", "Kommundirektör", "klf"),
    ("sara", "Sara Nyberg", "Kommunsekreterare", "klf"),
    ("johan", "Johan Ek", "HR-strateg", "klf"),
    ("gunilla", "Gunilla Ström", "Kommunstyrelsens ordförande", "klf"),
    ("bengt", "Bengt Olofsson", "Oppositionsråd", "klf"),
    ("peter", "Peter Sandberg", "Samhällsbyggnadschef", "sbf"),
    ("lena", "Lena Åkesson", "Gatu- och parkchef", "sbf"),
    ("emil", "Emil Strand", "Trafikplanerare", "sbf"),
    ("karin", "Karin Björk", "Socialchef", "soc"),
    ("ahmed", "Ahmed Yusuf", "Fältsekreterare", "soc"),
    ("helena", "Helena Forsberg", "Samordnare våld i nära relationer", "soc"),
    ("jonas", "Jonas Wikström", "Barn- och utbildningschef", "buf"),
    ("elin", "Elin Sjöberg", "Rektor, Västerbyskolan", "buf"),
    ("sofia", "Sofia Berggren", "Kultur- och fritidschef", "kff"),
    ("mikael", "Mikael Lund", "Enhetschef fritidsgårdar", "kff"),
    ("fredrik", "Fredrik Nilsson", "Lokalpolisområdeschef", "polis"),
    ("camilla", "Camilla Håkansson", "Kommunpolis", "polis"),
    ("oskar", "Oskar Lindgren", "Områdespolis", "polis"),
    ("tomas", "Tomas Eriksson", "Räddningschef", "rtj"),
    ("annika", "Annika Dahl", "Brandinspektör", "rtj"),
    ("linda", "Linda Persson", "VD", "tvb"),
    ("niklas", "Niklas Jansson", "Områdeschef Norrby", "tvb"),
    ("rolf", "Rolf Magnusson", "Fastighetschef", "cfast"),
    ("birgitta", "Birgitta Hedlund", "Samordnare", "natt"),
    ("kent", "Kent Axelsson", "Kontaktombud", "grann"),
    ("malin", "Malin Engström", "Ordförande", "cfor"),
]

_DIRECTIONS = [
    ("Brottsförebyggande och trygghetsfrämjande arbete",
     "Arbetet för att minska brott och otrygghet i kommunens geografiska område, i samverkan "
     "med polisen, räddningstjänsten, Tryggviksbostäder, fastighetsägare och föreningar."),
    ("Intern säkerhet",
     "Arbetet för att kommunens medarbetare, förtroendevalda, lokaler och verksamheter inte ska "
     "utsättas för brott, hot, våld eller otillåten påverkan."),
]

# number, direction index, title, description, owner (person key)
_FOCUS_AREAS = [
    (1, 0, "Samverkan med polisen och medborgarlöfte",
     "Kommunen och Lokalpolisområde Tryggvik har en samverkansöverenskommelse och ett årligt "
     "medborgarlöfte. Löftet utgår från invånarnas uppfattning om sitt lokalsamhälle och från den "
     "gemensamma lägesbilden.", "maria"),
    (2, 0, "EST – effektiv samordning för trygghet",
     "Kommunens verksamheter, polisen, Tryggviksbostäder och fastighetsägare rapporterar händelser "
     "som skadegörelse, nedskräpning och otrygga platser. Rapporterna sammanställs varje vecka och "
     "analyseras varje tertial i analysgruppen.", "maria"),
    (3, 0, "Trygga offentliga miljöer",
     "Belysning, röjning av växtlighet, trafiksäkerhet och trygghetsvandringar. Risken för brott och "
     "otrygghet ska beaktas redan när ny bebyggelse planeras och när befintliga miljöer förvaltas.",
     "peter"),
    (4, 0, "Skadegörelse och klotter",
     "Skadegörelse och klotter på kommunens egendom, fastigheter och ytor ska minska. Klotter "
     "saneras snabbt och skadegörelse polisanmäls alltid.", "lena"),
    (5, 0, "Barn och unga – tidiga insatser",
     "Tidig upptäckt och tidiga insatser för barn och unga i riskmiljöer genom samverkan mellan "
     "skola, socialtjänst, polis och fritid (SSPF), fältgruppen och fritidsgårdarna.", "karin"),
    (6, 0, "ANDTS – alkohol, narkotika, dopning, tobak och spel",
     "Tillgången till alkohol, narkotika, dopningsmedel och tobak ska minska genom samordnad "
     "tillsyn och tidiga insatser riktade till unga och deras föräldrar.", "karin"),
    (7, 0, "Våld i nära relation och våldsprevention",
     "Ingen ska behöva utsättas för våld i nära relation. Kommunen arbetar främjande och "
     "förebyggande, bland annat med Mentorer i våldsprevention (MVP), och erbjuder stöd och skydd.",
     "helena"),
    (8, 1, "Utbildning i hot och våld",
     "Chefer och medarbetare ska kunna förebygga och hantera hot och våld och veta hur de agerar "
     "vid pågående dödligt våld (PDV).", "johan"),
    (9, 1, "Trygghetsbesök och stöd vid incidenter",
     "När en kommunal verksamhet utsätts för brott eller en allvarlig incident gör "
     "säkerhetssamordnaren ett trygghetsbesök och ger stöd och råd till chef och medarbetare.",
     "maria"),
    (10, 1, "Otillåten påverkan och välfärdsbrott",
     "Medarbetare och förtroendevalda ska få stöd mot trakasserier, hot och otillbörliga "
     "erbjudanden. Kommunen ska upptäcka och motverka välfärdsbrott.", "johan"),
]


@dataclass(frozen=True)
class _GoalSpec:
    kind: GoalKind
    text: str
    indicator: str
    unit: str
    baseline: float
    target: float
    higher_is_better: bool
    source: str
    period: PeriodKind
    drift: float  # share of the way from baseline to target reached after two years (<0: worse)
    noise: float  # spread of the values, in the indicator's unit
    decimals: int = 0
    seasonal: tuple[float, ...] = ()


_IMP, _PERF = GoalKind.IMPACT, GoalKind.PERFORMANCE
_Y, _T, _Q = PeriodKind.YEAR, PeriodKind.TERTIAL, PeriodKind.QUARTER
_SURVEY, _POLICE_STATS, _KOLADA, _EST, _OWN = (
    "Trygghetsundersökningen", "Polisens öppna statistik", "Kolada", "EST", "Egen uppföljning")

_GOALS: dict[int, list[_GoalSpec]] = {
    1: [
        _GoalSpec(_IMP, "Andelen invånare som känner sig trygga ute en sen kväll i det egna "
                  "bostadsområdet ska öka.", "Andel som känner sig trygga ute sent en kväll i sitt "
                  "bostadsområde", "%", 68, 75, True, _SURVEY, _Y, 0.55, 1.0, 1),
        _GoalSpec(_PERF, "Aktiviteterna i medborgarlöftet ska genomföras enligt plan.",
                  "Andel genomförda aktiviteter i medborgarlöftet", "%", 60, 100, True, _OWN, _T,
                  0.7, 4),
    ],
    2: [
        _GoalSpec(_PERF, "Fler verksamheter och samverkanspartner ska rapportera till EST.",
                  "Antal EST-rapporter per kvartal", "antal", 85, 140, True, _EST, _Q, 0.8, 6),
        _GoalSpec(_PERF, "Lägesbilden ska analyseras gemensamt varje tertial.",
                  "Antal genomförda tertialanalyser i analysgruppen", "antal", 2, 3, True, _OWN, _Y,
                  1.0, 0),
    ],
    3: [
        _GoalSpec(_IMP, "Andelen invånare som avstår från aktiviteter på grund av oro för brott ska "
                  "minska.", "Andel som avstått från aktivitet på grund av oro för brott", "%", 24,
                  18, False, _SURVEY, _Y, 0.5, 0.8, 1),
        _GoalSpec(_IMP, "Antalet anmälda våldsbrott i offentlig miljö ska minska.",
                  "Anmälda våldsbrott per 1 000 invånare", "per 1 000 invånare", 9.8, 8.5, False,
                  _KOLADA, _Y, 0.4, 0.3, 1),
        _GoalSpec(_PERF, "Åtgärder från trygghetsvandringar ska vara genomförda inom sex månader.",
                  "Andel åtgärder från trygghetsvandringar genomförda inom sex månader", "%", 55, 80,
                  True, _OWN, _T, 0.6, 5),
    ],
    4: [
        _GoalSpec(_IMP, "Antalet anmälda skadegörelsebrott ska minska.",
                  "Anmälda skadegörelsebrott inklusive klotter per kvartal", "antal", 104, 85, False,
                  _POLICE_STATS, _Q, -0.15, 5, 0, (-7, -2, 9, 0)),
        _GoalSpec(_PERF, "Klotter på kommunens fastigheter ska saneras inom 48 timmar.",
                  "Andel klotteranmälningar sanerade inom 48 timmar", "%", 72, 95, True, _OWN, _T,
                  0.75, 3),
    ],
    5: [
        _GoalSpec(_IMP, "Andelen elever i årskurs 9 som känner sig trygga i skolan ska öka.",
                  "Andel elever i åk 9 som känner sig trygga i skolan", "%", 82, 90, True, _KOLADA,
                  _Y, 0.3, 1.0, 1),
        _GoalSpec(_PERF, "Fler unga ska nås av fritidsgårdarnas kvällsverksamhet.",
                  "Antal besök på fritidsgårdarna kvällstid per tertial", "antal", 2100, 2600, True,
                  _OWN, _T, 0.7, 90, 0, (0, -250, 120)),
    ],
    6: [
        _GoalSpec(_IMP, "Andelen unga som har använt narkotika ska minska.",
                  "Andel elever i åk 9 som någon gång använt narkotika", "%", 7.5, 5.0, False,
                  "Drogvaneundersökningen (CAN)", _Y, 0.0, 0.4, 1),
        _GoalSpec(_PERF, "Tillsynen av serveringsställen ska öka.",
                  "Antal tillsynsbesök på serveringsställen per tertial", "antal", 14, 20, True,
                  _OWN, _T, 0.8, 2),
    ],
    7: [
        _GoalSpec(_IMP, "Fler som utsätts för våld i nära relation ska få stöd.",
                  "Antal personer som fått stöd av kommunens relationsvåldsteam", "antal", 64, 80,
                  True, _OWN, _Y, 0.6, 3),
        _GoalSpec(_PERF, "Alla skolor med högstadium ska arbeta med Mentorer i våldsprevention (MVP).",
                  "Antal skolor som arbetar med MVP", "antal", 1, 4, True, _OWN, _Y, 0.7, 0),
    ],
    8: [
        _GoalSpec(_PERF, "Alla chefer ska ha genomgått utbildning i hot och våld.",
                  "Andel chefer utbildade i hot och våld", "%", 40, 90, True, _OWN, _T, 0.75, 2),
        _GoalSpec(_PERF, "Fler medarbetare ska utbildas i agerande vid pågående dödligt våld (PDV).",
                  "Antal medarbetare utbildade i PDV per kvartal", "antal", 35, 50, True, _OWN, _Q,
                  0.5, 6),
    ],
    9: [
        _GoalSpec(_PERF, "Trygghetsbesök ska genomföras inom fem arbetsdagar efter en allvarlig "
                  "incident.", "Andel trygghetsbesök inom fem arbetsdagar", "%", 60, 100, True,
                  _OWN, _Y, 0.7, 3),
    ],
    10: [
        _GoalSpec(_IMP, "Andelen förtroendevalda som utsätts för hot, våld eller trakasserier ska "
                  "minska.", "Andel förtroendevalda utsatta för hot, våld eller trakasserier", "%",
                  27, 20, False, "Politikernas trygghetsundersökning (Brå)", _Y, 0.3, 1.5),
        _GoalSpec(_PERF, "Handläggare inom försörjningsstöd ska utbildas i att upptäcka välfärdsbrott.",
                  "Andel handläggare utbildade i välfärdsbrott", "%", 20, 100, True, _OWN, _T, 0.6, 3),
    ],
}


@dataclass(frozen=True)
class _GroupSpec:
    key: str
    name: str
    short: str
    level: GroupLevel
    per_year: int
    mandate: str
    months: tuple[int, ...]  # the months it meets in
    weekday: int
    nth: int
    start: tuple[int, int]  # (hour, minute)
    minutes_long: int
    place: str
    members: tuple[tuple[str, MemberRole], ...]
    parent: str | None = None


_GROUPS = [
    _GroupSpec("styr", "Styrgruppen för trygghet och säkerhet", "Styrgruppen", GroupLevel.STEERING, 4,
               "Kommunledningsgruppen är styrgrupp för det brottsförebyggande och trygghetsfrämjande "
               "arbetet och för den interna säkerheten. Styrgruppen prioriterar, föreslår handlingsplan "
               "till kommunstyrelsen och följer upp arbetet efter varje tertial.",
               (2, 5, 9, 11), 1, 2, (13, 0), 120, "Kommunhuset, sammanträdesrum Kransen",
               (("anders", MemberRole.CHAIR), ("maria", MemberRole.SECRETARY),
                ("peter", MemberRole.MEMBER), ("karin", MemberRole.MEMBER),
                ("jonas", MemberRole.MEMBER), ("sofia", MemberRole.MEMBER),
                ("tomas", MemberRole.CO_OPTED))),
    _GroupSpec("samord", "Samordningsgruppen för brottsförebyggande arbete", "Samordningsgruppen",
               GroupLevel.COORDINATION, 10,
               "Samordnar genomförandet av handlingsplanen, bereder ärenden till styrgruppen och BRÅ, "
               "planerar trygghetsvandringar och följer upp att beslutade åtgärder genomförs. Möts "
               "minst tio gånger per år.",
               (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12), 2, 3, (9, 0), 150, "Kommunhuset, rum Vågen",
               (("maria", MemberRole.CONVENER), ("mikael", MemberRole.SECRETARY),
                ("lena", MemberRole.MEMBER), ("ahmed", MemberRole.MEMBER),
                ("helena", MemberRole.MEMBER), ("elin", MemberRole.MEMBER),
                ("camilla", MemberRole.MEMBER), ("annika", MemberRole.MEMBER),
                ("niklas", MemberRole.MEMBER)), "styr"),
    _GroupSpec("bra", "Brottsförebyggande rådet i Tryggvik (BRÅ)", "BRÅ", GroupLevel.COUNCIL, 4,
               "Kommunens strategiska råd enligt lag (2023:196) om kommuners ansvar för "
               "brottsförebyggande arbete. Rådet samlar kommunen, polisen och lokala aktörer kring "
               "lägesbilden, medborgarlöftet och prioriteringarna i handlingsplanen. Rådet leds av "
               "kommunstyrelsens ordförande.",
               (2, 5, 9, 11), 3, 3, (15, 0), 120, "Kommunhuset, sessionssalen",
               (("gunilla", MemberRole.CHAIR), ("sara", MemberRole.SECRETARY),
                ("maria", MemberRole.CONVENER), ("bengt", MemberRole.MEMBER),
                ("fredrik", MemberRole.MEMBER), ("tomas", MemberRole.MEMBER),
                ("linda", MemberRole.MEMBER), ("karin", MemberRole.MEMBER),
                ("jonas", MemberRole.MEMBER), ("malin", MemberRole.MEMBER),
                ("birgitta", MemberRole.MEMBER))),
    _GroupSpec("analys", "Analysgruppen EST", "Analysgruppen", GroupLevel.ANALYSIS, 6,
               "Analyserar EST-rapporterna, polisens lokala lägesbild och trygghetsundersökningen "
               "varje tertial och föreslår åtgärder till samordningsgruppen.",
               (1, 3, 5, 8, 10, 12), 0, 2, (10, 0), 90, "Polisstationen Tryggvik",
               (("maria", MemberRole.CONVENER), ("camilla", MemberRole.MEMBER),
                ("niklas", MemberRole.MEMBER), ("ahmed", MemberRole.SECRETARY),
                ("lena", MemberRole.MEMBER), ("rolf", MemberRole.CO_OPTED)), "samord"),
    _GroupSpec("norrby", "Lokal Brågrupp Norrby", "Brå Norrby", GroupLevel.LOCAL_BRA, 4,
               "Samlar boende, föreningar, skola, polis och Tryggviksbostäder kring tryggheten i "
               "Norrby. Tar upp frågor från grannsamverkan och nattvandringen och lyfter dem till BRÅ.",
               (2, 4, 9, 11), 1, 4, (18, 0), 90, "Norrby träffpunkt, Lärkvägen 4",
               (("niklas", MemberRole.CONVENER), ("ahmed", MemberRole.SECRETARY),
                ("oskar", MemberRole.MEMBER), ("kent", MemberRole.MEMBER),
                ("elin", MemberRole.MEMBER), ("birgitta", MemberRole.MEMBER)), "bra"),
    _GroupSpec("wg_centrum", "Arbetsgrupp Trygg centrummiljö", "AG Centrum", GroupLevel.WORKING, 6,
               "Ta fram och genomföra åtgärder för en tryggare centrummiljö utifrån lägesbilden och "
               "trygghetsvandringen i Centrum: belysning, kvällsöppna verksamheter och samverkan med "
               "fastighetsägare och handlare. Slutrapport till samordningsgruppen senast {end}.",
               (2, 3, 5, 6, 9, 10, 12), 3, 1, (8, 30), 90, "Kommunhuset, rum Vågen",
               (("lena", MemberRole.CONVENER), ("emil", MemberRole.SECRETARY),
                ("maria", MemberRole.MEMBER), ("oskar", MemberRole.MEMBER),
                ("rolf", MemberRole.MEMBER), ("malin", MemberRole.MEMBER)), "samord"),
    _GroupSpec("wg_klotter", "Arbetsgrupp Klotter och skadegörelse", "AG Klotter", GroupLevel.WORKING, 6,
               "Ta fram en gemensam rutin för anmälan och snabb sanering av klotter och skadegörelse "
               "för kommunen och Tryggviksbostäder, och föreslå förebyggande åtgärder. Slutrapport "
               "till samordningsgruppen senast {end}.",
               (1, 3, 4, 6, 9, 10), 2, 2, (13, 30), 90, "Samhällsbyggnadsförvaltningen, rum Ekén",
               (("lena", MemberRole.CONVENER), ("emil", MemberRole.SECRETARY),
                ("annika", MemberRole.MEMBER), ("niklas", MemberRole.MEMBER),
                ("camilla", MemberRole.MEMBER)), "samord"),
    _GroupSpec("wg_unga", "Arbetsgrupp Unga i riskmiljöer", "AG Unga", GroupLevel.WORKING, 4,
               "Kartlägga unga som vistas i riskmiljöer kvällstid (busstationen, Stadsparken), "
               "samordna fältgruppen, fritidsgårdarna, skolan, socialtjänsten och polisen (SSPF) och "
               "föreslå förebyggande insatser. Slutrapport till samordningsgruppen senast {end}.",
               (2, 4, 9, 11), 0, 3, (14, 0), 90, "Fritidsgården Kvarnen",
               (("ahmed", MemberRole.CONVENER), ("mikael", MemberRole.SECRETARY),
                ("elin", MemberRole.MEMBER), ("oskar", MemberRole.MEMBER),
                ("birgitta", MemberRole.MEMBER)), "samord"),
]

_OPENING = ("Mötet öppnas", "Val av justerare och tid för justering", "Fastställande av dagordning",
            "Föregående mötes protokoll")

_UPDATES = [
    "Socialförvaltningen: fältgruppen har varit ute tre kvällar i veckan. Lugnt i centrum men fler "
    "unga vid busstationen sent på fredagar.",
    "Samhällsbyggnadsförvaltningen: klotter har sanerats på sex platser sedan förra mötet, samtliga "
    "inom 48 timmar.",
    "Polisen: färre anmälda inbrott i Norrby sedan grannsamverkan startade; fortsatt fokus på "
    "narkotika vid Stationsområdet.",
    "Räddningstjänsten: två anlagda bränder i papperskorgar vid Västerbyskolan; dialog pågår med skolan.",
    "Tryggviksbostäder: ny belysning i två trapphus på Lärkvägen och fler trygghetsvandringar med "
    "hyresgäster.",
    "Barn- och utbildningsförvaltningen: skolorna har genomfört trygghetsenkäten och resultaten "
    "sammanställs.",
    "Kultur- och fritidsförvaltningen: hög närvaro på fritidsgården Kvarnen fredagskvällar, i snitt "
    "60 besökare.",
    "Nattvandrarna: fler vuxna anmälda till helgvandringarna; behov av nya västar och ficklampor.",
]
_EST_PLACES = ["Stationsområdet", "busstationen", "Stadsparken", "Norrby centrum", "Torget",
               "gångtunneln under Järnvägsgatan"]
_EST_KINDS = ["skadegörelse", "nedskräpning", "störande samlingar", "otrygga platser",
              "misstänkt narkotikahantering"]
_EST_OWNERS = ["Samhällsbyggnadsförvaltningen", "polisen", "fältgruppen", "Tryggviksbostäder"]
_POLICE_INFO = [
    "Lokalpolisområdeschefen informerar om utvecklingen: anmälda inbrott har minskat medan "
    "skadegörelse och narkotikabrott vid Stationsområdet ökar. Polisen har genomfört riktade "
    "insatser fredags- och lördagskvällar.",
    "Polisen informerar om bedrägerier mot äldre via telefon och om informationsträffen på Norrby "
    "träffpunkt.",
    "Polisen redovisar sommarens händelser: lugnare valborg än året innan och några "
    "ordningsstörningar vid badplatsen Lugnet.",
    "Kommunpolisen informerar om arbetet med medborgarlöftet och om den nya områdespolisen i Norrby.",
]
_OTHER_QUESTIONS = [
    ("Inga övriga frågor.", ""),
    ("Centrumföreningen lyfter frågan om belysning på Torget under julhandeln.",
     "att frågan lämnas till samordningsgruppen."),
    ("Fråga om kamerabevakning vid busstationen. Samordnaren återkommer om tillståndsfrågan.",
     "att notera informationen."),
    ("Nattvandrarna efterlyser fler vuxna vandrare under helgkvällarna.",
     "att ledamöterna sprider Nattvandrarnas inbjudan i sina verksamheter."),
]

# (heading, discussion, decision); {y} the meeting's year, {y0} the year before, {y1} the year after.
_Item = tuple[str, str, str]

_STYR_TOPICS: dict[int, list[_Item]] = {
    2: [("Årsuppföljning av handlingsplanen {y0}",
         "Samordnaren redovisar uppföljningen av handlingsplanen för {y0}. Merparten av åtgärderna "
         "är genomförda; de som inte hann slutföras har förts över till {y} med sin historik. "
         "Effektmålen följs upp med trygghetsundersökningen från november.",
         "att godkänna årsuppföljningen av handlingsplanen {y0},\natt överlämna uppföljningen till "
         "kommunstyrelsen och BRÅ för kännedom."),
        ("Lägesbild: aktuella trender",
         "Kommunpolisen och samordnaren redovisar utvecklingen av anmälda brott och EST-rapporter "
         "under vintern. Skadegörelsen vid Stationsområdet och samlingar av unga vid busstationen är "
         "fortfarande de tydligaste problemen.",
         "att notera informationen,\natt uppdra åt samordningsgruppen att särskilt följa "
         "utvecklingen vid Stationsområdet.")],
    5: [("Uppföljning av handlingsplanen, första tertialet {y}",
         "Genomgång av åtgärdernas status efter första tertialet. Försenade åtgärder redovisas med "
         "orsak och ny tidplan av respektive förvaltning.",
         "att godkänna tertialuppföljningen,\natt förvaltningscheferna ser till att försenade "
         "åtgärder får en ny tidplan före nästa möte."),
        ("Sommarens trygghetsarbete",
         "Planeringen inför sommarlovet presenteras: kvällsöppna fritidsgårdar, förstärkt fältgrupp "
         "och nattvandring under skolavslutningshelgen.",
         "att ställa sig bakom planeringen,\natt Kultur- och fritidsförvaltningen redovisar utfallet "
         "vid septembermötet.")],
    9: [("Uppföljning av handlingsplanen, andra tertialet {y}",
         "Samordnaren redovisar läget efter andra tertialet: de flesta åtgärder följer tidplanen, "
         "några är försenade på grund av upphandling och vakanser.",
         "att godkänna uppföljningen efter andra tertialet,\natt uppföljningen redovisas för "
         "kommunstyrelsen i oktober."),
        ("Revidering inför handlingsplan {y1}",
         "Samordnaren presenterar tidplanen för revideringen: förslag till samordningsgruppen i "
         "oktober och beslut i kommunstyrelsen i december. Underlag är lägesbilden, "
         "trygghetsundersökningen och årets uppföljning.",
         "att godkänna tidplanen för revideringen av handlingsplanen.")],
    11: [("Förslag till handlingsplan för trygghet och säkerhet {y1}",
          "Förslaget bygger på lägesbilden och årets uppföljning. Åtgärder som inte är avslutade förs "
          "över med sin historik. Nya åtgärder riktas främst mot Stationsområdet, belysningen i "
          "Norrby och unga i riskmiljöer.",
          "att ställa sig bakom förslaget till handlingsplan {y1},\natt överlämna förslaget till "
          "kommunstyrelsen för beslut.")],
}

_SAMORD_TOPICS: dict[int, list[_Item]] = {
    1: [("Planering av årets trygghetsvandringar",
         "Förslag: Norrby i mars och Stationsområdet i oktober, båda i mörker. Boende bjuds in via "
         "Tryggviksbostäder och grannsamverkan.",
         "att genomföra trygghetsvandringar i Norrby och Stationsområdet,\natt samordnaren skickar "
         "inbjudan senast fyra veckor före respektive vandring.")],
    2: [("Sportlovet",
         "Fritidsgårdarna och fältgruppen presenterar sportlovsprogrammet med kvällsöppet och "
         "utflykter.", "att notera informationen.")],
    3: [("Trygghetsundersökningen – resultat per område",
         "Resultaten från novemberundersökningen redovisas per område. Otryggheten är störst i Norrby "
         "och vid Stationsområdet, särskilt bland kvinnor och äldre.",
         "att resultaten används i planeringen av årets trygghetsvandringar,\natt samordnaren "
         "presenterar resultaten för BRÅ.")],
    4: [("Valborgsmässoafton",
         "Polisen och räddningstjänsten informerar om planeringen för valborg i Stadsparken. "
         "Fältgruppen och Nattvandrarna är ute under kvällen.",
         "att polisen, räddningstjänsten och fältgruppen samordnar närvaron,\natt "
         "Samhällsbyggnadsförvaltningen ställer ut extra sopkärl i Stadsparken.")],
    5: [("Skolavslutning och sommarlov",
         "Inför skolavslutningen planeras vuxennärvaro i centrum och vid badplatsen Lugnet. "
         "Fritidsgårdarna har kvällsöppet.",
         "att fritidsgårdarna har kvällsöppet under skolavslutningshelgen,\natt samordnaren "
         "sammanställer en gemensam sommarplan.")],
    6: [("Sommarplan för trygghet",
         "Sommarplanen gås igenom: fältgruppens schema, nattvandring, tillsyn av serveringsställen "
         "och kontaktvägar under semesterperioden.", "att fastställa sommarplanen.")],
    8: [("Återblick på sommaren",
         "Sommaren har varit relativt lugn. Nedskräpning och sena samlingar vid badplatsen Lugnet har "
         "rapporterats via EST.",
         "att Samhällsbyggnadsförvaltningen ser över tömningen av sopkärl vid badplatsen Lugnet inför "
         "nästa sommar.")],
    9: [("Skolstart och höstens insatser",
         "Skolorna och fältgruppen beskriver läget efter skolstarten. Polisen informerar om höstens "
         "prioriteringar.", "att notera informationen.")],
    10: [("Halloween och höstlov",
          "Erfarenheter från tidigare år: äggkastning och smällare i Norrby. Fältgruppen och "
          "Nattvandrarna planerar närvaro.",
          "att fältgruppen, Nattvandrarna och polisen samordnar närvaron under höstlovet."),
         ("Underlag till handlingsplan {y1}",
          "Förvaltningarna och samverkanspartnerna lämnar förslag till nya åtgärder utifrån "
          "lägesbilden och årets trygghetsvandringar.",
          "att samordnaren sammanställer förslagen och lämnar dem till styrgruppen i november.")],
    11: [("Nyårsafton",
          "Försäljningen av fyrverkerier och gemensam närvaro i centrum på nyårsnatten planeras.",
          "att räddningstjänsten genomför tillsyn hos försäljningsställena,\natt polisen och "
          "Nattvandrarna samordnar närvaron i centrum på nyårsnatten.")],
    12: [("Årets arbete och planering inför {y1}",
          "Samordnaren sammanfattar årets arbete. Mötesplanen för {y1} gås igenom.",
          "att fastställa mötesplanen för {y1}.")],
}

_BRA_TOPICS: dict[int, list[_Item]] = {
    2: [("Resultat från trygghetsundersökningen {y0}",
         "Samordnaren presenterar resultaten från trygghetsundersökningen i november. Otryggheten är "
         "störst bland kvinnor och äldre i Norrby och vid Stationsområdet.",
         "att notera informationen,\natt resultaten publiceras på kommunens webbplats."),
        ("Medborgarlöfte {y}",
         "Kommunen och polisen presenterar årets medborgarlöfte: gemensam närvaro i Centrum och "
         "Norrby fredagskvällar, bättre belysning och återkoppling efter trygghetsvandringar.",
         "att ställa sig bakom medborgarlöftet för {y}.")],
    5: [("Tema: Unga och narkotika",
         "Fältsekreterarna och kommunpolisen beskriver läget bland unga: fler uppgifter om "
         "narkotikaförsäljning via sociala medier och vid busstationen.",
         "att notera informationen,\natt frågan följs upp i arbetsgruppen Unga i riskmiljöer."),
        ("Uppföljning av medborgarlöftet, första tertialet",
         "Genomgång av aktiviteterna i medborgarlöftet. Närvaron fredagskvällar har genomförts enligt "
         "plan.", "att godkänna uppföljningen.")],
    9: [("Lägesbild hösten {y}",
         "Samordnaren och polisen redovisar lägesbilden efter sommaren: lugnare i Stadsparken, mer "
         "skadegörelse vid Stationsområdet.", "att notera informationen."),
        ("Uppföljning av medborgarlöftet, andra tertialet",
         "Aktiviteterna följer planen. Återkopplingen efter trygghetsvandringen i Norrby har "
         "uppskattats av de boende.", "att godkänna uppföljningen.")],
    11: [("Inriktning för handlingsplan och medborgarlöfte {y1}",
          "Förslag till inriktning: fortsatt fokus på Stationsområdet, unga i riskmiljöer och "
          "belysning. Polisen föreslår att medborgarlöftet även omfattar Stationsområdet.",
          "att ställa sig bakom inriktningen,\natt styrgruppen beaktar rådets synpunkter i förslaget "
          "till handlingsplan."),
         ("Uppföljning av medborgarlöftet {y}",
          "Aktiviteterna i årets medborgarlöfte är i stort sett genomförda. Återkopplingen till "
          "invånarna sker i januari.",
          "att godkänna uppföljningen,\natt återkopplingen publiceras på kommunens webbplats i januari.")],
}

_ANALYS_TOPICS: dict[int, _Item] = {
    1: ("Analys av EST-rapporter, tredje tertialet {y0}",
        "Genomgång av tertialets EST-rapporter. Skadegörelse och nedskräpning dominerar; "
        "Stationsområdet och busstationen sticker ut kvällstid.",
        "att samordnaren lyfter Stationsområdet till samordningsgruppen,\natt analysen ingår i "
        "årsuppföljningen."),
    3: ("Polisens lokala lägesbild",
        "Kommunpolisen presenterar polisens lokala lägesbild. Den stämmer väl med EST-rapporterna.",
        "att notera informationen."),
    5: ("Analys av EST-rapporter, första tertialet {y}",
        "Antalet rapporter har ökat sedan Tryggviksbostäder började rapportera. Flest rapporter "
        "gäller skadegörelse vid busstationen och nedskräpning i Stadsparken.",
        "att Samhällsbyggnadsförvaltningen informeras om mönstret i Stadsparken."),
    8: ("Sommarens händelser",
        "Sammanställning av sommarens rapporter: samlingar vid badplatsen Lugnet och enstaka "
        "bränder i papperskorgar.", "att notera informationen."),
    10: ("Analys av EST-rapporter, andra tertialet {y}",
         "Skadegörelsen vid Stationsområdet fortsätter att öka. Rapporterna om otrygga platser "
         "gäller främst gångtunnlar och parkeringar.",
         "att föreslå samordningsgruppen en fördjupad analys av Stationsområdet,\natt polisen "
         "prioriterar området fredags- och lördagskvällar."),
    12: ("Underlag till lägesbild och handlingsplan",
         "Årets analyser sammanfattas som underlag till lägesbilden och nästa års handlingsplan.",
         "att samordnaren sammanställer underlaget."),
}

_NORRBY_TOPICS: dict[int, _Item] = {
    2: ("Läget i Norrby",
        "Områdespolisen och Tryggviksbostäder redovisar läget: färre inbrott i källarförråd men "
        "fortsatt skadegörelse vid garagelängorna.", "att notera informationen."),
    4: ("Läget i Norrby efter vintern",
        "Boende upplever området som lugnare, men belysningen längs gångvägarna behöver åtgärdas.",
        "att Tryggviksbostäder och kommunen informeras om boendes synpunkter."),
    9: ("Grannsamverkan och nattvandring",
        "Grannsamverkan Norrby har fått tolv nya kontaktombud. Nattvandrarna går varje fredag.",
        "att Grannsamverkan bjuder in till informationsmöte tillsammans med polisen."),
    11: ("Synpunkter från boende inför vintern",
         "Boende lyfter mörka gångvägar, snöröjning av gångvägen mot skolan och oro för "
         "nyårsfirandet.", "att synpunkterna lämnas till samordningsgruppen."),
}

# Working groups: (year offset from the previous year, month) -> item.
_WG_TOPICS: dict[str, dict[tuple[int, int], _Item]] = {
    "wg_centrum": {
        (0, 3): ("Uppstart och tolkning av uppdraget",
                 "Gruppen går igenom uppdraget från samordningsgruppen och lägesbildens iakttagelser "
                 "om centrum.", "att gruppen träffas sex gånger per år,\natt Emil Strand är sekreterare."),
        (0, 5): ("Belysningsinventering i centrum",
                 "Samhällsbyggnadsförvaltningen redovisar inventeringen: fjorton armaturer bör bytas, "
                 "varav fyra på privat mark.",
                 "att Samhällsbyggnadsförvaltningen byter de kommunala armaturerna,\natt "
                 "Centrumfastigheter kontaktas om armaturerna på privat mark."),
        (0, 6): ("Kvällsöppna verksamheter",
                 "Centrumföreningen presenterar ett förslag om samordnade kvällsöppettider på torsdagar.",
                 "att ställa sig bakom förslaget,\natt Centrumföreningen återkommer med en utvärdering."),
        (0, 9): ("Förmöte inför trygghetsvandringen i Centrum",
                 "Rutt, inbjudan och roller inför trygghetsvandringen i oktober diskuteras.",
                 "att fastställa rutten enligt förslaget,\natt Centrumföreningen bjuder in handlarna och "
                 "samordnaren bjuder in de boende."),
        (0, 10): ("Praktiska förberedelser inför trygghetsvandringen",
                  "Kartor, västar och ficklampor. Polisen och Nattvandrarna deltar.",
                  "att notera informationen."),
        (0, 12): ("Uppföljning av trygghetsvandringen i Centrum",
                  "Iakttagelserna från vandringen gås igenom och ansvaret för åtgärderna fördelas.",
                  "att fastställa åtgärdslistan,\natt återkoppling till deltagarna sker senast sex veckor "
                  "efter vandringen."),
        (1, 2): ("Fastighetsägarnas ansvar för belysning och buskage",
                 "Centrumfastigheter redovisar sin plan för belysning på privat mark.",
                 "att gruppen följer upp planen vid junimötet."),
        (1, 3): ("Trygghetsaspekter i planarbetet för Torget",
                 "Samhällsbyggnadsförvaltningen informerar om detaljplanearbetet för Torget.",
                 "att gruppen lämnar synpunkter om belysning, siktlinjer och platser för kvällsaktiviteter."),
        (1, 5): ("Läget för belysningsåtgärderna",
                 "Tio av fjorton armaturer är utbytta. Resterande väntar på leverans.",
                 "att notera informationen."),
        (1, 6): ("Delrapport till samordningsgruppen",
                 "Utkast till delrapport diskuteras.",
                 "att delrapporten lämnas till samordningsgruppen i augusti."),
        (1, 9): ("Utvärdering av kvällsöppet på torsdagar",
                 "Centrumföreningen redovisar fler besökare och färre rapporter om otrygghet på torsdagskvällar.",
                 "att föreslå att kvällsöppet permanentas."),
        (1, 10): ("Utkast till slutrapport",
                  "Gruppen går igenom utkastet till slutrapport.",
                  "att samordnaren och sammankallande färdigställer slutrapporten."),
        (1, 12): ("Slutrapport till samordningsgruppen",
                  "Slutrapporten gås igenom en sista gång.",
                  "att slutrapporten lämnas till samordningsgruppen,\natt föreslå att gruppen upplöses."),
    },
    "wg_klotter": {
        (0, 1): ("Kartläggning av klotter och skadegörelse",
                 "Felanmälningar och EST-rapporter för {y0} visar att klotter är vanligast vid "
                 "Stationsområdet, Torget och skolorna.",
                 "att Samhällsbyggnadsförvaltningen tar fram en karta över de mest utsatta platserna."),
        (0, 3): ("Rutin för sanering inom 48 timmar",
                 "Förslag till gemensam rutin för kommunen och Tryggviksbostäder diskuteras.",
                 "att föreslå samordningsgruppen en gemensam rutin för sanering inom 48 timmar,\natt "
                 "Samhällsbyggnadsförvaltningen tar fram en mall för uppföljning av saneringstiderna."),
        (0, 4): ("Avtal om snabbsanering med Tryggviksbostäder",
                 "Tryggviksbostäder redovisar sitt avtal med saneringsfirman.",
                 "att kommunen och Tryggviksbostäder samordnar upphandlingen av sanering."),
        (0, 6): ("Uppföljning av saneringstiderna",
                 "88 procent av anmält klotter sanerades inom 48 timmar under perioden.",
                 "att notera informationen."),
        (0, 9): ("Laglig graffitivägg – förslag",
                 "Kultur- och fritidsförvaltningen har önskat en laglig vägg vid fritidsgården Kvarnen.",
                 "att förslaget lämnas till samordningsgruppen för beslut."),
        (0, 10): ("Slutrapport och avslut av gruppen",
                  "Slutrapporten gås igenom. Rutinen är införd och saneringstiderna följs upp i EST.",
                  "att godkänna slutrapporten,\natt föreslå samordningsgruppen att gruppen upplöses,\natt "
                  "frågan om kamerabevakning vid Stationsområdet överlämnas till samordningsgruppen."),
    },
    "wg_unga": {
        (0, 9): ("Uppstart och kartläggning",
                 "Gruppen går igenom uppdraget. Fältgruppen beskriver var unga samlas kvällstid.",
                 "att fältgruppen sammanställer en kartläggning till nästa möte."),
        (0, 11): ("SSPF-samverkan",
                  "Skola, socialtjänst, polis och fritid beskriver hur samverkan kring enskilda unga "
                  "fungerar i dag.",
                  "att föreslå en gemensam rutin för SSPF-samverkan."),
        (1, 2): ("Kvällsverksamhet och fältgruppens schema",
                 "Fältgruppens schema samordnas med fritidsgårdarnas öppettider.",
                 "att fältgruppen arbetar fredagar och lördagar till kl. 01."),
        (1, 4): ("Föräldravandringar och vuxennärvaro",
                 "Förslag om föräldravandringar helgkvällar tillsammans med Nattvandrarna.",
                 "att föreslå samordningsgruppen att föräldravandringar införs."),
        (1, 9): ("Sommarens erfarenheter",
                 "Sommaren har varit lugnare än året innan vid busstationen.",
                 "att notera informationen."),
        (1, 11): ("Delrapport till samordningsgruppen",
                  "Utkast till delrapport diskuteras.",
                  "att delrapporten lämnas till samordningsgruppen i december."),
    },
}

# Items placed in a given meeting: (group, year offset, month) -> (key, item). Measures refer
# to these by key (origin_minutes_item_id), so the trail runs from decision to action.
_KEYED_ITEMS: dict[tuple[str, int, int], list[tuple[str, _Item]]] = {
    ("samord", 0, 4): [("kvarnen", (
        "Kvällsöppet på fritidsgården Kvarnen",
        "Fältgruppen rapporterar att många unga saknar en plats att vara på fredags- och "
        "lördagskvällar och samlas vid busstationen.",
        "att ge Kultur- och fritidsförvaltningen i uppdrag att utöka öppettiderna på fritidsgården "
        "Kvarnen fredagar och lördagar,\natt åtgärden förs in i handlingsplanen."))],
    ("samord", 0, 9): [("tunnel", (
        "Belysning i gångtunneln under Järnvägsgatan",
        "Flera EST-rapporter och synpunkter från boende om att gångtunneln är mörk och utsatt för klotter.",
        "att ge Samhällsbyggnadsförvaltningen i uppdrag att byta till vandalsäker LED-belysning i "
        "gångtunneln,\natt åtgärden förs in i handlingsplanen."))],
    ("bra", 0, 9): [("fastnatverk", (
        "Tema: Fastighetsägarnas trygghetsarbete",
        "Tryggviksbostäder och Centrumfastigheter redovisar sitt trygghetsarbete och efterlyser ett "
        "forum för fastighetsägarna i centrum.",
        "att ge säkerhetssamordnaren i uppdrag att starta ett nätverk för fastighetsägare i centrum,"
        "\natt nätverket redovisar sitt arbete för rådet."))],
    ("styr", 0, 11): [
        ("lagesbild", (
            "Lägesbild brott och trygghet {y0}–{y}",
            "Samordnaren presenterar lägesbilden. Den bygger på trygghetsundersökningen, polisens "
            "statistik, EST-rapporterna och trygghetsvandringarna och pekar ut sex prioriterade "
            "problem.",
            "att fastställa lägesbilden,\natt lägesbilden ligger till grund för handlingsplanen {y1}.")),
        ("light_norrby", (
            "Belysning av gång- och cykelvägar i Norrby",
            "Trygghetsundersökningen och boende i Norrby pekar på mörka gång- och cykelvägar.",
            "att ge Samhällsbyggnadsförvaltningen i uppdrag att ta fram ett belysningsprogram för "
            "gång- och cykelvägarna i Norrby,\natt programmet ryms inom investeringsbudgeten för {y1}."))],
    ("samord", 1, 2): [("busstation", (
        "Narkotikahandel vid busstationen",
        "EST-rapporter och polisens iakttagelser tyder på narkotikahandel vid busstationen fredags- "
        "och lördagskvällar.",
        "att polisen och kommunen genomför gemensamma insatser vid busstationen,\natt ge "
        "Samhällsbyggnadsförvaltningen i uppdrag att förbereda en ansökan om kamerabevakning."))],
    ("samord", 1, 4): [("foraldra", (
        "Föräldravandringar helgkvällar",
        "Arbetsgruppen Unga i riskmiljöer föreslår föräldravandringar tillsammans med Nattvandrarna.",
        "att införa föräldravandringar i Centrum och Norrby helgkvällar,\natt fältgruppen samordnar "
        "vandringarna."))],
}


# --------------------------------------------------------------------------- walks

@dataclass(frozen=True)
class _ObsSpec:
    place: str
    category: ObservationCategory
    priority: Priority
    description: str
    responsible: str | None = None
    no_action_reason: str = ""
    photo: bool = False


_WALKS: dict[str, dict] = {
    "centrum": dict(
        area="Centrum",
        route="Samling vid kommunhuset – Storgatan – Torget – Torggallerian – gångvägen bakom "
              "Stadsbiblioteket – Stadsparken – busstationen",
        weather="Mulet, +7 °C, lätt regn mot slutet",
        light=LightCondition.DARK, time=(18, 30), organiser="wg_centrum",
        people=("maria", "lena", "oskar", "malin", "rolf", "emil"), orgs=("natt",),
        others=("Boende i centrum (7 personer)", "Elevrådet på Tryggviks gymnasium (3 elever)"),
        summary="Centrum upplevs som tryggt dagtid men ödsligt efter att "
                "butikerna stängt. Belysningen bakom Stadsbiblioteket och klottret vid Torggallerian "
                "var de tydligaste problemen; Torget och den nya belysningen i Stadsparken fick beröm.",
        observations=[
            _ObsSpec("Gångvägen bakom Stadsbiblioteket", ObservationCategory.LIGHTING, Priority.HIGH,
                     "Två av fyra belysningsstolpar är släckta. Mycket mörkt mellan biblioteket och "
                     "parkeringen.", "sbf", photo=True),
            _ObsSpec("Torggallerian, fasaden mot Storgatan", ObservationCategory.GRAFFITI, Priority.MEDIUM,
                     "Omfattande klotter på fasaden och lastkajen.", "cfast", photo=True),
            _ObsSpec("Lastgården bakom Torggallerian", ObservationCategory.DESOLATE, Priority.MEDIUM,
                     "Ödslig och instängd plats där unga samlas; ingen insyn från gatan.",
                     no_action_reason="Privat fastighetsägare beslutar själv"),
            _ObsSpec("Stadsparken, lekplatsen", ObservationCategory.POSITIVE, Priority.LOW,
                     "Ny belysning och öppen växtlighet – upplevs som tryggt och vackert."),
            _ObsSpec("Storgatan vid apoteket", ObservationCategory.LITTER, Priority.LOW,
                     "Överfulla papperskorgar på kvällen.", "sbf"),
            _ObsSpec("Övergångsstället Storgatan–Kyrkogatan", ObservationCategory.TRAFFIC, Priority.MEDIUM,
                     "Bilarna håller hög fart och övergångsstället är dåligt upplyst.", "sbf"),
            _ObsSpec("Busstationen, väntkuren", ObservationCategory.VANDALISM, Priority.HIGH,
                     "Krossad glasruta i väntkuren; samlingar av unga sent på kvällen.", "sbf"),
            _ObsSpec("Torget", ObservationCategory.POSITIVE, Priority.LOW,
                     "Kvällsöppna kaféer ger liv och upplevs som tryggt."),
            _ObsSpec("Cykelparkeringen vid kommunhuset", ObservationCategory.OTHER, Priority.LOW,
                     "Många övergivna cyklar ger ett ovårdat intryck.", "sbf"),
        ]),
    "norrby": dict(
        area="Norrby",
        route="Samling vid Norrby träffpunkt – Lärkvägen – gångvägen mot Norrbyskolan – "
              "gångtunneln under Norrbyleden – Norrby centrum – lekplatsen Lärkan",
        weather="Klart, −2 °C, snöfritt",
        light=LightCondition.DUSK, time=(18, 0), organiser="norrby",
        people=("niklas", "oskar", "kent", "birgitta", "ahmed", "emil"), orgs=("tvb",),
        others=("Boende i kvarteret Lärkan (8 personer)", "Seniorer från Norrby träffpunkt (4 personer)"),
        summary="Belysningen och den skymmande växtligheten längs gångvägarna "
                "var de största problemen; lekplatsen Lärkan och träffpunkten lyftes fram som trygga "
                "platser.",
        observations=[
            _ObsSpec("Gångvägen mot Norrbyskolan", ObservationCategory.VEGETATION, Priority.HIGH,
                     "Höga buskar skymmer sikten längs hela gångvägen; flera boende undviker vägen "
                     "kvällstid.", "sbf", photo=True),
            _ObsSpec("Lärkvägen 2–10", ObservationCategory.LIGHTING, Priority.HIGH,
                     "Tre armaturer är trasiga; mörkt vid busshållplatsen.", "sbf"),
            _ObsSpec("Kvarteret Lärkan, entréer och cykelförråd", ObservationCategory.DESOLATE,
                     Priority.MEDIUM, "Mörka entréer och cykelförråd utan belysning.", "tvb"),
            _ObsSpec("Övergångsstället vid Norrby centrum", ObservationCategory.TRAFFIC, Priority.HIGH,
                     "Skymd sikt för bilister; barn korsar här på väg till skolan.", "sbf"),
            _ObsSpec("Gångtunneln under Norrbyleden", ObservationCategory.UNDERPASS, Priority.HIGH,
                     "Mörk och klottrad, dålig sikt genom tunneln; många går över vägen i stället.",
                     "sbf"),
            _ObsSpec("Norrby centrum, torgytan", ObservationCategory.LITTER, Priority.MEDIUM,
                     "Nedskräpning kring bänkarna och pizzerian.", "tvb"),
            _ObsSpec("Lekplatsen Lärkan", ObservationCategory.POSITIVE, Priority.LOW,
                     "Nyrenoverad och väl upplyst; uppskattas av de boende."),
            _ObsSpec("Garagelängan vid Lärkvägen 14", ObservationCategory.VANDALISM, Priority.MEDIUM,
                     "Uppbrutna garageportar och krossade lampor.", "tvb"),
            _ObsSpec("Gång- och cykelvägen mot centrum", ObservationCategory.ACCESSIBILITY,
                     Priority.MEDIUM, "Ojämn asfalt och höga kantstenar försvårar för rullator och "
                     "barnvagn.", "sbf"),
            _ObsSpec("Norrby träffpunkt", ObservationCategory.POSITIVE, Priority.LOW,
                     "Kvällsöppen träffpunkt med personal ger trygghet i området."),
        ]),
    "station": dict(
        area="Stationsområdet",
        route="Samling vid stationshuset – perrongen mot Norrby – Järnvägsgatan – gångtunneln – "
              "busstationen – Stationsparken",
        weather="Lätt dimma, +5 °C",
        light=LightCondition.DARK, time=(19, 0), organiser="samord",
        people=("maria", "camilla", "annika", "niklas", "lena"), orgs=("natt", "polis"),
        others=("Resenärer och pendlare som anslöt under vandringen (5 personer)",),
        summary="Den nya belysningen i gångtunneln har gjort stor skillnad, men "
                "perrongen, parkeringen och busstationen upplevs som otrygga efter kl. 21.",
        observations=[
            _ObsSpec("Gångtunneln under Järnvägsgatan", ObservationCategory.UNDERPASS, Priority.LOW,
                     "Den nya LED-belysningen upplevs som betydligt tryggare, men klotter har "
                     "återkommit.", "sbf"),
            _ObsSpec("Cykelparkeringen vid stationen", ObservationCategory.LITTER, Priority.MEDIUM,
                     "Mycket skräp och många övergivna cyklar.", "sbf"),
            _ObsSpec("Perrongen mot Norrby", ObservationCategory.DESOLATE, Priority.HIGH,
                     "Ödsligt efter sista avgången; ingen personal och ingen kamera."),
            _ObsSpec("Järnvägsgatan, parkeringen", ObservationCategory.LIGHTING, Priority.HIGH,
                     "Halva parkeringen saknar belysning.", "sbf"),
            _ObsSpec("Busstationen", ObservationCategory.VANDALISM, Priority.HIGH,
                     "Skadegörelse på väntkurer och biljettautomat; samlingar av unga fredagskvällar.",
                     "polis"),
            _ObsSpec("Stationsparken", ObservationCategory.VEGETATION, Priority.MEDIUM,
                     "Täta buskage intill gångstråket.", "sbf"),
            _ObsSpec("Stationshuset, kaféet", ObservationCategory.POSITIVE, Priority.LOW,
                     "Kvällsöppet kafé med personal upplevs som tryggt."),
            _ObsSpec("Infarten från Stationsvägen", ObservationCategory.OTHER, Priority.LOW,
                     "Skyltning till gångvägen mot centrum saknas.", "sbf"),
        ]),
}

_FINDINGS = [
    (3, "Ökad skadegörelse och klotter i centrum och vid stationen",
     "Anmälda skadegörelsebrott har ökat med cirka 15 procent, främst vid Stationsområdet, "
     "busstationen och Torget. Klotter återkommer snabbt där sanering dröjer.",
     FindingSource.REPORTED_CRIME, Priority.HIGH, 4),
    (1, "Otrygghet kvällstid i Norrby, särskilt bland kvinnor och äldre",
     "I trygghetsundersökningen avstår var fjärde kvinna i Norrby från att gå ut ensam sent en kväll. "
     "Mörka gångvägar och gångtunneln under Norrbyleden nämns oftast.",
     FindingSource.SURVEY, Priority.HIGH, 3),
    (2, "Samlingar av unga och misstänkt narkotikahandel vid busstationen",
     "EST-rapporter och polisens iakttagelser visar samlingar av unga fredags- och lördagskvällar och "
     "tecken på narkotikaförsäljning.", FindingSource.EST, Priority.HIGH, 6),
    (4, "Brister i belysningen längs gång- och cykelvägar",
     "Trygghetsvandringarna har pekat ut släckta och saknade armaturer längs flera gångstråk.",
     FindingSource.SAFETY_WALK, Priority.MEDIUM, 3),
    (5, "Fler incidenter med hot mot anställda i receptioner",
     "Incidentrapporterna visar fler fall av hot och hotfullt beteende mot medarbetare i kommunhusets "
     "och socialkontorets receptioner.", FindingSource.OTHER, Priority.MEDIUM, 8),
    (6, "Våld i nära relation – mörkertal och låg kännedom om stöd",
     "Polisens anmälningar ligger stilla, men stödverksamheten och skolorna bedömer att mörkertalet "
     "är stort och att många inte känner till kommunens stöd.", FindingSource.POLICE, Priority.MEDIUM, 7),
]


# Revision 0007: each finding's area of the municipality and every focus area it
# prioritises (the first is the one above).
_FINDING_AREAS = {3: ("Centrum och Stationsområdet", (4, 2)), 1: ("Norrby", (3, 1)),
                  2: ("Busstationen", (6, 5, 2)), 4: ("Norrby och Västerby", (3,)),
                  5: ("Kommunhuset och socialkontoret", (8,)), 6: ("Hela kommunen", (7,))}

# (kind, owner, date as (years before the current, month, day) or None, note)
_SOURCES = [
    (SourceKind.REPORTED_CRIME, "Polisen (öppen statistik)", (1, 12, 31),
     "Anmälda brott per brottskategori och år 2015–{p}, Tryggviks kommun."),
    (SourceKind.POLICE, "Lokalpolisområde Tryggvik", (1, 10, 15),
     "Polisens lägesbild för lokalpolisområdet, genomgången i BRÅ i oktober {p}."),
    (SourceKind.SURVEY, "Kommunledningsförvaltningen", (1, 11, 30),
     "Trygghetsundersökningen november {p}: 1 240 svarande, redovisad per kommundel och kön."),
    (SourceKind.EST, "Analysgruppen EST", (1, 12, 15),
     "EST-rapporter från kommunens verksamheter, Tryggviksbostäder och polisen, analyserade per tertial."),
    (SourceKind.DIALOGUE, "Kommunledningsförvaltningen", (1, 9, 20),
     "Medborgardialoger i Norrby och Centrum inför medborgarlöftet."),
    (SourceKind.OTHER, "Barn- och utbildningsförvaltningen", (1, 6, 1),
     "Skolornas trygghetsenkäter och Kolada (nyckeltal om trygghet)."),
]

# EST reports over the current year: (month, day, reporter kind, organisation key, place, kind, text)
_EST = [
    (1, 9, ReporterKind.HOUSING, "tvb", "Norrbyvägen 12, trapphus", EstKind.VANDALISM,
     "Krossad ruta i entrédörren, andra gången i januari."),
    (1, 21, ReporterKind.MUNICIPAL, "sbf", "Gångtunneln under Norrbyleden", EstKind.GRAFFITI,
     "Nytt klotter på båda väggarna, delvis kränkande text."),
    (2, 3, ReporterKind.POLICE, "polis", "Busstationen", EstKind.DRUGS,
     "Misstänkt narkotikaförsäljning fredagskväll, flera unga i gruppen."),
    (2, 17, ReporterKind.MUNICIPAL, "kff", "Torget", EstKind.DISORDER,
     "Stökigt vid fritidsgårdens stängning, glåpord mot personal."),
    (3, 4, ReporterKind.MUNICIPAL, "sbf", "Stationsparken", EstKind.LITTER,
     "Mycket skräp och glasflaskor efter helgen."),
    (3, 19, ReporterKind.HOUSING, "tvb", "Norrby centrum", EstKind.UNSAFE_PLACE,
     "Boende upplever passagen mot parkeringen som otrygg efter mörkrets inbrott; två armaturer släckta."),
    (4, 2, ReporterKind.POLICE, "polis", "Busstationen", EstKind.DISORDER,
     "Samling av ett tjugotal unga, bråk mellan två grupper."),
    (4, 15, ReporterKind.MUNICIPAL, "buf", "Västerbyskolan", EstKind.VANDALISM,
     "Skadegörelse på skolgårdens lekutrustning under påsklovet."),
    (4, 28, ReporterKind.MUNICIPAL, "sbf", "Gångtunneln under Norrbyleden", EstKind.GRAFFITI,
     "Klottret återkommet tre veckor efter sanering."),
    (5, 11, ReporterKind.OTHER, "cfast", "Torget", EstKind.GRAFFITI,
     "Klotter på butiksfasader längs Storgatan."),
    (5, 30, ReporterKind.MUNICIPAL, "rtj", "Västerbyskolan", EstKind.FIRE,
     "Anlagd brand i papperskorg vid idrottshallen."),
    (6, 14, ReporterKind.POLICE, "polis", "Busstationen", EstKind.DRUGS,
     "Beslag av narkotika vid kontroll, två omhändertagna."),
    (7, 6, ReporterKind.MUNICIPAL, "sbf", "Stationsparken", EstKind.LITTER,
     "Nedskräpning och dumpade möbler vid gångstråket."),
    (8, 12, ReporterKind.HOUSING, "tvb", "Norrbyvägen 12, trapphus", EstKind.VANDALISM,
     "Sönderslaget porttelefonpanel."),
    (8, 23, ReporterKind.MUNICIPAL, "kff", "Torget", EstKind.DISORDER,
     "Ordningsstörning vid kvällsevenemang, väktare tillkallade."),
    (9, 5, ReporterKind.POLICE, "polis", "Stationsområdet", EstKind.UNSAFE_PLACE,
     "Perrongen mot Norrby ödslig efter sista avgången; oro bland resenärer."),
    (9, 26, ReporterKind.MUNICIPAL, "sbf", "Gångtunneln under Norrbyleden", EstKind.GRAFFITI,
     "Klotter igen, anmält till polisen."),
    (10, 8, ReporterKind.HOUSING, "tvb", "Norrby centrum", EstKind.LITTER,
     "Nedskräpning vid återvinningsstationen."),
    (10, 24, ReporterKind.POLICE, "polis", "Busstationen", EstKind.DISORDER,
     "Samlingar av unga fredags- och lördagskvällar, tre ingripanden."),
    (11, 7, ReporterKind.MUNICIPAL, "soc", "Kommunhuset, receptionen", EstKind.OTHER,
     "Hotfullt beteende mot receptionspersonal, polisanmält."),
]


# --------------------------------------------------------------------------- measures

@dataclass(frozen=True)
class _MeasureSpec:
    key: str
    plan: str  # "prev" | "cur"
    profile: str  # done | ongoing | late | not_started | not_started_late | paused | paused_late | cancelled
    fa: int
    resp: str  # person key; the organisation is the person's
    partners: tuple[str, ...]
    title: str
    description: str
    effect: str
    notes: tuple[str, ...] = ()
    origin: tuple[str, ...] | None = None
    reason: str = ""  # pause or cancel reason
    carries: str | None = None  # key of last year's measure this one continues


_MEASURES = [
    # ---- previous year's plan
    _MeasureSpec("p1", "prev", "done", 1, "maria", ("polis",),
                 "Ta fram medborgarlöfte för {y1} tillsammans med Lokalpolisområde Tryggvik",
                 "Medborgardialoger i Centrum och Norrby, analys av trygghetsundersökningen och "
                 "gemensam lägesbild med polisen som grund för löftet.",
                 "Ett medborgarlöfte som bygger på invånarnas egna bilder av tryggheten.",
                 ("Medborgardialog hållen i Norrby träffpunkt med cirka 30 deltagare.",
                  "Utkast till löfte diskuterat med lokalpolisområdeschefen.",
                  "Medborgarlöftet undertecknat av kommunstyrelsens ordförande och "
                  "lokalpolisområdeschefen.")),
    _MeasureSpec("p2", "prev", "done", 2, "maria", ("sbf", "soc", "buf", "kff"),
                 "Införa EST-rapportering i samtliga förvaltningar",
                 "Utbilda kontaktpersoner i varje förvaltning och införa veckovis rapportering.",
                 "En heltäckande lägesbild som uppdateras varje vecka.",
                 ("Kontaktpersoner utsedda i alla förvaltningar.",
                  "Utbildning genomförd för 24 kontaktpersoner.",
                  "Samtliga förvaltningar rapporterar veckovis.")),
    _MeasureSpec("p3", "prev", "done", 3, "lena", ("tvb",),
                 "Röjning av skymmande buskage längs gångvägen i Norrbyskogen",
                 "Röjning och uppstamning av träd och buskar längs den belysta gångvägen.",
                 "Bättre sikt och färre platser där man känner sig iakttagen.",
                 ("Besiktning gjord tillsammans med Tryggviksbostäder.",
                  "Röjningen utförd av parkenheten.")),
    _MeasureSpec("p4", "prev", "done", 3, "emil", (),
                 "Trafiksäkerhetsåtgärd vid övergångsstället Skolvägen–Storgatan",
                 "Upphöjt övergångsställe och bättre belysning.",
                 "Lägre hastighet och tryggare skolväg.",
                 ("Projektering klar.", "Ombyggnaden utförd under sommarlovet.")),
    _MeasureSpec("p5", "prev", "done", 4, "lena", ("tvb",),
                 "Rutin för sanering av klotter inom 48 timmar",
                 "Gemensam rutin för kommunen och Tryggviksbostäder, framtagen av arbetsgruppen "
                 "Klotter och skadegörelse.",
                 "Klotter försvinner snabbt och återkommer mer sällan.",
                 ("Utkast till rutin klart.", "Rutinen fastställd av samordningsgruppen.",
                  "Rutinen införd; saneringstiderna följs upp i EST.")),
    _MeasureSpec("p6", "prev", "done", 4, "niklas", (),
                 "Snabbsanering av klotter i Tryggviksbostäders bestånd",
                 "Avtal med saneringsfirma om sanering inom 48 timmar efter anmälan.",
                 "Färre klottrade fasader och trapphus.",
                 ("Avtal tecknat.", "Första kvartalet: 91 procent sanerat inom 48 timmar.")),
    _MeasureSpec("p7", "prev", "done", 5, "mikael", (),
                 "Utökat kvällsöppet på fritidsgården Kvarnen fredagar och lördagar",
                 "Öppet till kl. 23 fredagar och lördagar med två extra fritidsledare.",
                 "Fler unga på en trygg plats med vuxna i stället för vid busstationen.",
                 ("Schema och bemanning klara.", "Kvällsöppet startade; i snitt 55 besökare per kväll."),
                 origin=("minutes", "kvarnen")),
    _MeasureSpec("p8", "prev", "done", 5, "ahmed", ("natt",),
                 "Förstärkt fältgrupp under sommarlovet",
                 "Två extra fältassistenter under juni–augusti, samordnat med Nattvandrarna.",
                 "Vuxennärvaro där unga samlas under sommaren.",
                 ("Två sommarfältare anställda.", "Sommaren utvärderad: lugnare vid badplatsen Lugnet.")),
    _MeasureSpec("p9", "prev", "done", 6, "karin", ("polis",),
                 "Samordnad tillsyn av serveringsställen med polisen",
                 "Gemensamma tillsynsbesök kvällstid på kommunens serveringsställen.",
                 "Färre serveringar till underåriga och berusade.",
                 ("Tillsynsplan klar.", "Åtta gemensamma tillsynskvällar genomförda.")),
    _MeasureSpec("p10", "prev", "done", 7, "helena", (),
                 "Utbildning i att fråga om våld för socialtjänstens handläggare",
                 "Halvdagsutbildning för alla handläggare inom individ- och familjeomsorgen.",
                 "Fler våldsutsatta upptäcks och får stöd.",
                 ("Utbildningsdagar bokade.", "48 handläggare utbildade.")),
    _MeasureSpec("p11", "prev", "done", 8, "johan", (),
                 "Utbildning i hot och våld för chefer",
                 "Obligatorisk utbildning för alla chefer, med fokus på förebyggande arbete och "
                 "stöd efter en händelse.",
                 "Chefer som vet hur de förebygger och hanterar hot och våld.",
                 ("Utbildningen upphandlad.", "Fyra utbildningstillfällen genomförda, 62 chefer.")),
    _MeasureSpec("p12", "prev", "done", 9, "maria", (),
                 "Rutin för trygghetsbesök efter incidenter",
                 "Rutin för när och hur säkerhetssamordnaren gör trygghetsbesök.",
                 "Snabbt och likvärdigt stöd till utsatta verksamheter.",
                 ("Rutinen remitterad till förvaltningarna.", "Rutinen beslutad av kommundirektören.")),
    _MeasureSpec("p13", "prev", "cancelled", 10, "johan", (),
                 "Utbildning om otillåten påverkan för förtroendevalda",
                 "Egen utbildning för kommunens förtroendevalda.",
                 "Förtroendevalda som känner igen och anmäler otillåten påverkan.",
                 ("Offert inhämtad.",),
                 reason="Ersätts av länsstyrelsens regionala utbildning, som erbjuds alla "
                        "förtroendevalda kostnadsfritt."),
    _MeasureSpec("p14", "prev", "cancelled", 3, "emil", (),
                 "Gångfartsområde på Torget",
                 "Utreda gångfartsområde på Torget kvällstid.",
                 "Mer liv och färre bilar på Torget.", (),
                 reason="Detaljplanearbetet för Torget har skjutits upp; frågan hanteras i planarbetet."),
    _MeasureSpec("p15", "prev", "done", 1, "maria", ("cfast", "tvb", "cfor"),
                 "Nätverk för fastighetsägare i centrum",
                 "Ett nätverk där kommunen, polisen och fastighetsägarna delar lägesbild och "
                 "samordnar åtgärder.",
                 "Fastighetsägarna tar ett större gemensamt ansvar för tryggheten i centrum.",
                 ("Inbjudan skickad till fastighetsägarna.", "Första nätverksträffen hölls med sju "
                  "fastighetsägare."), origin=("minutes", "fastnatverk")),
    _MeasureSpec("p16", "prev", "ongoing", 3, "lena", (),
                 "Ny LED-belysning i gångtunneln under Järnvägsgatan",
                 "Vandalsäker LED-belysning och ljusa väggar i gångtunneln.",
                 "En gångtunnel där man ser och syns.",
                 ("Kostnadsförslag inhämtat.", "Beställning lagd; leverans i vår."),
                 origin=("minutes", "tunnel")),
    _MeasureSpec("p17", "prev", "not_started", 3, "lena", (),
                 "Belysning på gångvägen bakom Stadsbiblioteket",
                 "Laga släckta stolpar och komplettera med två nya armaturer.",
                 "En upplyst genväg mellan biblioteket och parkeringen.",
                 origin=("obs", "centrum", "1")),
    _MeasureSpec("p18", "prev", "paused", 4, "rolf", (),
                 "Sanering av klotter på Torggallerians fasad",
                 "Fastighetsägaren sanerar fasaden och lastkajen och skyddsbehandlar ytorna.",
                 "En ren fasad mot Storgatan.",
                 ("Offert på sanering och skyddsbehandling inhämtad.",),
                 origin=("obs", "centrum", "2"),
                 reason="Väntar på beslut om fasadrenovering hos fastighetsägaren."),
    _MeasureSpec("p19", "prev", "ongoing", 5, "elin", (),
                 "Rastvärdar på skolgården vid Västerbyskolan",
                 "Vuxna rastvärdar med västar på alla raster, schemalagda bland personalen.",
                 "Färre kränkningar och konflikter på skolgården.",
                 ("Schema för rastvärdar klart.", "Rastvärdar på plats vid förmiddagsrasterna.")),
    _MeasureSpec("p20", "prev", "ongoing", 8, "johan", ("buf", "polis", "rtj"),
                 "Rutin vid pågående dödligt våld (PDV) för alla skolor",
                 "Gemensam larm- och utrymningsrutin vid pågående dödligt våld, med övning på varje skola.",
                 "Personal och elever vet hur de ska agera.",
                 ("Rutinen remitterad till rektorerna.", "Övning genomförd på två av sex skolor.")),
    _MeasureSpec("p21", "prev", "not_started", 4, "peter", ("polis",),
                 "Förstudie om kamerabevakning vid Stationsområdet",
                 "Utreda behov, alternativ och tillstånd för kamerabevakning vid stationen och "
                 "busstationen.",
                 "Underlag för beslut om kamerabevakning."),
    # ---- this year's plan: carried over from last year
    _MeasureSpec("c16", "cur", "done", 3, "lena", (), "", "", "",
                 ("Belysningen levererad.", "Installationen klar; tunneln upplevs som betydligt "
                  "tryggare."), carries="p16"),
    _MeasureSpec("c17", "cur", "late", 3, "lena", (), "", "", "",
                 ("Elentreprenören beställd.", "Arbetet försenat på grund av tjälen; nya stolpar "
                  "levereras senare."), carries="p17"),
    _MeasureSpec("c18", "cur", "cancelled", 4, "rolf", (), "", "", "", (), carries="p18",
                 reason="Fastigheten har sålts; den nya ägaren sanerar fasaden i egen regi vid "
                        "renoveringen."),
    _MeasureSpec("c19", "cur", "done", 5, "elin", (), "", "", "",
                 ("Rastvärdar även vid lunchrasterna.", "Utvärderat med elevrådet: eleverna upplever "
                  "skolgården som tryggare."), carries="p19"),
    _MeasureSpec("c20", "cur", "ongoing", 8, "johan", ("buf", "polis", "rtj"), "", "", "",
                 ("Övning genomförd på ytterligare två skolor.", "Återstående skolor planerade."),
                 carries="p20"),
    _MeasureSpec("c21", "cur", "paused_late", 4, "peter", ("polis",), "", "", "",
                 ("Förstudien påbörjad; platsbesök med polisen.",), carries="p21",
                 reason="Vilar i väntan på polisens bedömning av platsen och besked om tillstånd."),
    # ---- this year's plan: new measures
    _MeasureSpec("n1", "cur", "ongoing", 1, "maria", ("polis", "natt"),
                 "Gemensam närvaro i Centrum och Norrby fredagskvällar enligt medborgarlöftet",
                 "Polis, fältgrupp och Nattvandrarna är ute tillsammans fredagskvällar.",
                 "Ökad trygghet och färre ordningsstörningar kvällstid.",
                 ("Schema för våren klart.", "Närvaro genomförd 14 fredagar hittills.",
                  "Återkoppling till boende via Tryggviksbostäders nyhetsbrev."),
                 origin=("promise",)),
    _MeasureSpec("n2", "cur", "ongoing", 1, "camilla", ("klf",),
                 "Gemensam lägesbild med lokalpolisområdet varje tertial",
                 "Kommunen och polisen tar fram en gemensam lägesbild efter varje tertial enligt "
                 "samverkansöverenskommelsen.",
                 "Gemensamma prioriteringar som bygger på samma kunskap.",
                 ("Lägesbild för första tertialet klar.", "Lägesbild för andra tertialet klar."),
                 origin=("agreement",)),
    _MeasureSpec("n3", "cur", "done", 2, "maria", ("tvb", "cfast"),
                 "Ansluta Tryggviksbostäder och Centrumfastigheter till EST-rapporteringen",
                 "Kontaktpersoner och rapportmall för fastighetsägarna.",
                 "En mer komplett lägesbild.",
                 ("Introduktion för fastighetsägarna hållen.", "Båda rapporterar veckovis.")),
    _MeasureSpec("n4", "cur", "late", 2, "maria", (),
                 "Digital EST-rapportering via mobilen för fältpersonal",
                 "Formulär i mobilen så att fältpersonal kan rapportera direkt på plats.",
                 "Fler och snabbare rapporter.",
                 ("Krav på formuläret framtagna.", "Upphandling av verktyg försenad.")),
    _MeasureSpec("n5", "cur", "ongoing", 3, "lena", ("tvb",),
                 "Belysningsprogram för gång- och cykelvägar i Norrby",
                 "Inventering, prioritering och byte av belysning längs gång- och cykelvägar i Norrby.",
                 "Färre mörka stråk och minskad otrygghet kvällstid.",
                 ("Inventering klar: 38 armaturer behöver bytas.", "Första etappen upphandlad."),
                 origin=("minutes", "light_norrby")),
    _MeasureSpec("n6", "cur", "done", 3, "emil", (),
                 "Säkrare övergångsställe vid Norrby centrum",
                 "Ta bort skymmande skyltar, sänka hastigheten och förbättra belysningen.",
                 "Tryggare skolväg.",
                 ("Besiktning gjord med skolan.", "Åtgärderna utförda.")),
    _MeasureSpec("n7", "cur", "done", 3, "lena", (),
                 "Röjning av buskage längs gångvägen mot Norrbyskolan",
                 "Röjning av buskar och uppstamning av träd.",
                 "Bättre sikt längs skolvägen.",
                 ("Röjning beställd.", "Röjningen utförd.")),
    _MeasureSpec("n8", "cur", "done", 3, "lena", (),
                 "Byte av trasiga armaturer på Lärkvägen",
                 "Byte av tre trasiga armaturer vid busshållplatsen.",
                 "En upplyst busshållplats.",
                 ("Felanmält till elentreprenören.", "Armaturerna utbytta.")),
    _MeasureSpec("n9", "cur", "late", 3, "niklas", (),
                 "Belysning av entréer och cykelförråd i kvarteret Lärkan",
                 "Rörelsestyrd belysning vid entréer och cykelförråd.",
                 "Tryggare entréer kvällstid.",
                 ("Offert inhämtad.", "Installationen försenad av leveransproblem.")),
    _MeasureSpec("n10", "cur", "ongoing", 3, "peter", ("polis", "cfor"),
                 "Trygghetsaspekter i detaljplanen för Torget",
                 "Trygghetsanalys som underlag till detaljplanen: belysning, siktlinjer och "
                 "kvällsaktiviteter.",
                 "En trygg utformning av Torget från början.",
                 ("Trygghetsanalys påbörjad.", "Workshop hållen med polisen och Centrumföreningen.")),
    _MeasureSpec("n11", "cur", "done", 4, "lena", (),
                 "Klotteranmälan via kommunens e-tjänst för felanmälan",
                 "Egen kategori för klotter i e-tjänsten, kopplad till saneringsrutinen.",
                 "Fler anmälningar och snabbare sanering.",
                 ("Kategori tillagd i e-tjänsten.", "Information publicerad på webbplatsen.")),
    _MeasureSpec("n12", "cur", "paused", 4, "peter", ("polis",),
                 "Ansökan om kamerabevakning vid busstationen",
                 "Förbereda och lämna in ansökan om tillstånd till kamerabevakning.",
                 "Färre brott vid busstationen och bättre underlag för utredningar.",
                 ("Underlag för ansökan sammanställt.",), origin=("minutes", "busstation"),
                 reason="Ansökan vilar i väntan på polisens bedömning av platsen."),
    _MeasureSpec("n13", "cur", "done", 4, "oskar", ("sbf",),
                 "Riktade polisinsatser mot skadegörelse vid Stationsområdet",
                 "Polisen prioriterar Stationsområdet fredags- och lördagskvällar under våren.",
                 "Färre skadegörelsebrott vid stationen.",
                 ("Insatser genomförda sex helger.", "Utvärdering: färre rapporter om skadegörelse.")),
    _MeasureSpec("n14", "cur", "cancelled", 4, "mikael", ("sbf",),
                 "Laglig graffitivägg vid fritidsgården Kvarnen",
                 "En vägg där det är tillåtet att måla, med workshops för unga.",
                 "Mindre olagligt klotter i området.", ("Dialog med fastighetsägaren inledd.",),
                 reason="Fastighetsägaren drog tillbaka sitt medgivande och ingen annan lämplig vägg "
                        "har hittats."),
    _MeasureSpec("n15", "cur", "done", 5, "mikael", (),
                 "Kvällsöppet på fritidsgården Kvarnen även under sommarlovet",
                 "Kvällsöppet tre kvällar i veckan under sommarlovet.",
                 "Trygga mötesplatser för unga hela sommaren.",
                 ("Bemanning klar.", "Sommaröppet genomfört med i snitt 40 besökare per kväll.")),
    _MeasureSpec("n16", "cur", "ongoing", 5, "ahmed", ("natt",),
                 "Föräldravandringar i Centrum och Norrby helgkvällar",
                 "Föräldrar vandrar tillsammans med Nattvandrarna fredagar och lördagar.",
                 "Fler vuxna ute där unga är.",
                 ("Informationsbrev till föräldrar i åk 7–9.", "Tolv föräldrar har anmält sig."),
                 origin=("minutes", "foraldra")),
    _MeasureSpec("n17", "cur", "ongoing", 5, "elin", ("soc", "polis", "kff"),
                 "SSPF-samverkan för unga i riskzon",
                 "Samverkan mellan skola, socialtjänst, polis och fritid kring enskilda unga enligt "
                 "gemensam rutin.",
                 "Tidiga och samordnade insatser för unga i riskzon.",
                 ("Rutin och samtyckesblankett klara.", "Fem ärenden hanterade hittills.")),
    _MeasureSpec("n18", "cur", "done", 5, "jonas", (),
                 "Trygghetsenkät för elever i åk 7–9 och gymnasiet",
                 "Digital enkät om trygghet i skolan och på vägen till och från skolan.",
                 "Underlag till skolornas och kommunens trygghetsarbete.",
                 ("Enkäten genomförd, svarsfrekvens 78 procent.", "Resultaten presenterade för BRÅ.")),
    _MeasureSpec("n19", "cur", "done", 6, "karin", ("polis",),
                 "Tillsyn av tobaks- och folkölsförsäljning tillsammans med polisen",
                 "Kontrollköp och tillsynsbesök hos alla försäljningsställen.",
                 "Minskad tillgång till tobak och alkohol för unga.",
                 ("Kontrollköp genomförda hos 14 försäljningsställen.", "Återkoppling till alla "
                  "försäljningsställen skickad.")),
    _MeasureSpec("n20", "cur", "late", 6, "ahmed", ("polis", "sbf"),
                 "Insatser mot narkotikahandel vid busstationen",
                 "Fältgrupp och polis samordnar närvaro; kommunen ser över belysning och insyn.",
                 "Minskad narkotikahandel och färre unga i riskmiljön.",
                 ("Gemensam planering med polisen.", "Insatser genomförda; polisen bedömer att "
                  "problemet flyttat till Stationsparken.")),
    _MeasureSpec("n21", "cur", "not_started", 6, "karin", ("buf",),
                 "Drogvaneundersökning i åk 9 och gymnasiets år 2",
                 "Genomföra drogvaneundersökningen enligt CAN:s modell.",
                 "Aktuellt underlag om ungas drogvanor."),
    _MeasureSpec("n22", "cur", "done", 7, "helena", ("polis",),
                 "Informationskampanj om stöd vid våld i nära relation",
                 "Affischer, webb och information i vårdcentral, skolor och bibliotek.",
                 "Fler som utsätts söker stöd.",
                 ("Material framtaget.", "Kampanjen genomförd i november.")),
    _MeasureSpec("n23", "cur", "ongoing", 7, "elin", ("soc",),
                 "Mentorer i våldsprevention (MVP) på Västerbyskolan",
                 "Utbilda mentorer bland elever och personal enligt MVP-metoden.",
                 "Färre våldssituationer och fler som säger ifrån.",
                 ("Personal utbildad.", "Elevmentorer i åk 8 utsedda.")),
    _MeasureSpec("n24", "cur", "not_started_late", 7, "helena", ("polis",),
                 "Samverkansrutin med polisen vid våld i nära relation",
                 "Gemensam rutin för information och stöd efter polisanmälan.",
                 "Snabbare stöd efter en anmälan."),
    _MeasureSpec("n25", "cur", "done", 8, "johan", (),
                 "Utbildning i hot och våld för nyanställda chefer",
                 "Utbildningen ingår i introduktionen för nya chefer.",
                 "Alla chefer har samma grundkunskap.",
                 ("Utbildningen inlagd i chefsintroduktionen.", "Två tillfällen genomförda.")),
    _MeasureSpec("n26", "cur", "late", 8, "johan", ("soc",),
                 "Säkerhetsgenomgång av receptionerna i kommunhuset och på socialkontoret",
                 "Genomgång av skalskydd, larm, möblering och rutiner i receptionerna.",
                 "Tryggare arbetsmiljö för medarbetarna i receptionerna.",
                 ("Genomgång gjord i kommunhuset.", "Socialkontoret återstår.")),
    _MeasureSpec("n27", "cur", "not_started", 8, "maria", ("polis", "rtj"),
                 "Övning i pågående dödligt våld (PDV) med polis och räddningstjänst",
                 "Gemensam övning i kommunhuset.",
                 "Samövade rutiner vid pågående dödligt våld."),
    _MeasureSpec("n28", "cur", "done", 9, "maria", (),
                 "Uppföljning av trygghetsbesök efter tre månader",
                 "Uppföljande samtal med chef och skyddsombud tre månader efter varje trygghetsbesök.",
                 "Att åtgärderna efter en händelse blir av.",
                 ("Rutinen kompletterad.", "Uppföljningar gjorda på Västerbyskolan och socialkontoret.")),
    _MeasureSpec("n29", "cur", "cancelled", 9, "maria", (),
                 "Egen krisstödsrutin för medarbetare efter hot och våld",
                 "Rutin för krisstöd till medarbetare.",
                 "Snabbt krisstöd.", (),
                 reason="Ingår i den nya kommungemensamma rutinen för krisstöd som HR tar fram."),
    _MeasureSpec("n30", "cur", "not_started_late", 10, "johan", ("klf",),
                 "Rutin för att anmäla och hantera otillåten påverkan",
                 "Rutin och stöd för medarbetare och förtroendevalda som utsätts för otillåten påverkan.",
                 "Fler anmäler och får stöd."),
    _MeasureSpec("n31", "cur", "not_started", 10, "karin", (),
                 "Samverkan mot välfärdsbrott vid utbetalning av försörjningsstöd",
                 "Rutin för kontroller mot andra myndigheter vid misstänkt felaktig utbetalning.",
                 "Färre felaktiga utbetalningar."),
    _MeasureSpec("n32", "cur", "ongoing", 10, "johan", ("soc",),
                 "Utbildning i välfärdsbrott för handläggare inom försörjningsstöd",
                 "Utbildning i att upptäcka och anmäla misstänkta välfärdsbrott.",
                 "Fler upptäckta felaktiga utbetalningar.",
                 ("Utbildningen planerad med ekonomiskt bistånd.", "Första tillfället genomfört.")),
    _MeasureSpec("n33", "cur", "ongoing", 4, "lena", (),
                 "Städning och fler sopkärl vid cykelparkeringen vid stationen",
                 "Städning, bortforsling av övergivna cyklar och fler sopkärl.",
                 "En vårdad miljö som inte inbjuder till skadegörelse.",
                 ("Övergivna cyklar märkta.", "Cyklarna bortforslade.")),
]

# Origins that depend on when a walk took place, kept apart so the table above stays readable.
_OBS_ORIGINS = {"n6": ("obs", "norrby", "4"), "n7": ("obs", "norrby", "1"),
                "n8": ("obs", "norrby", "2"), "n9": ("obs", "norrby", "3"),
                "n33": ("obs", "station", "2")}
_FINDING_ORIGINS = {"n10": 2, "n13": 1, "n20": 3, "n22": 6, "n26": 5}


# --------------------------------------------------------------------------- the builder

@dataclass
class _MeetingDraft:
    meeting: d.Meeting
    spec: _GroupSpec
    held: bool
    attendance: list[tuple[str, Attendance, str]] = field(default_factory=list)
    items: list[tuple[int, str, str, str, str, str | None]] = field(default_factory=list)
    chair: str | None = None
    secretary: str | None = None
    adjuster: str | None = None
    adjusted_on: dt.date | None = None


def _undertakings(c: int, p: int, promise: d.CitizenPromise, agreement: d.CooperationAgreement) -> list:
    """(parent, number, text, organisation key or None for all parties, measure keys,
    notes as (date, status, text))."""
    U = UndertakingStatus
    return [
        (promise, 1, "Kommunen och polisen är ute tillsammans i Centrum och Norrby fredags- och lördagskvällar.",
         None, ("n1",),
         [(dt.date(c, 3, 31), U.ONGOING, "Gemensam närvaro varje fredag sedan februari; lördagar från april."),
          (dt.date(c, 8, 31), U.ONGOING, "Närvaro 14 fredagar och 6 lördagar under våren och sommaren. "
                                         "Nattvandrarna deltar varannan helg.")]),
        (promise, 2, "Belysningen förbättras längs de gångstråk i Norrby som boende pekat ut som otrygga.",
         "sbf", ("n5", "n8"),
         [(dt.date(c, 4, 30), U.ONGOING, "Inventeringen klar: 38 armaturer längs gångstråken behöver bytas."),
          (dt.date(c, 6, 12), U.ONGOING, "Upphandlingen av den första etappen har påbörjats."),
          (dt.date(c, 10, 15), U.ONGOING, "Armaturerna på Lärkvägen utbytta; första etappen i Norrby upphandlad.")]),
        (promise, 3, "Kommunen återkopplar till de boende efter varje trygghetsvandring.", "klf", (),
         [(dt.date(c, 4, 15), U.DONE, "Återkoppling efter vandringen i Norrby publicerad på webbplatsen och "
                                      "i Tryggviksbostäders nyhetsbrev.")]),
        (agreement, 1, "Kommunen och polisen tar fram en gemensam lägesbild efter varje tertial.", None, ("n2",),
         [(dt.date(p, 12, 15), U.ONGOING, "Gemensam lägesbild för tredje tertialet klar och redovisad i BRÅ."),
          (dt.date(c, 9, 20), U.ONGOING, "Lägesbilden för andra tertialet klar.")]),
        (agreement, 2, "Polisen deltar i BRÅ:s möten och redovisar lokalpolisområdets lägesbild.", "polis", (),
         [(dt.date(p, 12, 10), U.ONGOING, "Polisen har deltagit i samtliga BRÅ-möten under året."),
          (dt.date(c, 5, 21), U.ONGOING, "Polisen redovisade lokalpolisområdets lägesbild på BRÅ:s möte i maj.")]),
        (agreement, 3, "Tryggviksbostäder rapporterar händelser i sina bostadsområden via EST varje vecka.", "tvb",
         ("n3",),
         [(dt.date(c, 3, 1), U.DONE, "Tryggviksbostäder rapporterar veckovis sedan februari.")]),
    ]


class _Builder:
    def __init__(self, s: Session, today: dt.date, rng: random.Random) -> None:
        self.s = s
        self.today = today
        self.rng = rng
        self.cur = today.year
        self.prev = today.year - 1
        self.org: dict[str, d.Organisation] = {}
        self.person: dict[str, d.Person] = {}
        self.group: dict[str, d.Group] = {}
        self.gspec: dict[str, _GroupSpec] = {g.key: g for g in _GROUPS}
        self.fa: dict[int, d.FocusArea] = {}
        self.goals: list[tuple[d.Goal, _GoalSpec]] = []
        self.values: dict[int, list[tuple[periods.Period, float]]] = {}
        self.keyed: dict[str, tuple[d.MinutesItem, dt.date, str]] = {}
        self.walks: dict[str, d.SafetyWalk] = {}
        self.obs: dict[tuple[str, str], d.Observation] = {}
        self.findings: dict[int, d.SituationFinding] = {}
        self.meeting_dates: dict[tuple[str, int], list[dt.date]] = {}
        self.walk_days = self.walk_dates()  # needed early: meetings prepare and follow up the walks

    # -- plumbing

    def add(self, obj):
        self.s.add(obj)
        return obj

    def flush(self) -> None:
        self.s.flush()

    def pid(self, key: str | None) -> int | None:
        return None if key is None else self.person[key].id

    def person_org(self, key: str) -> str:
        return next(p[3] for p in _PEOPLE if p[0] == key)

    def at(self, a: dt.date, b: dt.date, lo: float, hi: float) -> dt.date:
        """A day between a and b, at a random share lo…hi of the way."""
        if b <= a:
            return a
        return a + _days(int((b - a).days * self.rng.uniform(lo, hi)))

    def build(self) -> None:
        self.municipality()
        self.organisations()
        self.flush()
        self.programme()
        self.flush()
        self.goals_and_measurements()
        self.groups()
        self.flush()
        self.memberships()
        self.meetings()
        self.situation_picture()
        self.commitments()
        self.walks_()
        self.visits()
        self.flush()
        self.measures()
        self.flush()
        self.est_reports()
        self.undertakings()
        self.flush()

    # -- municipality, organisation, people

    def municipality(self) -> None:
        self.add(d.Municipality(
            id=1, name=DEMO_MUNICIPALITY, demo=True, coordinator_name="Maria Lindqvist",
            coordinator_title="Säkerhetssamordnare", coordinator_email="maria.lindqvist@tryggvik.example",
            report_footer="Tryggviks kommun · Kommunledningsförvaltningen · Storgatan 12, 999 90 Tryggvik · "
                          "www.tryggvik.example"))

    def organisations(self) -> None:
        for key, name, short, kind in _ORGS:
            self.org[key] = self.add(d.Organisation(name=name, short_name=short, kind=kind))
        self.flush()
        for i, (key, name, title, org) in enumerate(_PEOPLE):
            local = (name.lower().replace(" ", ".").replace("å", "a").replace("ä", "a")
                     .replace("ö", "o").replace("é", "e"))
            # Telephone numbers from the series PTS keeps for fiction (08-465 004 00–99,
            # 070-174 06 05–99), so no real subscriber is ever called from a demo.
            phone = f"08-465 004 {10 + i:02d}" if _MAIL_DOMAIN[org] == "tryggvik.example" \
                else f"070-174 06 {10 + i:02d}"
            self.person[key] = self.add(d.Person(
                name=name, title=title, organisation_id=self.org[org].id,
                email=f"{local}@{_MAIL_DOMAIN[org]}", phone=phone))

    # -- programme, directions, focus areas

    def programme(self) -> None:
        first, last = self.prev, self.prev + 3
        decided = dt.date(self.prev - 1, 11, 18)
        prog = self.add(d.Programme(
            title=f"Handlingsprogram för trygghet och säkerhet {first}–{last}",
            reference_number=f"KS {self.prev - 1}/0123", decided_on=decided,
            adopted_by="Kommunfullmäktige", valid_from=dt.date(first, 1, 1),
            valid_to=dt.date(last, 12, 31),
            document_owner="Politisk nivå: Kommunstyrelsen. Tjänstenivå: Kommunledningsförvaltningen, "
                           "säkerhetssamordnaren.",
            follow_up="Handlingsplanen följs upp efter varje tertial i styrgruppen och redovisas för "
                      "BRÅ och kommunstyrelsen efter andra tertialet och vid årets slut. Programmets "
                      "aktualitet prövas minst en gång per mandatperiod.",
            description="Programmet anger inriktningen för Tryggviks kommuns brottsförebyggande och "
                        "trygghetsfrämjande arbete och för den interna säkerheten, enligt lag (2023:196) "
                        "om kommuners ansvar för brottsförebyggande arbete. Det konkretiseras i en årlig "
                        "handlingsplan med åtgärder, ansvariga och tidplan."))
        self.flush()
        self.programme_row = prog
        revisions = [
            ("1.0", "Maria Lindqvist", "Programmet fastställt av kommunfullmäktige.", decided),
            ("1.1", "Maria Lindqvist", "Kontaktuppgifter och organisation uppdaterade efter "
             "omorganisationen av Samhällsbyggnadsförvaltningen.", dt.date(self.prev, 3, 4)),
            ("1.2", "Maria Lindqvist", "Fokusområde 9 (trygghetsbesök) förtydligat efter beslut i "
             "styrgruppen.", dt.date(self.prev, 12, 2)),
        ]
        if dt.date(self.cur, 2, 10) <= self.today:
            revisions.append(("1.3", "Johan Ek", f"Indikatorer för intern säkerhet uppdaterade inför "
                              f"handlingsplan {self.cur}.", dt.date(self.cur, 2, 10)))
        for rev, author, text, day in revisions:
            self.add(d.ProgrammeRevision(programme_id=prog.id, revision=rev, author=author,
                                         description=text, revised_on=day))
        directions = []
        for pos, (title, text) in enumerate(_DIRECTIONS):
            directions.append(self.add(d.Direction(programme_id=prog.id, position=pos, title=title,
                                                   description=text)))
        self.flush()
        for number, dir_index, title, text, owner in _FOCUS_AREAS:
            self.fa[number] = self.add(d.FocusArea(
                direction_id=directions[dir_index].id, number=number, title=title, description=text,
                owner_person_id=self.person[owner].id,
                owner_organisation_id=self.org[self.person_org(owner)].id))
        self.flush()

    # -- goals, measurements, assessments

    def goals_and_measurements(self) -> None:
        base_year = self.prev - 1
        for number, specs in _GOALS.items():
            for pos, g in enumerate(specs):
                goal = self.add(d.Goal(
                    focus_area_id=self.fa[number].id, kind=g.kind, position=pos, text=g.text,
                    indicator=g.indicator, unit=g.unit, baseline=float(g.baseline),
                    baseline_year=base_year, target=float(g.target),
                    higher_is_better=g.higher_is_better,
                    due=dt.date(self.prev + 3 if g.kind is GoalKind.IMPACT else self.cur, 12, 31),
                    source=g.source))
                self.goals.append((goal, g))
        self.flush()
        for goal, g in self.goals:
            self.values[goal.id] = series = []
            if g.period is PeriodKind.YEAR:
                series.append((periods.year(base_year), float(g.baseline)))
                self.add(d.Measurement(goal_id=goal.id, year=base_year, period_kind=g.period,
                                       period_no=1, value=float(g.baseline), source=g.source,
                                       comment="Utgångsvärde."))
            per_year = {PeriodKind.YEAR: 1, PeriodKind.TERTIAL: 3, PeriodKind.QUARTER: 4}[g.period]
            total = 2 * per_year
            for i in range(total):
                year, no = self.prev + i // per_year, i % per_year + 1
                period = periods.of_kind(g.period, year, no)
                if period.end >= self.today:
                    break
                value = g.baseline + (g.target - g.baseline) * g.drift * (i + 1) / total
                value += self.rng.gauss(0, g.noise) if g.noise else 0.0
                if g.seasonal:
                    value += g.seasonal[no - 1]
                value = _round(value, g.decimals)
                if g.unit == "%":
                    value = min(100.0, max(0.0, value))
                series.append((period, value))
                comment = ""
                if g.source == _SURVEY:
                    comment = f"Enkäten genomfördes i november {year}; svarsfrekvens {self.rng.randint(38, 52)} %."
                elif g.source == _POLICE_STATS and year == self.cur and no == 1:
                    comment = "Preliminär siffra; slutlig statistik publiceras senare."
                self.add(d.Measurement(goal_id=goal.id, year=year, period_kind=g.period, period_no=no,
                                       value=value, source=g.source, comment=comment))
        self.assessments()

    def assessments(self) -> None:
        candidates = [periods.tertial(self.prev, 2), periods.tertial(self.prev, 3)]
        candidates += [periods.tertial(self.cur, n) for n in (1, 2, 3)]
        for period in candidates:
            assessed_on = period.end + _days(14)
            if assessed_on > self.today:
                continue
            words = _period_words(PeriodKind.TERTIAL, period.year, period.number)
            for goal, g in self.goals:
                known = [(p, v) for p, v in self.values[goal.id] if p.end <= period.end]
                if not known or known[-1][0].year <= goal.baseline_year:
                    # Only the baseline so far (a yearly survey not yet repeated): nothing to judge.
                    self.add(d.GoalAssessment(
                        goal_id=goal.id, year=period.year, period_kind=PeriodKind.TERTIAL,
                        period_no=period.number, assessment=Assessment.MISSING, assessed_on=assessed_on,
                        comment=f"Bedömning efter {words}: inget nytt mätvärde sedan utgångsläget; "
                                "målet bedöms när nästa mätning finns."))
                    continue
                last_period, value = known[-1]
                share = (value - g.baseline) / (g.target - g.baseline)
                latest = f"{_with_unit(value, g.unit)} ({_period_words(last_period.kind, last_period.year, last_period.number)})"
                if share >= 0.6:
                    verdict = Assessment.ACHIEVABLE
                    comment = (f"Senaste värde {latest} mot målvärdet {_with_unit(g.target, g.unit)}. "
                               f"Utvecklingen går åt rätt håll och målet bedöms kunna nås till {goal.due.year}.")
                elif share >= 0.2:
                    verdict = Assessment.PARTLY
                    comment = (f"Senaste värde {latest}. Viss förbättring sedan utgångsläget "
                               f"{_with_unit(g.baseline, g.unit)} ({goal.baseline_year}), men takten behöver "
                               f"öka för att nå {_with_unit(g.target, g.unit)}.")
                else:
                    verdict = Assessment.DIFFICULT
                    comment = (f"Senaste värde {latest}; förbättringen sedan utgångsläget "
                               f"{_with_unit(g.baseline, g.unit)} är liten eller saknas. Målvärdet "
                               f"{_with_unit(g.target, g.unit)} blir svårt att nå och åtgärderna inom "
                               f"fokusområdet ses över inför nästa handlingsplan.")
                self.add(d.GoalAssessment(
                    goal_id=goal.id, year=period.year, period_kind=PeriodKind.TERTIAL,
                    period_no=period.number, assessment=verdict, assessed_on=assessed_on,
                    comment=f"Bedömning efter {words}: {comment}"))

    # -- groups and memberships

    def groups(self) -> None:
        p, c = self.prev, self.cur
        dates = {
            "styr": (dt.date(p - 3, 2, 1), None, None),
            "samord": (dt.date(p - 3, 2, 1), None, None),
            "bra": (dt.date(p - 5, 9, 1), None, None),
            "analys": (dt.date(p - 1, 9, 1), None, None),
            "norrby": (dt.date(p - 2, 4, 1), None, None),
            "wg_centrum": (dt.date(p, 3, 1), dt.date(c, 12, 31), None),
            "wg_klotter": (dt.date(p - 1, 9, 1), dt.date(p, 10, 31), _nth_weekday(p, 11, 2, 3)),
            "wg_unga": (dt.date(p, 9, 1), dt.date(c + 1, 6, 30), None),
        }
        for spec in _GROUPS:
            started, planned_end, dissolved = dates[spec.key]
            final = ""
            if dissolved:
                final = (f"Slutrapport ({_sv_date(dissolved)}): Gruppen har infört en gemensam rutin för "
                         "sanering av klotter inom 48 timmar på kommunens fastigheter och i "
                         "Tryggviksbostäders bestånd, en gemensam anmälningsväg via EST och ett avtal om "
                         "snabbsanering. Andelen klotter som saneras inom 48 timmar ökade från 72 till 88 "
                         "procent. Frågan om kamerabevakning vid Stationsområdet har överlämnats till "
                         "samordningsgruppen, som beslutade att upplösa gruppen.")
            self.group[spec.key] = self.add(d.Group(
                name=spec.name, short_name=spec.short, level=spec.level,
                mandate=spec.mandate.format(end=_sv_date(planned_end) if planned_end else ""),
                meetings_per_year=spec.per_year, started_on=started, planned_end=planned_end,
                dissolved_on=dissolved, final_report=final,
                parent_group_id=self.group[spec.parent].id if spec.parent else None))
            # Parents come first in _GROUPS; flushing each gives the next its parent's id, so
            # no row is ever updated after it was written (the change log stays one entry a row).
            self.flush()

    def memberships(self) -> None:
        self.members: dict[str, list[tuple[str, MemberRole, dt.date, dt.date | None]]] = {}
        for spec in _GROUPS:
            group = self.group[spec.key]
            rows = []
            for key, role in spec.members:
                rows.append((key, role, group.started_on, group.dissolved_on))
            if spec.key == "bra":  # a member who left the council
                rows.append(("rolf", MemberRole.MEMBER, group.started_on, dt.date(self.prev, 6, 30)))
            if spec.key == "samord":  # the police representative joined later
                rows = [(k, r, dt.date(self.prev, 3, 1) if k == "camilla" else f, t) for k, r, f, t in rows]
            self.members[spec.key] = rows
            for key, role, start, end in rows:
                self.add(d.Membership(group_id=group.id, person_id=self.person[key].id, role=role,
                                      from_date=start, to_date=end))

    # -- meetings and minutes

    def meeting_days(self, spec: _GroupSpec, year: int) -> list[dt.date]:
        group = self.group[spec.key]
        end = group.dissolved_on or group.planned_end
        out = []
        for month in spec.months:
            day = _nth_weekday(year, month, spec.weekday, spec.nth)
            if group.started_on and day < group.started_on:
                continue
            if end and day > end:
                continue
            out.append(day)
        return out

    def meetings(self) -> None:
        drafts: list[_MeetingDraft] = []
        for spec in _GROUPS:
            previous: dt.date | None = None
            for year in (self.prev, self.cur):
                days = self.meeting_days(spec, year)
                self.meeting_dates[(spec.key, year)] = days
                number = 0
                for index, day in enumerate(days):
                    held = day < self.today
                    # The coordination group falls behind this year: one meeting cancelled, one
                    # never held (so the overview has a group behind its cadence to show).
                    if spec.key == "samord" and year == self.cur and held and index == 5:
                        continue
                    cancelled = spec.key == "samord" and year == self.cur and held and index == 2
                    draft = self.draft_meeting(spec, day, held and not cancelled, cancelled)
                    drafts.append(draft)
                    if draft.held:
                        number = self.fill_minutes(draft, year, number, previous, days[index + 1:])
                        previous = day
        self.flush()
        minutes_for: list[tuple[_MeetingDraft, d.Minutes]] = []
        for draft in drafts:
            m = draft.meeting
            for key, attendance, note in draft.attendance:
                self.add(d.MeetingAttendance(meeting_id=m.id, person_id=self.person[key].id,
                                             attendance=attendance, note=note))
            if not draft.held:
                continue
            council = draft.spec.level is GroupLevel.COUNCIL
            posted_from = posted_to = None
            if council and draft.adjusted_on and draft.adjusted_on + _days(1) <= self.today:
                posted_from = draft.adjusted_on + _days(1)
                posted_to = posted_from + _days(21)
            minutes = self.add(d.Minutes(
                meeting_id=m.id, secretary_id=self.pid(draft.secretary), chair_id=self.pid(draft.chair),
                adjuster_id=self.pid(draft.adjuster), adjusted_on=draft.adjusted_on,
                adjustment_place="Kommunledningsförvaltningen, kansliet" if council else "Digital justering",
                posted_from=posted_from, posted_to=posted_to,
                kept_at="Kommunledningsförvaltningen, kansliet" if council else ""))
            minutes_for.append((draft, minutes))
        self.flush()
        for draft, minutes in minutes_for:
            year = draft.meeting.date.year
            for number, heading, discussion, decision, ref, key in draft.items:
                item = self.add(d.MinutesItem(
                    minutes_id=minutes.id, group_id=draft.meeting.group_id, year=year, number=number,
                    heading=heading, reference_number=ref, discussion=discussion, decision=decision))
                if key:
                    self.keyed[key] = (item, draft.meeting.date, draft.spec.name)
        self.flush()
        # Justerade minutes are locked (after their items are in: the lock refuses new ones).
        # One statement, so the rows (and the log) come out the same on every run.
        # A CASE of bound datetimes rather than SQL date arithmetic: the same on SQLite and
        # PostgreSQL (storage.server).
        table = d.Minutes.__table__
        locks = {m.id: dt.datetime.combine(m.adjusted_on, dt.time(16)) for _d, m in minutes_for if m.adjusted_on}
        if locks:
            self.s.execute(table.update().where(table.c.id.in_(list(locks)))
                           .values(locked_at=sa.case(locks, value=table.c.id)))
        for _draft, minutes in minutes_for:
            self.s.expire(minutes, ["locked_at"])  # read again if asked, never written back

    def draft_meeting(self, spec: _GroupSpec, day: dt.date, held: bool, cancelled: bool) -> _MeetingDraft:
        start = dt.time(*spec.start)
        end_minutes = spec.start[0] * 60 + spec.start[1] + spec.minutes_long
        meeting = self.add(d.Meeting(
            group_id=self.group[spec.key].id, date=day, start_time=start,
            end_time=dt.time(end_minutes // 60, end_minutes % 60), place=spec.place,
            cancelled=cancelled,
            notes="Inställt på grund av krisledningsövning; ärendena flyttades till nästa möte."
            if cancelled else ""))
        return _MeetingDraft(meeting, spec, held)

    def active_members(self, key: str, day: dt.date) -> list[tuple[str, MemberRole]]:
        return [(k, r) for k, r, f, t in self.members[key]
                if (f is None or f <= day) and (t is None or day <= t)]

    def topics(self, spec: _GroupSpec, day: dt.date) -> list[tuple[str, str, str, str, str | None]]:
        """The substantive items of one meeting: (heading, discussion, decision, ref, key)."""
        y = day.year
        fmt = dict(y=y, y0=y - 1, y1=y + 1)
        rng = self.rng
        out: list[tuple[str, str, str, str, str | None]] = []

        def put(item: _Item, ref: str = "", key: str | None = None) -> None:
            out.append((item[0].format(**fmt), item[1].format(**fmt), item[2].format(**fmt), ref, key))

        offset = y - self.prev
        if spec.key == "styr":
            for item in _STYR_TOPICS.get(day.month, []):
                put(item, f"KS {y}/{rng.randint(100, 899):04d}")
        elif spec.key == "samord":
            updates = rng.sample(_UPDATES, 3)
            put(("Aktuellt från verksamheterna", "Runda bordet.\n" + "\n".join(updates),
                 "att notera informationen."))
            if day.month % 2:
                place = rng.choice(_EST_PLACES)
                kinds = rng.sample(_EST_KINDS, 2)
                put(("EST – sammanställning sedan förra mötet",
                     f"Kommunpolisen och samordnaren redovisar {rng.randint(18, 46)} EST-rapporter sedan "
                     f"förra mötet. Flest gäller {kinds[0]} och {kinds[1]}; {place} sticker ut med flera "
                     "rapporter sent på kvällen.",
                     f"att notera informationen,\natt {rng.choice(_EST_OWNERS)} följer upp läget vid "
                     f"{place} till nästa möte."))
            else:
                put(("Uppföljning av åtgärder i handlingsplanen",
                     "Ansvariga redovisar läget för åtgärder med deadline före nästa möte. Försenade "
                     "åtgärder får en ny tidplan.",
                     "att ansvariga uppdaterar status och skriver en anteckning i Tryggapp senast en "
                     "vecka före nästa möte."))
            for item in _SAMORD_TOPICS.get(day.month, []):
                put(item)
        elif spec.key == "bra":
            for item in _BRA_TOPICS.get(day.month, []):
                put(item)
        elif spec.key == "analys":
            if day.month in _ANALYS_TOPICS:
                put(_ANALYS_TOPICS[day.month])
            place = rng.choice(_EST_PLACES)
            put((f"Fördjupning: {place}",
                 f"Rapporterna om {place} gås igenom per veckodag och klockslag. Problemen är störst "
                 "fredagar och lördagar efter kl. 21.",
                 "att samordnaren redovisar analysen för samordningsgruppen."))
        elif spec.key == "norrby":
            walk = self.walk_days.get("norrby")
            if walk and walk.year == y and day.month == 2:
                put(("Förmöte inför trygghetsvandringen i Norrby",
                     f"Rutt, inbjudan och roller inför vandringen den {_sv_date(walk)} diskuteras.",
                     "att fastställa rutten,\natt Grannsamverkan och Tryggviksbostäder bjuder in de boende."))
            elif walk and walk.year == y and day.month == 4:
                put(("Återkoppling efter trygghetsvandringen i Norrby",
                     "Åtgärdslistan från vandringen gås igenom. Flera åtgärder är redan beställda.",
                     "att återkopplingen publiceras i Tryggviksbostäders nyhetsbrev."))
            else:
                put(_NORRBY_TOPICS[day.month])
        else:
            topic = _WG_TOPICS[spec.key].get((offset, day.month))
            put(topic or ("Uppföljning av uppdraget", "Gruppen går igenom läget i uppdraget.",
                          "att notera informationen."))
        for key, item in _KEYED_ITEMS.get((spec.key, offset, day.month), []):
            ref = f"KS {y}/{rng.randint(100, 899):04d}" if spec.key == "styr" else ""
            put(item, ref, key)
        return out

    def fill_minutes(self, draft: _MeetingDraft, year: int, number: int, previous: dt.date | None,
                     later: list[dt.date]) -> int:
        spec, day, rng = draft.spec, draft.meeting.date, self.rng
        members = self.active_members(spec.key, day)
        roles = dict(members)
        chair = next((k for k, r in members if r is MemberRole.CHAIR),
                     next((k for k, r in members if r is MemberRole.CONVENER), members[0][0]))
        secretary = next((k for k, r in members if r is MemberRole.SECRETARY), chair)
        present: list[str] = []
        for key, role in members:
            if key in (chair, secretary) or rng.random() < 0.82:
                present.append(key)
                kind = Attendance.CO_OPTED if role is MemberRole.CO_OPTED else Attendance.PRESENT
                draft.attendance.append((key, kind, ""))
            else:
                draft.attendance.append((key, Attendance.ABSENT, ""))
        candidates = [k for k in present if k not in (chair, secretary) and roles[k] is not MemberRole.CO_OPTED]
        adjuster = rng.choice(candidates) if candidates else None
        planned_adjustment = day + _days(rng.randint(3, 8))
        draft.chair, draft.secretary, draft.adjuster = chair, secretary, adjuster
        draft.adjusted_on = planned_adjustment if planned_adjustment <= self.today else None

        adjuster_name = self.person[adjuster].name if adjuster else self.person[chair].name
        items: list[tuple[str, str, str, str, str | None]] = [
            (_OPENING[0], f"{self.person[chair].name} hälsar välkommen och förklarar mötet öppnat.", "", "", None),
            (_OPENING[1], "", f"att utse {adjuster_name} att jämte ordföranden justera protokollet,\n"
             f"att justeringen sker senast {_sv_date(planned_adjustment)}.", "", None),
            (_OPENING[2], "", rng.choice(["att fastställa dagordningen.",
                                          "att fastställa dagordningen med en tillagd punkt under Övriga frågor."]),
             "", None),
            (_OPENING[3], f"Protokollet från mötet den {_sv_date(previous)} gås igenom. Uppdragen från "
             "förra mötet är genomförda eller pågår enligt plan." if previous else
             "Gruppens första möte under perioden; inget tidigare protokoll att följa upp.",
             "att lägga protokollet till handlingarna." if previous else "att notera informationen.", "", None),
        ]
        items += self.topics(spec, day)
        police_item = None
        if spec.level is GroupLevel.COUNCIL:
            police_item = len(items)
            items.append(("Information från polisen", rng.choice(_POLICE_INFO), "att notera informationen.", "", None))
        question, answer = rng.choice(_OTHER_QUESTIONS)
        items.append(("Övriga frågor", question, answer, "", None))
        upcoming = [x for x in later if x > day]
        if spec.level is not GroupLevel.COUNCIL and upcoming:
            items.append(("Nästa möte", f"Nästa möte äger rum den {_sv_date(upcoming[0])}.", "", "", None))
        first = number + 1
        for offset, (heading, discussion, decision, ref, key) in enumerate(items):
            draft.items.append((first + offset, heading, discussion, decision, ref, key))
        last = first + len(items) - 1
        # Guests and partial attendance, as a protocol notes them ("§ 30–31").
        if police_item is not None:
            guest = "camilla" if "camilla" not in roles else "oskar"
            n = first + police_item
            draft.attendance.append((guest, Attendance.OTHER_PRESENT, f"§ {n}"))
        late = [k for k in present if k not in (chair, secretary, adjuster)]
        if late and rng.random() < 0.3:
            who = rng.choice(late)
            draft.attendance = [(k, a, f"§ {first + 4}–{last}" if k == who else note)
                                for k, a, note in draft.attendance]
        return last

    # -- lägesbild, commitments

    def situation_picture(self) -> None:
        decided = next(day for day in self.meeting_dates[("styr", self.prev)] if day.month == 11)
        pic = self.add(d.SituationPicture(
            title=f"Lägesbild brott och trygghet {self.prev}–{self.cur}",
            period_from=dt.date(self.prev, 1, 1), period_to=dt.date(self.cur, 12, 31),
            analysis="Tryggviks kommun är i huvudsak en trygg kommun, men otryggheten är ojämnt fördelad. "
                     "Den är störst kvällstid i Norrby och vid Stationsområdet, och bland kvinnor och "
                     "äldre. Skadegörelsen ökar och koncentreras till stationen, busstationen och Torget. "
                     "Samlingar av unga och misstänkt narkotikahandel vid busstationen kräver samordnade "
                     "insatser av polis, socialtjänst och fritid. Internt ökar hoten mot medarbetare i "
                     "receptionerna.",
            decided_on=decided))
        self.flush()
        self.picture = pic
        for kind, owner, when, note in _SOURCES:
            dated = dt.date(self.cur - when[0], when[1], when[2]) if when else None
            self.add(d.SituationSource(situation_picture_id=pic.id, kind=kind, owner=owner, dated=dated,
                                       note=note.format(p=self.prev)))
        for number, title, text, source, priority, fa in _FINDINGS:
            area, prioritised = _FINDING_AREAS[number]
            self.findings[number] = finding = self.add(d.SituationFinding(
                situation_picture_id=pic.id, number=number, title=title, description=text,
                source=source, priority=priority, focus_area_id=self.fa[fa].id, area=area))
            self.flush()
            for key in dict.fromkeys((fa, *prioritised)):
                self.add(d.FindingFocusArea(finding_id=finding.id, focus_area_id=self.fa[key].id))

    def est_reports(self) -> None:
        """About twenty EST reports of the current year up to today; the findings refer to
        the ones they rest on, and one led to a measure of the plan."""
        made = []
        for month, day, who, org, place, kind, text in _EST:
            when = dt.date(self.cur, month, day)
            if when > self.today:
                continue
            made.append(self.add(d.EstReport(reported_on=when, reporter_kind=who, organisation_id=self.org[org].id,
                                             place=place, kind=kind, description=text)))
        self.flush()
        rests_on = {3: (EstKind.GRAFFITI, EstKind.VANDALISM), 2: (EstKind.DRUGS, EstKind.DISORDER),
                    5: (EstKind.OTHER,)}
        for number, kinds in rests_on.items():
            for report in made:
                if report.kind in kinds:
                    self.add(d.FindingEst(finding_id=self.findings[number].id, est_report_id=report.id))
        # Existing measures of the plan (the demo's plan keeps its numbers): the litter in
        # Stationsparken led to the cleaning at the station, and the lighting programme
        # answers the finding on lighting.
        def measure(title: str) -> d.Measure | None:
            return self.s.exec(select(d.Measure).join(d.ActionPlan, d.ActionPlan.id == d.Measure.action_plan_id)
                               .where(d.ActionPlan.year == self.cur, d.Measure.title == title)).first()

        litter = next((r for r in made if r.kind is EstKind.LITTER and r.place == "Stationsparken"), None)
        cleaning = measure("Städning och fler sopkärl vid cykelparkeringen vid stationen")
        if litter is not None and cleaning is not None:
            litter.measure_id = cleaning.id
            self.add(litter)
        lighting = measure("Belysningsprogram för gång- och cykelvägar i Norrby")
        if lighting is not None:
            self.add(d.FindingMeasure(finding_id=self.findings[4].id, measure_id=lighting.id))

    def commitments(self) -> None:
        c, p = self.cur, self.prev
        self.promise = self.add(d.CitizenPromise(
            title=f"Medborgarlöfte {c}: Trygg kvällsmiljö i Centrum och Norrby",
            period_from=dt.date(c, 1, 1), period_to=dt.date(c, 12, 31),
            police_area="Lokalpolisområde Tryggvik",
            description="Utifrån trygghetsundersökningen och medborgardialogerna lovar kommunen och "
                        "polisen att\n– vara ute tillsammans i Centrum och Norrby fredags- och "
                        "lördagskvällar,\n– förbättra belysningen längs utpekade gångstråk i Norrby,\n"
                        "– återkoppla till de boende efter varje trygghetsvandring.",
            follow_up=f"Följs upp varje tertial i BRÅ och redovisas för invånarna på kommunens webbplats i "
                      f"januari {c + 1}.",
            signed_on=dt.date(p, 12, 3), status=CommitmentStatus.ACTIVE))
        self.agreement = self.add(d.CooperationAgreement(
            title=f"Samverkansöverenskommelse mellan Tryggviks kommun och Lokalpolisområde Tryggvik "
                  f"{p}–{p + 2}",
            period_from=dt.date(p, 1, 1), period_to=dt.date(p + 2, 12, 31),
            police_area="Lokalpolisområde Tryggvik",
            description="Kommunen och polisen samverkar kring tre prioriterade områden: trygghet i "
                        "offentlig miljö (Centrum, Norrby och Stationsområdet), barn och unga i "
                        "riskmiljöer samt narkotika. Parterna tar fram en gemensam lägesbild varje tertial "
                        "och ett medborgarlöfte varje år.",
            follow_up="Följs upp årligen av styrgruppen och lokalpolisområdets ledning.",
            signed_on=dt.date(p - 1, 11, 26), status=CommitmentStatus.ACTIVE))

    def undertakings(self) -> None:
        """The undertakings (åtaganden) of the promise and the agreement, their parties,
        follow-up notes up to today and the measures that carry them out."""
        c, p = self.cur, self.prev
        for parent, orgs in ((self.promise, ("klf", "sbf", "polis")), (self.agreement, ("klf", "polis", "tvb"))):
            column = "citizen_promise_id" if isinstance(parent, d.CitizenPromise) else "agreement_id"
            for org in orgs:
                self.add(d.AgreementParty(organisation_id=self.org[org].id, **{column: parent.id}))
        for parent, number, text, org, measures, notes in _undertakings(c, p, self.promise, self.agreement):
            column = "citizen_promise_id" if isinstance(parent, d.CitizenPromise) else "agreement_id"
            # Added with the promise or agreement (as revision 0012 dates older rows).
            first_note = min((day for day, _s, _n in notes if day <= self.today), default=parent.period_from)
            u = self.add(d.Undertaking(number=number, text=text, organisation_id=self.org[org].id if org else None,
                                       created=min(parent.period_from, first_note), **{column: parent.id}))
            self.flush()
            for key in measures:
                if key in self.measure_by_key:
                    self.add(d.UndertakingMeasure(undertaking_id=u.id, measure_id=self.measure_by_key[key].id))
            for day, status, note in notes:
                if day <= self.today:
                    self.add(d.UndertakingNote(undertaking_id=u.id, noted_on=day, status=status, text=note,
                                               author="Maria Lindqvist"))

    # -- walks and visits

    def walk_dates(self) -> dict[str, dt.date]:
        """Centrum last October; Norrby in March and Stationsområdet in October of this year if
        that is at least two weeks ago (so the follow-up exists), else the year before."""
        p, c, t = self.prev, self.cur, self.today - _days(14)
        norrby = _nth_weekday(c, 3, 2, 3)
        station = _nth_weekday(c, 10, 3, 1)
        return {
            "centrum": _nth_weekday(p, 10, 1, 2),
            "norrby": norrby if norrby <= t else _nth_weekday(p, 3, 2, 3),
            "station": station if station <= t else _nth_weekday(p, 11, 3, 1),
        }

    def walks_(self) -> None:
        photo_no = 0
        for key, w in _WALKS.items():
            day = self.walk_days[key]
            follow_up = day + _days(28)
            walk = self.add(d.SafetyWalk(
                date=day, start_time=dt.time(*w["time"]), area=w["area"], route=w["route"],
                weather=w["weather"], light=w["light"], summary=w["summary"],
                organiser_group_id=self.group[w["organiser"]].id, follow_up_date=follow_up,
                feedback=(f"Återkopplingsmöte hölls den {_sv_date(follow_up)}. Åtgärdslistan har skickats till "
                          "deltagarna och publicerats på kommunens webbplats; åtgärder på privat mark har "
                          "lämnats till fastighetsägarna.") if follow_up <= self.today else ""))
            self.walks[key] = walk
        self.flush()
        for key, w in _WALKS.items():
            walk = self.walks[key]
            for person in w["people"]:
                self.add(d.SafetyWalkParticipant(walk_id=walk.id, person_id=self.person[person].id))
            for org in w["orgs"]:
                self.add(d.SafetyWalkParticipant(walk_id=walk.id, organisation_id=self.org[org].id))
            for name in w["others"]:
                self.add(d.SafetyWalkParticipant(walk_id=walk.id, name=name))
            for number, o in enumerate(w["observations"], start=1):
                self.obs[(key, str(number))] = self.add(d.Observation(
                    walk_id=walk.id, number=number, place=o.place, category=o.category,
                    description=o.description, priority=o.priority,
                    responsible_organisation_id=self.org[o.responsible].id if o.responsible else None,
                    no_action_reason=o.no_action_reason))
        self.flush()
        for key, w in _WALKS.items():
            walk = self.walks[key]
            for number, o in enumerate(w["observations"], start=1):
                if not o.photo:
                    continue
                photo_no += 1
                taken = dt.datetime.combine(walk.date, dt.time(*w["time"])) + dt.timedelta(minutes=15 * number)
                self.add(d.ObservationPhoto(
                    observation_id=self.obs[(key, str(number))].id,
                    filename=f"{key}-{number:02d}.png", mime_type="image/png",
                    data=tiny_png(48, 32, photo_no), caption=o.place, taken_at=taken))

    def visits(self) -> None:
        first = _nth_weekday(self.prev, 9, 1, 3)
        second = min(_nth_weekday(self.cur, 4, 2, 4), self.today - _days(2))
        self.add(d.SafetyVisit(
            date=first, workplace="Västerbyskolan", organisation_id=self.org["buf"].id,
            visited_by_id=self.person["maria"].id,
            incident="Inbrott och skadegörelse i skolans matsal under helgen; personalen oroliga inför måndagen.",
            participants="Elin Sjöberg (rektor), skyddsombud, fastighetsförvaltare, Maria Lindqvist",
            findings="Larmet täckte inte matsalens entré. Flera fönster i markplan saknar inbrottsskydd. "
                     "Personalen visste inte vem de skulle ringa under helgen.",
            recommendations="Komplettera larmet med matsalens entré, byt till förstärkt glas i markplan och "
                            "informera personalen om tjänsteperson i beredskap (TIB). Uppföljning efter tre "
                            "månader."))
        self.add(d.SafetyVisit(
            date=second, workplace="Socialkontoret, receptionen för ekonomiskt bistånd",
            organisation_id=self.org["soc"].id, visited_by_id=self.person["maria"].id,
            incident="En besökare uppträdde hotfullt mot en handläggare i receptionen och fick avvisas av polis.",
            participants="Karin Björk (socialchef), enhetschef, två handläggare, skyddsombud, Maria Lindqvist",
            findings="Receptionsdisken är låg och öppen; överfallslarmet når bara den egna korridoren. "
                     "Rutinen för hot finns men är inte känd av nyanställda.",
            recommendations="Höj och förstärk receptionsdisken, koppla överfallslarmet till "
                            "larmcentralen, gå igenom hotrutinen på nästa arbetsplatsträff och erbjud "
                            "handläggaren samtal med företagshälsovården."))

    # -- action plans and measures

    def measures(self) -> None:
        p, c = self.prev, self.cur
        prev_plan = self.add(d.ActionPlan(
            year=p, programme_id=self.programme_row.id, title=f"Handlingsplan för trygghet och säkerhet {p}",
            decided_on=dt.date(p - 1, 12, 10), decided_by="Kommunstyrelsen"))
        self.flush()
        cur_plan = self.add(d.ActionPlan(
            year=c, programme_id=self.programme_row.id, title=f"Handlingsplan för trygghet och säkerhet {c}",
            decided_on=dt.date(p, 12, 8), decided_by="Kommunstyrelsen", previous_plan_id=prev_plan.id))
        self.flush()
        plans = {"prev": prev_plan, "cur": cur_plan}
        by_key: dict[str, d.Measure] = {}
        final_status: dict[str, MeasureStatus] = {}
        numbers = {"prev": 0, "cur": 0}
        rows = []
        for spec in _MEASURES:
            rows.append((spec, *self.origin_and_creation(spec, plans[spec.plan])))
        # Numbers follow the order measures were added to the plan.
        order = sorted(range(len(rows)), key=lambda i: (rows[i][0].plan != "prev", rows[i][2], i))
        for i in order:
            spec, origin, created, why = rows[i]
            plan = plans[spec.plan]
            numbers[spec.plan] += 1
            if spec.carries:
                before = by_key[spec.carries]
                status0 = final_status[spec.carries]
                start0 = before.start_date if status0 is not NS else None
                base = next(m for m in _MEASURES if m.key == spec.carries)
                title, description, effect = before.title, before.description, before.expected_effect
                origin = {k: getattr(before, k) for k in (
                    "origin_minutes_item_id", "origin_observation_id", "origin_finding_id",
                    "origin_citizen_promise_id", "origin_agreement_id")}
                fa, resp, partners = base.fa, base.resp, base.partners
                why = f"Överförd från handlingsplan {p}, åtgärd {before.number}."
            else:
                status0, start0 = NS, None
                fmt = dict(y=plan.year, y1=plan.year + 1)
                title, description, effect = (spec.title.format(**fmt), spec.description.format(**fmt),
                                              spec.effect.format(**fmt))
                fa, resp, partners = spec.fa, spec.resp, spec.partners
            year_start = dt.date(plan.year, 1, 1)
            w0 = max(created, year_start)
            w1 = self.today if spec.plan == "cur" else dt.date(p, 11, 30)
            year_end = dt.date(plan.year, 12, 31)
            start, deadline, events = self.life(spec.profile, status0, start0, w0, w1, year_end,
                                                spec.reason, closed=spec.plan == "prev")
            status = events[-1][1] if events else status0
            org_key = self.person_org(resp)
            measure = self.add(d.Measure(
                action_plan_id=plan.id, number=numbers[spec.plan], title=title, description=description,
                focus_area_id=self.fa[fa].id, responsible_person_id=self.person[resp].id,
                responsible_organisation_id=self.org[org_key].id, start_date=start, deadline=deadline,
                status=status, cancel_reason=spec.reason if status is CANCELLED else "",
                expected_effect=effect, carried_over_from_id=by_key[spec.carries].id if spec.carries else None,
                **origin))
            self.flush()
            by_key[spec.key] = measure
            self.measure_by_key = by_key
            final_status[spec.key] = status
            self.history(measure, spec, status0, created, why, events, w0, w1, resp)
            for partner in partners:
                if partner != org_key:
                    self.add(d.MeasurePartner(measure_id=measure.id, organisation_id=self.org[partner].id))

    def origin_and_creation(self, spec: _MeasureSpec, plan: d.ActionPlan) -> tuple[dict, dt.date, str]:
        """The measure's origin columns, the day it entered the plan and why."""
        decided = plan.decided_on
        origin = spec.origin or _OBS_ORIGINS.get(spec.key)
        if spec.key in _FINDING_ORIGINS:
            finding = self.findings[_FINDING_ORIGINS[spec.key]]
            return ({"origin_finding_id": finding.id}, decided,
                    f"Beslutad i handlingsplan {plan.year} utifrån lägesbildens iakttagelse {finding.number}.")
        if origin is None or spec.carries:
            return {}, decided, f"Beslutad i handlingsplan {plan.year}."
        kind = origin[0]
        if kind == "promise":
            return ({"origin_citizen_promise_id": self.promise.id}, decided,
                    f"Beslutad i handlingsplan {plan.year} som en del av medborgarlöftet.")
        if kind == "agreement":
            return ({"origin_agreement_id": self.agreement.id}, decided,
                    f"Beslutad i handlingsplan {plan.year} enligt samverkansöverenskommelsen med polisen.")
        if kind == "minutes":
            found = self.keyed.get(origin[1])
            if found is None:  # the meeting lies after `today`
                return {}, decided, f"Beslutad i handlingsplan {plan.year}."
            item, day, group = found
            created = max(day, decided)
            if created > self.today:
                created = decided
            return ({"origin_minutes_item_id": item.id}, created,
                    f"Tillagd efter beslut i {group} den {_sv_date(day)}, § {item.number}.")
        walk_key, number = origin[1], origin[2]
        observation = self.obs[(walk_key, number)]
        walk = self.walks[walk_key]
        created = max(decided, min(walk.date + _days(14), self.today))
        return ({"origin_observation_id": observation.id}, created,
                f"Tillagd efter trygghetsvandringen i {walk.area} den {_sv_date(walk.date)}, "
                f"iakttagelse {observation.number}.")

    def life(self, profile: str, status0: MeasureStatus, start0: dt.date | None, w0: dt.date,
             w1: dt.date, year_end: dt.date, reason: str, *, closed: bool
             ) -> tuple[dt.date | None, dt.date, list[tuple[dt.date, MeasureStatus, str]]]:
        """Start, deadline and status events of a measure's life in the window w0…w1 (no event
        after w1, which is `today` for this year's plan)."""
        rng = self.rng
        events: list[tuple[dt.date, MeasureStatus, str]] = []
        state = {"start": start0, "status": status0}

        def begin(lo: float, hi: float) -> dt.date:
            if state["status"] is NS:
                state["start"] = self.at(w0, w1, lo, hi)
                events.append((state["start"], ON, ""))
                state["status"] = ON
            return max(state["start"] or w0, w0)

        def before_w1(a: dt.date, lo: float, hi: float) -> dt.date:
            """A day in a…w1-1 (not late if that range is empty)."""
            last = w1 - _days(1)
            return self.at(a, last, lo, hi) if last > a else a

        if profile == "done":
            s = begin(0.0, 0.35)
            done = self.at(s, w1, 0.35, 0.95)
            events.append((done, DONE, ""))
            if rng.random() < 0.25:
                deadline = self.at(s, done, 0.6, 0.95)
            else:
                deadline = min(year_end, done + _days(rng.randint(7, 60)))
        elif profile == "ongoing":
            s = begin(0.0, 0.6)
            deadline = self.at(s, w1, 0.5, 1.0) if closed else min(year_end, w1 + _days(rng.randint(14, 100)))
        elif profile == "late":
            s = begin(0.0, 0.4)
            deadline = before_w1(s, 0.3, 0.85)
        elif profile == "not_started":
            if closed:
                state["start"] = self.at(w0, w1, 0.2, 0.6)
                deadline = self.at(state["start"], w1, 0.5, 1.0)
            else:
                # Planned to start later this year; short of time near the year's end, the
                # deadline is the year's last day.
                state["start"] = self.at(w1, year_end, 0.05, 0.4)
                if (year_end - state["start"]).days > 150:
                    deadline = state["start"] + _days(rng.randint(60, 150))
                else:
                    deadline = year_end
        elif profile == "not_started_late":
            state["start"] = self.at(w0, w1, 0.0, 0.3)
            deadline = before_w1(state["start"], 0.4, 0.85)
        elif profile in ("paused", "paused_late"):
            s = begin(0.0, 0.3)
            paused = self.at(s, w1, 0.4, 0.85)
            events.append((paused, PAUSED, reason))
            if profile == "paused_late":
                deadline = before_w1(paused, 0.2, 0.8)
            elif closed:
                deadline = self.at(s, w1, 0.6, 1.0)
            else:
                deadline = min(year_end, w1 + _days(rng.randint(20, 90)))
        elif profile == "cancelled":
            if status0 is NS and rng.random() < 0.5:
                s = begin(0.0, 0.3)
            else:
                state["start"] = state["start"] or self.at(w0, w1, 0.0, 0.4)
                s = w0
            cancelled = self.at(max(s, w0), w1, 0.3, 0.9)
            events.append((cancelled, CANCELLED, reason))
            deadline = min(year_end, max(state["start"], w0) + _days(rng.randint(60, 200)))
        else:  # pragma: no cover - a typo in the table above
            raise ValueError(profile)
        start = state["start"]
        if start is not None and deadline < start:
            deadline = start
        return start, deadline, events

    def history(self, measure: d.Measure, spec: _MeasureSpec, status0: MeasureStatus, created: dt.date,
                why: str, events: list[tuple[dt.date, MeasureStatus, str]], w0: dt.date, w1: dt.date,
                resp: str) -> None:
        """Status changes (creation first) and the dated progress log."""
        author = self.person[resp].name

        def recorded(day: dt.date, n: int) -> dt.datetime:
            return dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(minutes=37 * n)

        self.add(d.MeasureStatusChange(measure_id=measure.id, changed_on=created,
                                       recorded_at=recorded(created, 0), old_status=None,
                                       new_status=status0, reason=why))
        old = status0
        for n, (day, new, reason) in enumerate(events, start=1):
            self.add(d.MeasureStatusChange(measure_id=measure.id, changed_on=day,
                                           recorded_at=recorded(day, n), old_status=old,
                                           new_status=new, reason=reason))
            old = new
        final = old
        notes = list(spec.notes)
        if final is ON or final is PAUSED:
            notes = notes[:max(1, len(notes) - 1)] if final is ON else notes[:1]
        elif final is NS:
            notes = notes[:0]
        begun = next((day for day, new, _r in events if new is ON), None)
        if begun is None and spec.carries and status0 is not NS:
            begun = w0
        end = events[-1][0] if events and final is not ON else w1
        log: list[tuple[dt.date, str]] = []
        if spec.carries:
            log.append((min(w1, w0 + _days(10)), f"Överförd från handlingsplan {self.prev}; tidigare "
                        "anteckningar finns på förra årets åtgärd. Arbetet fortsätter enligt ny tidplan."))
        if begun is not None and notes:
            lo = max(begun, w0)
            for i, text in enumerate(notes):
                if final is DONE and i == len(notes) - 1:
                    day = end
                else:
                    day = lo + _days(int((end - lo).days * (i + 1) / (len(notes) + 1)))
                log.append((day, text))
        if final is PAUSED and spec.reason:
            log.append((end, f"Pausad: {spec.reason}"))
        if final is CANCELLED:
            log.append((end, f"Avbruten: {spec.reason}"))
        if final is NS and measure.deadline and measure.deadline < w1:
            log.append((measure.deadline, "Påminnelse skickad till ansvarig: åtgärden har inte kommit "
                        "igång och tidplanen behöver ses över."))
        for day, text in sorted(log, key=lambda x: x[0]):
            self.add(d.MeasureNote(measure_id=measure.id, noted_on=min(day, w1), text=text, author=author))
