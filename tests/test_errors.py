"""The public error model: one family of documented classes, importable from the package,
each a subclass of the built-in exception plain Python code expects."""

from __future__ import annotations

import pickle

import pytest

import openai_constructs
from openai_constructs import errors

PUBLIC = {
    "OpenAIConstructsError": (Exception,),
    "ValidationError": (ValueError,),
    "AttributeTypeError": (TypeError,),
    "ConstructTypeError": (TypeError, errors.AttributeTypeError),
    "ConstructIdError": (ValueError, RuntimeError),
    "SensitiveValueError": (ValueError,),
    "HclOutputError": (ValueError,),
    "RuntimeSelectionError": (RuntimeError,),
    "OutputFolderError": (RuntimeError,),
    "CodegenError": (ValueError,),
    "TestingInputError": (ValueError,),
    "ForgottenReferenceError": (ValueError,),
    "StateFileError": (ValueError,),
    "LocalFileError": (ValueError,),
}
# Warning categories live beside the errors; they are not refusals (not OpenAIConstructsError).
WARNINGS = {"RetiredApiWarning": (UserWarning,)}


def test_every_error_class_is_listed_here() -> None:
    assert set(errors.__all__) == set(PUBLIC) | set(WARNINGS)


@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_each_warning_category_is_public_and_shown_by_default(name: str) -> None:
    cls = getattr(openai_constructs, name)
    assert cls is getattr(errors, name) and name in openai_constructs.__all__
    assert cls.__module__ == "openai_constructs.errors"
    assert not issubclass(cls, errors.OpenAIConstructsError)
    for base in WARNINGS[name]:
        assert issubclass(cls, base)
    assert not issubclass(cls, DeprecationWarning)  # hidden by default outside __main__


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_each_class_is_public_documented_and_part_of_the_family(name: str) -> None:
    cls = getattr(openai_constructs, name)
    assert cls is getattr(errors, name)
    assert name in openai_constructs.__all__
    assert cls.__module__ == "openai_constructs.errors"  # what a traceback shows
    assert issubclass(cls, errors.OpenAIConstructsError)
    for base in PUBLIC[name]:
        assert issubclass(cls, base)
    assert cls.__doc__ and len(cls.__doc__) > 40


def test_the_classes_raised_from_the_runtime_are_the_public_ones() -> None:
    from openai_constructs._runtime import cdk, creation, terraform_types

    assert terraform_types.AttributeTypeError is errors.AttributeTypeError
    assert creation.ConstructIdError is errors.ConstructIdError
    assert cdk.RuntimeSelectionError is errors.RuntimeSelectionError


def test_a_duplicate_id_is_caught_by_except_runtime_error_as_with_cdktf() -> None:
    from openai_constructs import Assistant
    from openai_constructs.cdk import TerraformStack, Testing

    stack = TerraformStack(Testing.app(), "s")
    Assistant(stack, "a", model="m")
    with pytest.raises(RuntimeError, match="already used"):
        Assistant(stack, "a", model="m")
    with pytest.raises(ValueError, match="already used"):
        Assistant(stack, "a", model="m")


def test_validation_errors_survive_pickling() -> None:
    """pytest-xdist and multiprocessing send exceptions between processes."""
    error = errors.ValidationError("s/x", ["temperature: between 0 and 2 (got 3)"])
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error) and copy.construct_path == "s/x"


def test_retire_and_state_errors_survive_pickling() -> None:
    for error in (errors.ForgottenReferenceError("prod", ["a refers to b"]),
                  errors.StateFileError("x.tfstate", ["version: 3"])):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error)


def test_hcl_output_errors_survive_pickling() -> None:
    error = errors.HclOutputError("s", ["s/pet: keepers: cannot tell"])
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error) and copy.problems == ("s/pet: keepers: cannot tell",)
