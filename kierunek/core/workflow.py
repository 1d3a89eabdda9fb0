"""The workflow kit: a lifecycle is declared once, as named transitions, and applied by one function.

A context declares each lifecycle in its ``workflows.py``::

    BOOKING = Workflow(
        name="vouchers.booking",
        model=Booking,
        states=dict(BookingStatus.choices),
        transitions=[
            Transition("accept", {REQUESTED}, ACCEPTED, roles={"provider_staff"},
                       label=_("accept the booking"), audit_action=BOOKING_ACCEPTED,
                       notification=Notification(subject=_("Your booking was accepted"), ...)),
            ...
        ],
        history=_booking_event,  # the context's own history row, if it keeps one
    )

and its services move an object with ``BOOKING.apply(booking, "accept", actor=actor)``, which in
one transaction locks the row, checks the transition against the state in the database and the
actor's role, saves the new state (with any other fields the service changed), writes the history
row and the audit record, and queues the notification for after the commit. Nothing else assigns
a workflow's state field (``tests/core/test_workflow_consistency.py`` looks).

A refusal is :class:`TransitionRefused`, a ``ValidationError``: a page shows it on the form and the
API answers 409 with its message (``kierunek.core.api_errors``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .actor import Actor
from .audit import audit_record
from .notify import notify

SYSTEM_ROLE = "system"  # the role of scheduled tasks (deadlines, expiry): Actor with no user


@dataclass(frozen=True)
class Notification:
    """An e-mail sent after a transition commits. ``subject`` is a message id (mark it with
    ``gettext_noop``: the e-mail is translated when it is sent, in the recipient's language, not
    the actor's); ``template`` a plain-text template (the HTML part is made from it, see
    :mod:`kierunek.core.notify`); the callables take the object that moved."""

    subject: str
    template: str
    recipients: Callable[[Any], Iterable[Any]]
    context: Callable[[Any], dict[str, Any]] = field(default=lambda obj: {})


@dataclass(frozen=True)
class Transition:
    """One named step of a lifecycle: from any of ``sources`` to ``target``, taken by ``roles``
    (``"system"`` for scheduled tasks), shown to people as ``label`` (a lazy translation of a verb
    phrase: "accept the booking"), written to the audit log as ``audit_action`` (a name from the
    registry), and e-mailed as ``notification`` if there is one."""

    name: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    label: Any
    audit_action: str
    notification: Notification | None = None

    def __init__(
        self,
        name: str,
        sources: Iterable[str],
        target: str,
        *,
        roles: Iterable[str],
        label: Any,
        audit_action: str,
        notification: Notification | None = None,
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "sources", frozenset(str(s) for s in sources))
        object.__setattr__(self, "target", str(target))
        object.__setattr__(self, "roles", frozenset(roles))
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "audit_action", audit_action)
        object.__setattr__(self, "notification", notification)


@dataclass(frozen=True)
class Applied:
    """What a history hook receives: the object (already saved in its new state), the transition,
    the state it left, who took it and the note they gave."""

    obj: Any
    transition: Transition
    source: str
    actor: Actor
    note: str
    details: dict[str, Any]


class TransitionRefused(ValidationError):
    """A transition the state or the actor's role does not allow; the message says why, for a person."""


WORKFLOWS: dict[str, Workflow] = {}


class Workflow:
    """A lifecycle: the states of ``model``'s ``state_field`` and the transitions between them."""

    def __init__(
        self,
        *,
        name: str,
        model: type[models.Model],
        states: Mapping[str, Any],
        transitions: Iterable[Transition],
        state_field: str = "status",
        history: Callable[[Applied], None] | None = None,
        refusal: Callable[[Any, Transition, str], Any] | None = None,
        audit_object: Callable[[Any], models.Model] | None = None,
        register: bool = True,
    ) -> None:
        self.name = name
        self.model = model
        self.states = {str(key): label for key, label in states.items()}
        self.state_field = state_field
        self.transitions: dict[str, Transition] = {}
        for transition in transitions:
            if transition.name in self.transitions:
                raise ValueError(f"{name}: transition {transition.name!r} declared twice")
            unknown = (transition.sources | {transition.target}) - set(self.states)
            if unknown:
                raise ValueError(f"{name}.{transition.name}: unknown states {sorted(unknown)}")
            self.transitions[transition.name] = transition
        self.history = history
        self.refusal = refusal
        self.audit_object = audit_object  # the audit row's object, when not the one that moved
        if register:  # the registry the consistency test walks; a kit test's toy stays out
            if name in WORKFLOWS:
                raise ValueError(f"workflow {name!r} declared twice")
            WORKFLOWS[name] = self

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def state_label(self, state: str) -> Any:
        return self.states.get(str(state), state)

    def allowed(self, *, state: str, role: str | None = None) -> list[Transition]:
        """The transitions open from ``state`` (to ``role``, when given), in declaration order."""
        return [
            t
            for t in self.transitions.values()
            if str(state) in t.sources and (role is None or role in t.roles)
        ]

    def check(self, *, state: str, name: str, role: str | None = None, obj: Any = None) -> Transition:
        """The transition ``name`` if ``state`` and ``role`` allow it (``role=None`` skips the role
        check: a service that has checked who may act by other means), else :class:`TransitionRefused`."""
        transition = self.transitions.get(name)
        if transition is None:
            raise ValueError(f"{self.name}: no transition {name!r}")
        if role is not None and role not in transition.roles:
            raise TransitionRefused(_("Your role cannot %(action)s.") % {"action": transition.label})
        if str(state) not in transition.sources:
            if self.refusal is not None:
                raise TransitionRefused(self.refusal(obj, transition, str(state)))
            raise TransitionRefused(
                _("You cannot %(action)s while the state is: %(state)s.")
                % {"action": transition.label, "state": self.state_label(state)}
            )
        return transition

    def apply(
        self,
        obj: models.Model,
        name: str,
        *,
        actor: Actor,
        check_role: bool = True,
        fields: Iterable[str] = (),
        note: str = "",
        details: dict[str, Any] | None = None,
    ) -> Transition:
        """Move ``obj`` along transition ``name``: lock its row, check the state the database holds
        (not the one in memory) and, with ``check_role``, the actor's role; save the new state and
        ``fields`` (other attributes the caller set); write the history row and the audit record
        (``details``, by default the states left and reached); queue the notification. Runs inside
        the caller's transaction, or its own."""
        with transaction.atomic():
            current = (
                type(obj)
                ._default_manager.select_for_update()
                .values_list(self.state_field, flat=True)
                .get(pk=obj.pk)
            )
            role = (actor.role or SYSTEM_ROLE) if check_role else None
            transition = self.check(state=current, name=name, role=role, obj=obj)
            setattr(obj, self.state_field, transition.target)
            update_fields = {self.state_field, *fields}
            if any(f.name == "updated_at" for f in type(obj)._meta.concrete_fields):
                update_fields.add("updated_at")
            obj.save(update_fields=sorted(update_fields))
            audit_details = {"from": current, "to": transition.target} if details is None else details
            if self.history is not None:
                self.history(Applied(obj, transition, str(current), actor, note, audit_details))
            audited = obj if self.audit_object is None else self.audit_object(obj)
            audit_record(action=transition.audit_action, actor=actor, obj=audited, details=audit_details)
            if transition.notification is not None:
                message = transition.notification
                notify(
                    recipients=message.recipients(obj),
                    subject=message.subject,
                    template=message.template,
                    context={"object": obj, "transition": transition, **message.context(obj)},
                )
        return transition
