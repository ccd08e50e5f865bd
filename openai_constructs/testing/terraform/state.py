"""The Terraform state a kit check plans against: read, checked, completed.

``terraform_runner().plan(..., state=...)`` (and ``assert_plans``/``assert_planned``) take a
state as ``terraform state pull`` writes it: version 4, a path to a ``.tfstate`` file or its
dict. The runner writes it as ``terraform.tfstate`` next to the document, where Terraform's
default local backend reads it, so the plan starts from the objects you already have.

A state the kit cannot use is refused before Terraform runs, with one
:class:`~openai_constructs.errors.StateFileError` naming every problem: a file that is not
JSON, another state version, resources that are not shaped as version 4 writes them, and
*foreign* resources, of a provider or a type the runner's schema does not have (Terraform
would need that provider to plan them, and the kit serves no other). What Terraform fills in
itself when it writes a state (``serial``, ``lineage``, ``outputs``) may be left out.
"""

from __future__ import annotations

import copy
import json
import re
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openai_constructs.errors import StateFileError
from openai_constructs.testing.schema import ProviderSchemas

__all__ = ["STATE_FILE", "load_state"]

STATE_FILE = "terraform.tfstate"
"""Where Terraform's default local backend reads and writes the state."""

_PROVIDER = re.compile(r'^provider\["([^"]+)"\](?:\.[A-Za-z_][\w-]*)?$')


def load_state(state: str | Path | Mapping[str, Any], schemas: ProviderSchemas) -> dict[str, Any]:
    """``state`` as a checked version-4 state dict (a copy), ready to write; raises
    ``StateFileError`` naming every problem."""
    where = "given as a dict"
    if isinstance(state, (str, Path)):
        path = Path(state)
        where = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise StateFileError(where, [f"cannot be read: {exc.strerror or exc}"]) from None
        try:
            loaded = json.loads(text)
        except ValueError as exc:
            raise StateFileError(where, [f"is not JSON: {exc}"]) from None
    elif isinstance(state, Mapping):
        loaded = copy.deepcopy(dict(state))
    else:
        raise StateFileError("given", [
            f"must be a path to a .tfstate file or its dict, got {type(state).__name__}"])
    if not isinstance(loaded, dict):
        raise StateFileError(where, [f"must be a JSON object, got {type(loaded).__name__}"])
    version = loaded.get("version")
    if version != 4:
        raise StateFileError(where, [
            f"version: {version!r}; the kit reads version 4, as `terraform state pull` "
            f"writes it (Terraform 0.12 and later)"])
    problems: list[str] = []
    resources = loaded.setdefault("resources", [])
    if not isinstance(resources, list):
        raise StateFileError(where, ["resources: must be a list"])
    for index, resource in enumerate(resources):
        problems.extend(_check_resource(index, resource, schemas))
    if problems:
        raise StateFileError(where, problems)
    terraform_version = loaded.get("terraform_version")
    if not isinstance(terraform_version, str):
        loaded["terraform_version"] = "1.7.0"
    if not isinstance(loaded.get("serial"), int):
        loaded["serial"] = 1
    if not isinstance(loaded.get("lineage"), str):
        loaded["lineage"] = str(uuid.uuid4())
    loaded.setdefault("outputs", {})
    return loaded


def _check_resource(index: int, resource: Any, schemas: ProviderSchemas) -> list[str]:
    at = f"resources[{index}]"
    if not isinstance(resource, dict):
        return [f"{at}: must be an object, got {type(resource).__name__}"]
    problems: list[str] = []
    mode, type_name, name = resource.get("mode"), resource.get("type"), resource.get("name")
    for key, value in (("type", type_name), ("name", name)):
        if not isinstance(value, str) or not value:
            problems.append(f"{at}.{key}: must be a non-empty string, got {value!r}")
    if mode not in ("managed", "data"):
        problems.append(f"{at}.mode: must be 'managed' or 'data', got {mode!r}")
    if problems:
        return problems
    label = f"{at} ({'data.' if mode == 'data' else ''}{type_name}.{name})"
    provider = resource.get("provider")
    match = _PROVIDER.match(provider) if isinstance(provider, str) else None
    if match is None:
        problems.append(f'{label}.provider: must read provider["<source address>"], got '
                        f"{provider!r}")
    elif match.group(1).lower() not in {a.lower() for a in schemas.providers}:
        problems.append(
            f"{label}: foreign provider {match.group(1)!r}; the kit serves only "
            f"{', '.join(sorted(schemas.providers))} (remove the other providers' resources "
            f"from the state you plan against)")
    else:
        kind = str(type_name)
        known = schemas.resource(kind) if mode == "managed" else schemas.data_source(kind)
        if known is None:
            problems.append(f"{label}: foreign type {type_name!r}, not in the schema "
                            f"{schemas.path.name}")
    instances = resource.get("instances")
    if not isinstance(instances, list):
        problems.append(f"{label}.instances: must be a list")
        return problems
    for number, instance in enumerate(instances):
        if not isinstance(instance, dict) or not isinstance(instance.get("attributes"), dict):
            problems.append(f"{label}.instances[{number}]: must be an object with an "
                            f"'attributes' object (version 4 writes attributes, not "
                            f"attributes_flat)")
    return problems
