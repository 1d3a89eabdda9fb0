"""The recruitment's forms: ranking classes, the committee's and director's texts, the appeal,
the results file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm
from kierunek.education.models import SchoolStaff

from . import domain
from .models import Application, SchoolClass

CHOICES_SHOWN = 10


def class_label(school_class: SchoolClass) -> str:
    """A class as a select shows it, with what it requires."""
    needs = []
    if school_class.aptitude_test:
        needs.append(str(_("aptitude test")))
    if school_class.medical_certificate:
        needs.append(str(_("medical certificate")))
    label = f"{school_class.school.name} - {school_class.code}: {school_class.profile}"
    return f"{label} ({', '.join(needs)})" if needs else label


class RankingForm(PlainTextForm):
    """The classes best first: one select per place, empty places ignored."""

    def __init__(self, *args: Any, classes: list[SchoolClass], initial_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = [("", _("(none)"))] + [(str(c.pk), class_label(c)) for c in classes]
        shown = max(CHOICES_SHOWN, len(initial_ids))
        for place in range(1, shown + 1):
            self.fields[f"choice_{place}"] = forms.ChoiceField(
                label=_("Choice %(place)s") % {"place": place}, choices=options, required=False
            )
            if place <= len(initial_ids):
                self.initial[f"choice_{place}"] = str(initial_ids[place - 1])

    def class_ids(self) -> list[int]:
        return [int(v) for k, v in self.cleaned_data.items() if k.startswith("choice_") and v]


class TextForm(PlainTextForm):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)

    def __init__(self, *args: Any, label: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label


class DecisionForm(TextForm):
    uphold = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("uphold the appeal: admit the candidate")), ("no", _("dismiss the appeal"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )


class ResultsFileForm(PlainTextForm):
    file = forms.FileField(
        label=_("Results file (CSV, UTF-8, separated by ;)"),
        help_text=_(
            "A header row: pesel;exam_polish;exam_maths;exam_language;polish;maths and the scored "
            "subjects (biology, chemistry, ...). Empty exam columns: a candidate exempt from the exam."
        ),
    )

    MAX_BYTES = 10 * 1024 * 1024

    def clean_file(self) -> str:
        """The file's text; a file that is not UTF-8 is refused with what to do."""
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not in UTF-8: save it as CSV UTF-8 and send it again.")
            ) from None


