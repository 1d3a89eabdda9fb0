"""Words for the rules' outcomes and parameters, in the person's language.

The domain records reasons as codes with values (so a decision made in Polish can be read in
English and a message can be improved without rewriting history); this module turns them into
sentences, and a rule version's JSON value into lines a person can read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from kierunek.catalogue.models import ServiceType
from kierunek.core.money import Money

from . import domain, domain_confirmation
from .appeal_rules import AppealRules, appeal_rules_from
from .complaint_rules import complaint_rules_from
from .contribution_rules import contribution_rules_from
from .hours_rules import hours_rules_from
from .models import EducationLevel, EmploymentForm, EmploymentStatus, RuleVersion
from .outcome_survey_rules import outcome_survey_rules_from
from .service_type_rules import service_type_rules_from

RULE_LABELS = {
    "identity": gettext_lazy("Identity (PESEL)"),
    "age": gettext_lazy("Age"),
    "region": gettext_lazy("Link to Małopolska"),
    "employment": gettext_lazy("Employment"),
    "target_group": gettext_lazy("Target group of the call"),
}

OUTCOME_LABELS = {
    domain.MET: gettext_lazy("met"),
    domain.NOT_MET: gettext_lazy("not met"),
    domain.REVIEW: gettext_lazy("an officer will check"),
}

LINK_LABELS = {
    domain.LINK_RESIDENCE: gettext_lazy("lives in Małopolska"),
    domain.LINK_WORK: gettext_lazy("works in Małopolska"),
    domain.LINK_STUDY: gettext_lazy("studies in Małopolska"),
}


@dataclass(frozen=True)
class ExplainedReason:
    rule: str
    rule_label: str
    outcome: str
    outcome_label: str
    text: str


def _status_label(status: str | None) -> str:
    if not status:
        return _("not given")
    return str(EmploymentStatus(status).label) if status in EmploymentStatus.values else status


def _form_label(form: str | None) -> str:
    return str(EmploymentForm(form).label) if form in EmploymentForm.values else ""


def _admitted_employment(admitted: list[dict[str, Any]]) -> str:
    parts = []
    for item in admitted:
        status = _status_label(item.get("status"))
        forms = [_form_label(form) for form in item.get("forms") or []]
        parts.append(f"{status} ({', '.join(forms)})" if forms else status)
    return "; ".join(parts)


def _group(group: dict[str, Any]) -> str:
    if group.get("max_isced") is None:
        return _("aged %(min_age)s or over") % {"min_age": group["min_age"]}
    return _("aged %(min_age)s or over with education at most ISCED %(max_isced)s") % group


def _groups(groups: list[dict[str, Any]]) -> str:
    return _(", or ").join(_group(group) for group in groups)


def _links(links: list[str]) -> str:
    return ", ".join(str(LINK_LABELS.get(link, link)) for link in links)


def _years(age: int) -> str:
    return ngettext("%(age)d year old", "%(age)d years old", age) % {"age": age}


def reason_text(reason: domain.Reason) -> str:
    """One sentence that says what the rule requires and what the person's value is."""
    v = dict(reason.values)
    code = reason.code
    if code == "identity_consistent":
        return _("Your date of birth and sex on record match your PESEL number.")
    if code == "identity_mismatch":
        return _(
            "The date of birth or sex on record does not match your PESEL number; an officer will check it."
        )
    if code in ("age_at_least_minimum", "age_below_minimum"):
        return _(
            "You are %(years)s on the day of the decision; "
            "the programme is for people aged %(min_age)s or over."
        ) % {
            "years": _years(v["age"]),
            "min_age": v["min_age"],
        }
    if code == "age_unknown":
        return _("Your date of birth is not known; an officer will check it.")
    if code == "region_link":
        return _("You are linked to the region: %(links)s.") % {"links": _links(v.get("links", []))}
    if code == "region_link_needs_document":
        return _(
            "Your only link to the region is that you %(links)s; an officer will ask for a document that "
            "confirms it (for example a student card or a certificate from the school)."
        ) % {"links": _links(v.get("links", []))}
    if code == "region_unknown":
        return _("You did not say where you live or work; an officer will check it.")
    if code == "no_region_link":
        return _(
            "You do not live, work or study in Małopolska; the programme requires one of these: %(accepted)s."
        ) % {"accepted": _links(v.get("accepted_links", []))}
    if code == "employment_any":
        return _("This call admits people whatever their employment.")
    if code == "employment_unknown":
        return _("You did not give your employment status; an officer will check it.")
    if code in ("employment_admitted", "employment_form_not_admitted", "employment_status_not_admitted"):
        yours = _status_label(v.get("status"))
        form = _form_label(v.get("form"))
        if form:
            yours = f"{yours} ({form})"
        return _("You are %(yours)s; the programme admits: %(admitted)s.") % {
            "yours": yours,
            "admitted": _admitted_employment(v.get("admitted", [])),
        }
    if code == "target_group_member":
        return _("You belong to the target group of this call: %(group)s.") % {"group": _group(v["group"])}
    if code == "target_group_none":
        level = v.get("education_level")
        return _(
            "This call admits people %(groups)s. You are %(years)s with education at ISCED level %(level)s."
        ) % {"groups": _groups(v.get("groups", [])), "years": _years(v["age"]), "level": level}
    if code == "target_group_unknown":
        return _(
            "Your age or education is not known; an officer will check whether you belong to %(groups)s."
        ) % {"groups": _groups(v.get("groups", []))}
    return code


