"""The domain's vocabularies. Values are stable codes stored in the database; labels are
translated (Swedish) text for the UI and reports. Adding a member needs a migration,
because each enum column carries a CHECK constraint."""

from __future__ import annotations

from enum import StrEnum

from tryggapp.i18n import N_, _


class LabelledEnum(StrEnum):
    """A str-valued enum with a translatable label."""

    __labels__: dict[str, str] = {}

    @property
    def label(self) -> str:
        return _(type(self).__labels__[self.value])

    @classmethod
    def from_label(cls, text: str) -> LabelledEnum:
        wanted = text.strip().casefold()
        for member in cls:
            if member.label.casefold() == wanted or member.value == wanted:
                return member
        raise ValueError(text)


class GoalKind(LabelledEnum):
    IMPACT = "impact"
    PERFORMANCE = "performance"


GoalKind.__labels__ = {"impact": N_("Impact goal"), "performance": N_("Performance goal")}


class PeriodKind(LabelledEnum):
    YEAR = "year"
    TERTIAL = "tertial"
    QUARTER = "quarter"


PeriodKind.__labels__ = {"year": N_("Year"), "tertial": N_("Tertial"), "quarter": N_("Quarter")}


class Assessment(LabelledEnum):
    ACHIEVABLE = "achievable"
    PARTLY = "partly"
    DIFFICULT = "difficult"
    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    MISSING = "missing"


Assessment.__labels__ = {
    "achievable": N_("The goal can be achieved"),
    "partly": N_("The goal can partly be achieved"),
    "difficult": N_("The goal will be difficult to achieve"),
    "achieved": N_("The goal has been achieved"),
    "not_achieved": N_("The goal has not been achieved"),
    "missing": N_("Assessment missing"),
}


class Trend(LabelledEnum):
    POSITIVE = "positive"
    NO_CHANGE = "no_change"
    NEGATIVE = "negative"
    NO_DATA = "no_data"


Trend.__labels__ = {
    "positive": N_("positive"),
    "no_change": N_("no change"),
    "negative": N_("negative"),
    "no_data": N_("data missing"),
}


class OrganisationKind(LabelledEnum):
    MUNICIPAL = "municipal"
    POLICE = "police"
    RESCUE = "rescue"
    HOUSING = "housing"
    PROPERTY_OWNER = "property_owner"
    ASSOCIATION = "association"
    REGION = "region"
    BUSINESS = "business"
    OTHER = "other"


OrganisationKind.__labels__ = {
    "municipal": N_("Municipal department"),
    "police": N_("Police"),
    "rescue": N_("Rescue services"),
    "housing": N_("Housing company"),
    "property_owner": N_("Property owner"),
    "association": N_("Association"),
    "region": N_("Region"),
    "business": N_("Business"),
    "other": N_("Other"),
}


class GroupLevel(LabelledEnum):
    STEERING = "steering"
    COORDINATION = "coordination"
    WORKING = "working"
    COUNCIL = "council"
    ANALYSIS = "analysis"
    LOCAL_BRA = "local_bra"


GroupLevel.__labels__ = {
    "steering": N_("Steering group"),
    "coordination": N_("Coordination group"),
    "working": N_("Working group"),
    "council": N_("Council (BRÅ/STRÅ)"),
    "analysis": N_("Analysis group"),
    "local_bra": N_("Local crime prevention group"),
}


class MemberRole(LabelledEnum):
    CONVENER = "convener"
    CHAIR = "chair"
    SECRETARY = "secretary"
    MEMBER = "member"
    CO_OPTED = "co_opted"


MemberRole.__labels__ = {
    "convener": N_("Convener"),
    "chair": N_("Chair"),
    "secretary": N_("Secretary"),
    "member": N_("Member"),
    "co_opted": N_("Co-opted"),
}


class Attendance(LabelledEnum):
    PRESENT = "present"
    ABSENT = "absent"
    CO_OPTED = "co_opted"
    OTHER_PRESENT = "other_present"


Attendance.__labels__ = {
    "present": N_("Present"),
    "absent": N_("Absent"),
    "co_opted": N_("Co-opted"),
    "other_present": N_("Also present"),
}


