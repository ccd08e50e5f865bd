"""Testing kit for stacks built with openai-constructs.

- snapshot fixture ``terraform_snapshot`` (pytest plugin, needs syrupy);
- assertions that say what differs (``assert_has_resource`` and friends);
- ``assert_matches_schema``: pure-Python check against the provider schema;
- ``assert_valid_terraform`` / ``assert_plans`` / ``assert_planned``: real Terraform,
  offline, through a stub provider (needs the ``[terraform]`` extra), with data-source
  fixtures and the planned values of every resource instance and output.

Every helper takes a ``TerraformStack``, a synthesized JSON string or a dict, HCL text or
the path of a ``cdk.tf`` / ``cdk.tf.json``. ``Template``, ``Match``, ``Capture`` and
``Annotations`` are AWS CDK's assertions for Terraform documents; ``assert_has_resource``
and friends are their short forms.
"""

from openai_constructs.errors import StateFileError, TestingInputError
from openai_constructs.testing._match import Capture, Match, Matcher
from openai_constructs.testing.annotations import Annotations, SynthesisMessage
from openai_constructs.testing.assertions import (
    ANY,
    assert_has_data_source,
    assert_has_output,
    assert_has_provider,
    assert_has_resource,
    assert_matches_schema,
    assert_no_resource,
    assert_planned,
    assert_plans,
    assert_resource_counts,
    assert_valid_terraform,
    default_schema,
    document,
    mismatches,
    resource_counts,
    set_default_schema,
    terraform_runner,
)
from openai_constructs.testing.data_sources import DataFixtureError
from openai_constructs.testing.document import REDACTED, normalize, to_document
from openai_constructs.testing.planned import UNKNOWN, PlannedOutput, PlannedResource, Sensitive
from openai_constructs.testing.schema import SchemaFileError, load_schema
from openai_constructs.testing.schema_check import SchemaProblem, check_document
from openai_constructs.testing.template import Template
from openai_constructs.testing.variables import VariableValueError

__all__ = [
    "ANY",
    "Annotations",
    "Capture",
    "Match",
    "Matcher",
    "SynthesisMessage",
    "Template",
    "TestingInputError",
    "REDACTED",
    "UNKNOWN",
    "DataFixtureError",
    "PlannedOutput",
    "PlannedResource",
    "Sensitive",
    "SchemaFileError",
    "SchemaProblem",
    "VariableValueError",
    "StateFileError",
    "assert_has_data_source",
    "assert_has_output",
    "assert_has_provider",
    "assert_has_resource",
    "assert_matches_schema",
    "assert_no_resource",
    "assert_planned",
    "assert_plans",
    "assert_resource_counts",
    "assert_valid_terraform",
    "check_document",
    "default_schema",
    "document",
    "load_schema",
    "mismatches",
    "normalize",
    "resource_counts",
    "set_default_schema",
    "terraform_runner",
    "to_document",
]