def officer_reason_text(reason: domain.Reason) -> str:
    """The same sentence addressed to the officer who reviews the application: the participant in
    the third person, and what the officer should check."""
    v = dict(reason.values)
    code = reason.code
    if code == "identity_consistent":
        return _("The date of birth and sex on record match the participant's PESEL number.")
    if code == "identity_mismatch":
        return _(
            "The date of birth or sex on record does not match the participant's PESEL number: check it."
        )
    if code in ("age_at_least_minimum", "age_below_minimum"):
        return _(
            "The participant is %(years)s on the day of the decision; "
            "the programme is for people aged %(min_age)s or over."
        ) % {"years": _years(v["age"]), "min_age": v["min_age"]}
    if code == "age_unknown":
        return _("The participant's date of birth is not known: check it.")
    if code == "region_link":
        return _("The participant is linked to the region: %(links)s.") % {
            "links": _links(v.get("links", []))
        }
    if code == "region_link_needs_document":
        return _(
            "The participant's only link to the region: %(links)s. Check a document that confirms it "
            "(for example a student card or a certificate from the school): see the documents attached, "
            "or ask for one."
        ) % {"links": _links(v.get("links", []))}
    if code == "region_unknown":
        return _("The participant did not say where they live or work: check it.")
    if code == "no_region_link":
        return _(
            "The participant does not live, work or study in Małopolska; the programme requires one of "
            "these: %(accepted)s."
        ) % {"accepted": _links(v.get("accepted_links", []))}
    if code == "employment_unknown":
        return _("The participant did not give their employment status: check it.")
    if code in ("employment_admitted", "employment_form_not_admitted", "employment_status_not_admitted"):
        status = _status_label(v.get("status"))
        form = _form_label(v.get("form"))
        return _("The participant is %(status)s; the programme admits: %(admitted)s.") % {
            "status": f"{status} ({form})" if form else status,
            "admitted": _admitted_employment(v.get("admitted", [])),
        }
    if code == "target_group_member":
        return _("The participant belongs to the target group of this call: %(group)s.") % {
            "group": _group(v["group"])
        }
    if code == "target_group_none":
        return _(
            "This call admits people %(groups)s. The participant is %(years)s with education at ISCED level "
            "%(level)s."
        ) % {
            "groups": _groups(v.get("groups", [])),
            "years": _years(v["age"]),
            "level": v.get("education_level"),
        }
    if code == "target_group_unknown":
        return _(
            "The participant's age or education is not known: check whether they belong to %(groups)s."
        ) % {"groups": _groups(v.get("groups", []))}
    return reason_text(reason)


def explain_reasons(reasons: list[dict[str, Any]], *, officer: bool = False) -> list[ExplainedReason]:
    """The reasons in sentences: addressed to the participant, or (``officer``) to the officer."""
    explained = []
    for data in reasons:
        reason = domain.Reason.from_dict(data)
        explained.append(
            ExplainedReason(
                rule=reason.rule,
                rule_label=str(RULE_LABELS.get(reason.rule, reason.rule)),
                outcome=reason.outcome,
                outcome_label=str(OUTCOME_LABELS.get(reason.outcome, reason.outcome)),
                text=officer_reason_text(reason) if officer else reason_text(reason),
            )
        )
    return explained


def _category_names(codes: list[str]) -> dict[str, str]:
    """Category names in the current language, by code (the catalogue's fixed category tree)."""
    from kierunek.catalogue.models import Category

    language = get_language() or ""
    return {category.code: category.label(language) for category in Category.objects.filter(code__in=codes)}


