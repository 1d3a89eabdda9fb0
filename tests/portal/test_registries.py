"""Cross-context contributions are made in ``AppConfig.ready()``: a context's audit actions, its
workflows, its part of the personal-data export and its dashboard blocks are registered when
Django starts, not when some page happens to import the module first. A module a context adds
but forgets to import from its ready() would leave the registry short only in some processes (a
worker, a management command), so the house rule is checked here for every installed kierunek app."""

import ast
import inspect
import textwrap

import pytest
from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule

from kierunek.core import personal_data
from kierunek.core.audit_registry import registered_audit_actions
from kierunek.core.workflow import WORKFLOWS, Workflow

REGISTERING_MODULES = ("audit_actions", "workflows", "personal_data", "dashboards")
KIERUNEK_APPS = [config for config in apps.get_app_configs() if config.name.startswith("kierunek.")]


def _ready_tree(config: AppConfig) -> ast.AST | None:
    """The parsed ready() of the app's own config class, or None if it does not define one."""
    ready = type(config).__dict__.get("ready")
    if ready is None:
        return None
    return ast.parse(textwrap.dedent(inspect.getsource(ready)))


def _imported_names(tree: ast.AST, submodule: str) -> set[str] | None:
    """The names ready() imports from ``.<submodule>`` ({submodule} for ``from . import
    submodule``), or None when it does not import the module at all."""
    found: set[str] | None = None
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level != 1:
            continue
        if node.module is None and any(alias.name == submodule for alias in node.names):
            found = (found or set()) | {submodule}
        elif node.module == submodule:
            found = (found or set()) | {alias.asname or alias.name for alias in node.names}
    return found


def _called_names(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.id if isinstance(func, ast.Name) else getattr(func, "attr", ""))
    return names


CASES = [
    (config, submodule)
    for config in KIERUNEK_APPS
    for submodule in REGISTERING_MODULES
    if config.module is not None
    and module_has_submodule(config.module, submodule)
    and (config.label, submodule) != ("core", "dashboards")  # the registry itself
]


def test_the_walk_finds_the_registering_modules():
    found = {(config.label, submodule) for config, submodule in CASES}
    assert ("programmes", "workflows") in found
    assert ("accounts", "audit_actions") in found
    assert ("accounts", "personal_data") in found


@pytest.mark.parametrize(
    ("config", "submodule"), CASES, ids=[f"{config.label}.{submodule}" for config, submodule in CASES]
)
def test_ready_imports_each_registering_module(config, submodule):
    tree = _ready_tree(config)
    assert tree is not None, f"{config.name} has {submodule}.py but its AppConfig has no ready()"
    imported = _imported_names(tree, submodule)
    assert imported is not None, f"{config.name}.apps ready() does not import .{submodule}"
    if submodule in ("personal_data", "dashboards") and config.label != "core":
        # importing is not enough here: the contribution is made by calling its register function
        registers = {name for name in imported if name.endswith("_register")}
        assert registers & _called_names(tree), (
            f"{config.name} ready() does not call its {submodule} register"
        )


def test_every_declared_workflow_is_in_the_registry_under_its_own_context():
    for config, submodule in CASES:
        if submodule != "workflows":
            continue
        module = __import__(f"{config.name}.workflows", fromlist=["*"])
        declared = [value for value in vars(module).values() if isinstance(value, Workflow)]
        assert declared, f"{config.name}.workflows declares no Workflow"
        for workflow in declared:
            assert WORKFLOWS.get(workflow.name) is workflow
            assert workflow.model._meta.app_config is config


def test_every_context_with_a_personal_data_module_has_registered_its_part():
    """A part of the export, or the reasoned exclusion of its models (a context whose tables hold
    nobody's personal data)."""
    registered_apps = {
        apps.get_model(model)._meta.app_label
        for contribution in personal_data.contributions()
        for model in contribution.models
    } | {model.split(".", 1)[0] for model in personal_data.exclusions()}
    for config, submodule in CASES:
        if submodule in ("personal_data", "dashboards") and config.label != "core":
            assert config.label in registered_apps, f"{config.name} registered nothing for the export"