class ApplicationForm(PlainTextForm):
    """The candidate's data, one or two guardians, and what they declare for priority and ties."""

    first_name = forms.CharField(label=_("Candidate's first name"), max_length=100)
    last_name = forms.CharField(label=_("Candidate's last name"), max_length=100)
    pesel = forms.CharField(label=_("Candidate's PESEL number"), max_length=20)
    guardian_1_first_name = forms.CharField(label=_("First name"), max_length=100)
    guardian_1_last_name = forms.CharField(label=_("Last name"), max_length=100)
    guardian_1_email = forms.EmailField(label=_("E-mail address"), required=False)
    guardian_1_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    guardian_2_first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    guardian_2_last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    guardian_2_email = forms.EmailField(label=_("E-mail address"), required=False)
    guardian_2_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    laureate = forms.BooleanField(
        label=_("Laureate or finalist of a subject olympiad, or laureate of a superintendent's contest"),
        required=False,
    )
    health = forms.BooleanField(
        label=_("Health problems confirmed by a counselling centre's opinion"), required=False
    )
    large_family = forms.BooleanField(label=_("Large family (three or more children)"), required=False)
    disabled_candidate = forms.BooleanField(label=_("Disability of the candidate"), required=False)
    disabled_parent = forms.BooleanField(label=_("Disability of one parent"), required=False)
    disabled_parents = forms.BooleanField(label=_("Disability of both parents"), required=False)
    disabled_sibling = forms.BooleanField(label=_("Disability of a sibling"), required=False)
    single_parent = forms.BooleanField(label=_("Raised by a single parent"), required=False)
    foster_care = forms.BooleanField(label=_("In foster care"), required=False)

    FIELDSETS = (
        (_("Candidate"), ("first_name", "last_name", "pesel")),
        (
            _("Parent or legal guardian"),
            ("guardian_1_first_name", "guardian_1_last_name", "guardian_1_email", "guardian_1_phone"),
        ),
        (
            _("Second parent or legal guardian (optional)"),
            ("guardian_2_first_name", "guardian_2_last_name", "guardian_2_email", "guardian_2_phone"),
        ),
        (
            _("Priority and criteria (attach the documents at the school of your first choice)"),
            (
                "laureate",
                "health",
                "large_family",
                "disabled_candidate",
                "disabled_parent",
                "disabled_parents",
                "disabled_sibling",
                "single_parent",
                "foster_care",
            ),
        ),
    )

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(str(title), [self[name] for name in names]) for title, names in self.FIELDSETS]

    @classmethod
    def initial_of(cls, application: Application) -> dict[str, object]:
        initial: dict[str, object] = {
            "first_name": application.first_name,
            "last_name": application.last_name,
            "pesel": application.pesel,
        }
        for number, guardian in enumerate(application.guardians.order_by("pk")[:2], start=1):
            for name in ("first_name", "last_name", "email", "phone"):
                initial[f"guardian_{number}_{name}"] = getattr(guardian, name)
        for name in cls.FIELDSETS[3][1]:
            initial[name] = getattr(application, name)
        return initial

    def guardians(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        found = []
        for number in (1, 2):
            values = {
                n: data.get(f"guardian_{number}_{n}") or ""
                for n in ("first_name", "last_name", "email", "phone")
            }
            if number == 1 or any(values.values()):
                found.append(values)
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        second = [data.get(f"guardian_2_{n}") for n in ("first_name", "last_name", "email", "phone")]
        if any(second) and not (data.get("guardian_2_first_name") and data.get("guardian_2_last_name")):
            self.add_error("guardian_2_last_name", _("Give the second guardian's first and last name."))
        return data


class ResultsForm(PlainTextForm):
    """The exam in whole percent (all empty: exempt) and the certificate's grades."""

    exam_polish = forms.IntegerField(label=_("Exam: Polish (%)"), min_value=0, max_value=100, required=False)
    exam_maths = forms.IntegerField(label=_("Exam: maths (%)"), min_value=0, max_value=100, required=False)
    exam_language = forms.IntegerField(
        label=_("Exam: foreign language (%)"), min_value=0, max_value=100, required=False
    )
    distinction = forms.BooleanField(label=_("Certificate with distinction"), required=False)
    contests = forms.DecimalField(
        label=_("Contest points (0 to 18)"),
        min_value=0,
        max_value=18,
        decimal_places=2,
        required=False,
        localize=True,  # 10,5 as Polish write it
    )
    volunteering = forms.BooleanField(label=_("Volunteering noted on the certificate"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = dict(domain.SUBJECTS)
        for code in ("polish", "maths", *sorted(domain.SUBJECT_CODES)):
            label = {"polish": _("Polish"), "maths": _("maths")}.get(code) or _(names[code])
            self.fields[f"grade_{code}"] = forms.TypedChoiceField(
                label=_("Grade: %(subject)s") % {"subject": label},
                choices=[("", "-")] + [(str(g), str(g)) for g in range(6, 0, -1)],
                coerce=int,
                empty_value=None,
                required=code in {"polish", "maths"},
            )

    @classmethod
    def initial_of(cls, application: Application) -> dict[str, object]:
        initial: dict[str, object] = {
            "exam_polish": application.exam_polish,
            "exam_maths": application.exam_maths,
            "exam_language": application.exam_language,
            "distinction": application.distinction,
            "contests": application.contests / 100 if application.contests else None,
            "volunteering": application.volunteering,
        }
        for code, grade in (application.grades or {}).items():
            initial[f"grade_{code}"] = str(grade)
        return initial

    def exam(self) -> list[int | None]:
        return [self.cleaned_data.get(k) for k in ("exam_polish", "exam_maths", "exam_language")]

    def grades(self) -> dict[str, int]:
        return {
            name.removeprefix("grade_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("grade_") and value is not None
        }

    def contests_hundredths(self) -> int:
        value = self.cleaned_data.get("contests")
        return int(value * 100) if value is not None else 0


APTITUDE_CHOICES = [("", _("no result yet")), ("yes", _("passed")), ("no", _("not passed"))]
APTITUDE_VALUES = {"": None, "yes": True, "no": False}


class AptitudeForm(PlainTextForm):
    """The aptitude test of each candidate who ranked a class: passed, not passed or no result
    yet, one group of choices per candidate (a fieldset with the candidate's name as its legend)."""

    def __init__(self, *args: Any, lines: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for line in lines:
            name = f"candidate_{line.preference_id}"
            self.fields[name] = forms.ChoiceField(
                label=f"{line.last_name} {line.first_name}",
                choices=APTITUDE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )
            self.initial[name] = {None: "", True: "yes", False: "no"}[line.passed]

    def results(self) -> dict[int, bool | None]:
        return {
            int(name.removeprefix("candidate_")): APTITUDE_VALUES[value or ""]
            for name, value in self.cleaned_data.items()
        }


class CommitteeForm(PlainTextForm):
    """The director appoints a teacher of the school to the year's committee."""

    staff = forms.ModelChoiceField(
        label=_("Teacher"), queryset=SchoolStaff.objects.none(), empty_label=_("(choose a teacher)")
    )
    chair = forms.BooleanField(label=_("chair of the committee"), required=False)

    def __init__(self, *args: Any, posts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["staff"]
        field.queryset = posts  # type: ignore[attr-defined]
        field.label_from_instance = lambda post: f"{post.user.get_full_name()} ({post.school.name})"  # type: ignore[attr-defined]