def describe_rule(version: RuleVersion) -> list[str]:
    """A rule version's value as lines a person can read. A value that does not parse is shown as
    such (the admin refuses to save one; this is for old or hand-made data)."""
    try:
        if version.key == domain.RULE_VOUCHER_UNIT:
            return [
                _("One voucher is worth %(amount)s.")
                % {"amount": Money(domain.voucher_unit_from(version.value))}
            ]
        if version.key == domain.RULE_CONSUMPTION:
            return _describe_consumption(version)
        if version.key == domain.RULE_ELIGIBILITY:
            return _describe_eligibility(version)
        if version.key == domain.RULE_BOOKING:
            return _describe_booking(version)
        if version.key == domain.RULE_HOURS:
            return _describe_hours(version)
        if version.key == domain.RULE_APPEAL:
            return _describe_appeal(version)
        if version.key == domain.RULE_CONFIRMATION:
            return _describe_confirmation(version)
        if version.key == domain.RULE_OUTCOME_SURVEY:
            return _describe_outcome_survey(version)
        if version.key == domain.RULE_COMPLAINTS:
            return _describe_complaints(version)
        if version.key == domain.RULE_CONTRIBUTION:
            return _describe_contribution(version)
        if version.key == domain.RULE_SERVICE_TYPES:
            return _describe_service_types(version)
    except domain.RuleValueError as error:
        return [_("This value cannot be read: %(error)s") % {"error": error}]
    return []


def _describe_consumption(version: RuleVersion) -> list[str]:
    rules = domain.consumption_rules_from(version.value, voucher_unit=1)
    names = _category_names([*rules.per_hour, *rules.exam_category_codes])
    lines = [
        ngettext(
            "%(name)s: at most %(count)d voucher an hour.",
            "%(name)s: at most %(count)d vouchers an hour.",
            count,
        )
        % {"name": names.get(code, code), "count": count}
        for code, count in sorted(rules.per_hour.items(), key=lambda item: (item[1], item[0]))
    ]
    lines.append(
        ngettext(
            "Other categories: at most %(count)d voucher an hour.",
            "Other categories: at most %(count)d vouchers an hour.",
            rules.default_per_hour,
        )
        % {"count": rules.default_per_hour}
    )
    lines.append(
        _("An exam (%(categories)s, or any service of the type exam): at most %(count)d vouchers.")
        % {
            "categories": ", ".join(names.get(code, code) for code in rules.exam_category_codes),
            "count": rules.exam_max_vouchers,
        }
    )
    return lines


def _describe_eligibility(version: RuleVersion) -> list[str]:
    rules = domain.eligibility_rules_from(version.value)
    lines = [_("Aged %(min_age)s or over on the day of the decision.") % {"min_age": rules.min_age}]
    links = _links(list(rules.region_links))
    lines.append(_("Linked to Małopolska, any of: %(links)s.") % {"links": links})
    if rules.links_needing_document:
        lines.append(
            _("Needs a document checked by an officer: %(links)s.")
            % {"links": _links(list(rules.links_needing_document))}
        )
    if rules.employment:
        admitted = [{"status": e.status, "forms": list(e.forms)} for e in rules.employment]
        lines.append(_("Employment admitted: %(admitted)s.") % {"admitted": _admitted_employment(admitted)})
    if rules.target_groups:
        groups = [{"min_age": g.min_age, "max_isced": g.max_isced} for g in rules.target_groups]
        lines.append(_("Target groups: people %(groups)s.") % {"groups": _groups(groups)})
    return lines


def _describe_booking(version: RuleVersion) -> list[str]:
    rules = domain.booking_rules_from(version.value)
    return [
        _("A booking is made at least %(days)d days before the service starts.")
        % {"days": rules.min_days_before_start},
        _("The provider accepts or rejects a booking within %(days)d working days, or it is cancelled.")
        % {"days": rules.answer_working_days},
        _("The participant may cancel a booking until %(days)d days before the start.")
        % {"days": rules.cancel_days_before_start},
        _("The provider reports completion within %(days)d days of the end, or it counts as not delivered.")
        % {"days": rules.report_days_after_end},
        _("Vouchers may be used for %(days)d days after they are issued.") % {"days": rules.use_by_days},
    ]


def _describe_hours(version: RuleVersion) -> list[str]:
    rules = hours_rules_from(version.value)
    lines = [_("An hour of a service lasts %(minutes)d minutes.") % {"minutes": rules.hour_minutes}]
    if rules.break_minutes:
        lines.append(
            _(
                "On a day of more than %(after)d minutes of sessions, %(break)d minutes are a break "
                "and do not count."
            )
            % {"after": rules.break_after_minutes, "break": rules.break_minutes}
        )
    else:
        lines.append(_("Breaks within the sessions count as time of the service."))
    lines.append(
        _(
            "The hours a service declares must match its sessions within %(minutes)d minutes; a service "
            "declaring more takes vouchers for the hours of its sessions."
        )
        % {"minutes": rules.tolerance_minutes}
    )
    return lines