class MeasureStatus(LabelledEnum):
    """Stored statuses. 'Late' (Försenad) is derived, never stored: see rules.is_late."""

    NOT_STARTED = "not_started"
    ONGOING = "ongoing"
    DONE = "done"
    PAUSED = "paused"
    CANCELLED = "cancelled"


MeasureStatus.__labels__ = {
    "not_started": N_("Not started"),
    "ongoing": N_("Ongoing"),
    "done": N_("Completed"),
    "paused": N_("Paused"),
    "cancelled": N_("Cancelled"),
}

LATE_LABEL = N_("Late")


class OriginKind(LabelledEnum):
    NONE = "none"
    MINUTES_ITEM = "minutes_item"
    OBSERVATION = "observation"
    FINDING = "finding"
    CITIZEN_PROMISE = "citizen_promise"
    AGREEMENT = "agreement"


OriginKind.__labels__ = {
    "none": N_("No origin"),
    "minutes_item": N_("Minutes item"),
    "observation": N_("Safety walk observation"),
    "finding": N_("Situation picture finding"),
    "citizen_promise": N_("Citizen promise"),
    "agreement": N_("Cooperation agreement"),
}


class ObservationCategory(LabelledEnum):
    LIGHTING = "lighting"
    VEGETATION = "vegetation"
    GRAFFITI = "graffiti"
    VANDALISM = "vandalism"
    LITTER = "litter"
    UNDERPASS = "underpass"
    TRAFFIC = "traffic"
    ACCESSIBILITY = "accessibility"
    DESOLATE = "desolate"
    POSITIVE = "positive"
    OTHER = "other"


ObservationCategory.__labels__ = {
    "lighting": N_("Lighting"),
    "vegetation": N_("Obstructing bushes/vegetation"),
    "graffiti": N_("Graffiti"),
    "vandalism": N_("Vandalism"),
    "litter": N_("Littering"),
    "underpass": N_("Pedestrian underpasses"),
    "traffic": N_("Crossing/traffic safety"),
    "accessibility": N_("Footpaths/accessibility"),
    "desolate": N_("Desolate and dark places"),
    "positive": N_("Positive (safe and pleasant)"),
    "other": N_("Other"),
}


class Priority(LabelledEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


Priority.__labels__ = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low")}


class LightCondition(LabelledEnum):
    DAYLIGHT = "daylight"
    DUSK = "dusk"
    DARK = "dark"


LightCondition.__labels__ = {"daylight": N_("Daylight"), "dusk": N_("Dusk"), "dark": N_("Dark")}


class FindingSource(LabelledEnum):
    SURVEY = "survey"
    REPORTED_CRIME = "reported_crime"
    EST = "est"
    POLICE = "police"
    SAFETY_WALK = "safety_walk"
    OTHER = "other"


FindingSource.__labels__ = {
    "survey": N_("Safety survey"),
    "reported_crime": N_("Reported crime"),
    "est": N_("EST reports"),
    "police": N_("Police"),
    "safety_walk": N_("Safety walk"),
    "other": N_("Other"),
}


class CommitmentStatus(LabelledEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    FULFILLED = "fulfilled"
    NOT_FULFILLED = "not_fulfilled"


CommitmentStatus.__labels__ = {
    "planned": N_("Planned"),
    "active": N_("Active"),
    "fulfilled": N_("Fulfilled"),
    "not_fulfilled": N_("Not fulfilled"),
}


class UndertakingStatus(LabelledEnum):
    """Where an undertaking (åtagande) of a citizen promise or agreement stands. Its own
    words (neuter: "åtagandet är genomfört"), not a measure's."""

    NOT_STARTED = "not_started"
    ONGOING = "ongoing"
    DONE = "done"
    NOT_DONE = "not_done"


UndertakingStatus.__labels__ = {
    "not_started": N_("Not begun"),
    "ongoing": N_("Under way"),
    "done": N_("Carried out"),
    "not_done": N_("Not carried out"),
}


class AuditAction(LabelledEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


AuditAction.__labels__ = {"create": N_("Created"), "update": N_("Changed"), "delete": N_("Deleted")}


def label(value: LabelledEnum | None) -> str:
    return "" if value is None else value.label


_ = _  # re-exported for convenience in this package