def test_every_context_with_an_audit_actions_module_has_declared_actions():
    declared = registered_audit_actions()
    for config, submodule in CASES:
        if submodule != "audit_actions":
            continue
        module = __import__(f"{config.name}.audit_actions", fromlist=["*"])
        names = [value for key, value in vars(module).items() if key.isupper() and isinstance(value, str)]
        assert names, f"{config.name}.audit_actions declares nothing"
        assert all(name in declared for name in names)


def test_every_context_with_a_dashboards_module_has_registered_blocks_and_each_renders():
    """Each block's template exists and its key names its own context."""
    from django.template.loader import get_template

    from kierunek.accounts.models import Role
    from kierunek.core.dashboards import dashboard_blocks

    blocks = [block for role in Role for block in dashboard_blocks(role)]
    owners = {block.key.split(".", 1)[0] for block in blocks}
    for config, submodule in CASES:
        if submodule == "dashboards":
            assert config.label in owners, f"{config.name} registered no dashboard block"
    for block in blocks:
        get_template(block.template)
    assert len({block.key for block in blocks}) == len(blocks)


def test_every_hook_a_lower_context_offers_is_filled_by_the_context_above_it():
    """The hooks through which a higher context adds to a lower one's pages (docs/architecture.md,
    the table of hooks): each is filled once Django has started, by the context named there."""
    from kierunek.catalogue.hooks import card_panels, qualification_register
    from kierunek.guidance import hooks as guidance_hooks
    from kierunek.providers import hooks as provider_hooks
    from kierunek.vouchers.hooks import BOOKING_LINKS, PROVIDER_NAV

    assert {panel.__module__ for panel in card_panels} == {
        "kierunek.vouchers.catalogue_hooks",
        "kierunek.evaluations.catalogue_hooks",
        "kierunek.complaints.catalogue_hooks",
    }
    for page in (provider_hooks.HOME, provider_hooks.OFFICER_PROVIDER):
        assert {p.template.split("/", 1)[0] for p in provider_hooks.registered(page)} == {"quality"}
    assert guidance_hooks._vouchers_left_provider is not None
    assert guidance_hooks._vouchers_left_provider.__module__ == "kierunek.vouchers.guidance_hooks"
    assert {link.url_name.split(":")[0] for link in BOOKING_LINKS} == {"evaluations", "complaints"}
    assert {item.url_name.split(":")[0] for item in PROVIDER_NAV} == {"evaluations"}
    assert qualification_register.provided
    assert qualification_register._known.__module__ == "kierunek.qualifications.selectors"
    from kierunek.core.resident_figures import resident_figures

    assert {figure.key: figure.people.__module__ for figure in resident_figures()}.items() >= {
        "guidance.competences": "kierunek.labourmarket.figures",
        "vouchers.trainings": "kierunek.labourmarket.figures",
        "qualifications.certificates": "kierunek.qualifications.figures",
    }.items()
    from kierunek.qualifications.hooks import QUALIFICATION_ACTIONS

    assert {action.url_name.split(":")[0] for action in QUALIFICATION_ACTIONS} == {"validation"}


def test_the_registration_hooks_are_filled_by_outreach():
    from kierunek.accounts import hooks as accounts_hooks

    assert {callback.__module__ for callback in accounts_hooks.registered_callbacks()} == {
        "kierunek.outreach.accounts_hooks"
    }
    assert {note.__module__ for note in accounts_hooks._NOTES} == {"kierunek.outreach.accounts_hooks"}


def test_the_events_registration_gates_are_filled_by_education():
    from kierunek.events.hooks import REGISTRATION_GATES

    assert {gate.__module__ for gate in REGISTRATION_GATES} == {"kierunek.education.events_hooks"}