def _describe_outcome_survey(version: RuleVersion) -> list[str]:
    rules = outcome_survey_rules_from(version.value)
    lines = [
        ngettext(
            "The participant is invited to the outcome survey %(months)d month after completing a service.",
            "The participant is invited to the outcome survey %(months)d months after completing a service.",
            rules.delay_months,
        )
        % {"months": rules.delay_months}
    ]
    if rules.reminder_days:
        lines.append(
            _("Reminders, while unanswered, %(days)s days after the invitation.")
            % {"days": ", ".join(str(days) for days in rules.reminder_days)}
        )
    lines.append(
        _("The survey closes %(days)d days after the invitation.") % {"days": rules.closes_after_days}
    )
    return lines


def appeal_text(rules: AppealRules) -> str:
    """The rule's text in the person's language (Polish when there is no English text)."""
    return rules.text_en if (get_language() or "").startswith("en") and rules.text_en else rules.text_pl


def _describe_appeal(version: RuleVersion) -> list[str]:
    rules = appeal_rules_from(version.value)
    contact = ", ".join(part for part in (rules.office, rules.address, rules.email, rules.phone) if part)
    return [
        appeal_text(rules),
        ngettext(
            "An appeal is sent within %(days)d day of the decision.",
            "An appeal is sent within %(days)d days of the decision.",
            rules.deadline_days,
        )
        % {"days": rules.deadline_days},
        _("Where to send it: %(contact)s.") % {"contact": contact},
    ]


def _describe_confirmation(version: RuleVersion) -> list[str]:
    rules = domain_confirmation.confirmation_rules_from(version.value)
    lines = [
        _("The participant confirms the attendance within %(days)d days of the provider's report.")
        % {"days": rules.confirm_days_after_report},
        _("The participant rates the service within %(days)d days of the provider's report.")
        % {"days": rules.rate_days_after_report},
    ]
    if rules.reminder_days_before:
        lines.append(
            _("Reminders are e-mailed %(days)s days before the deadline.")
            % {"days": ", ".join(str(days) for days in rules.reminder_days_before)}
        )
    if rules.after_deadline == domain_confirmation.CONFIRM_WITHOUT_RATING:
        lines.append(_("Without a confirmation in time, the service counts as confirmed without a rating."))
    else:
        lines.append(
            _("Without a confirmation in time, an officer decides whether the service was delivered.")
        )
    lines.append(_("A confirmed service that is not rated in time is settled without a rating."))
    return lines


def education_label(level: int | None) -> str:
    return str(EducationLevel(level).label) if level is not None else ""


def _describe_complaints(version: RuleVersion) -> list[str]:
    rules = complaint_rules_from(version.value)
    return [
        _("The provider answers a complaint within %(days)d days of being asked.")
        % {"days": rules.answer_days},
        _("An officer decides on a complaint within %(days)d days of its receipt.")
        % {"days": rules.decision_days},
    ]


def _describe_contribution(version: RuleVersion) -> list[str]:
    rules = contribution_rules_from(version.value)
    percent = f"{rules.share_bp / 100:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    lines = [
        _("Before the vouchers are issued, the participant pays %(percent)s %% of the package's value.")
        % {"percent": percent},
        _("It is paid within %(days)d working days of the order to %(holder)s, account %(iban)s.")
        % {"days": rules.due_working_days, "holder": rules.account_holder, "iban": rules.account_iban},
    ]
    if rules.packages:
        lines.append(_("Packages: %(kinds)s.") % {"kinds": ", ".join(rules.packages)})
    for group in rules.exempt_groups:
        if group.min_age is not None and group.max_isced is not None:
            lines.append(
                _("Exempt: people aged %(age)d or more with education at most %(level)s.")
                % {"age": group.min_age, "level": education_label(group.max_isced)}
            )
        elif group.min_age is not None:
            lines.append(_("Exempt: people aged %(age)d or more.") % {"age": group.min_age})
        else:
            lines.append(
                _("Exempt: people with education at most %(level)s.")
                % {"level": education_label(group.max_isced)}
            )
    if rules.refund_unissued:
        lines.append(_("A contribution paid for an order that is refused or has lapsed is paid back."))
    return lines


def _describe_service_types(version: RuleVersion) -> list[str]:
    rules = service_type_rules_from(version.value)
    names = dict(ServiceType.choices)
    lines = [
        _("Vouchers pay for: %(kinds)s.")
        % {"kinds": ", ".join(str(names.get(kind, kind)) for kind in rules.payable)}
    ]
    lines += [
        _("%(kind)s: at most %(count)d vouchers, whatever its hours.")
        % {"kind": str(names.get(kind, kind)).capitalize(), "count": count}
        for kind, count in rules.max_vouchers.items()
    ]
    return lines
