"""The errors openai_constructs raises for bad input: one small family, all public.

Every refusal of the public API (L1 and L2 constructs, patterns, value helpers, ``Metadata``)
is an instance of :class:`OpenAIConstructsError` and of exactly one of the classes below, and
its message says, in this order where they apply:

* the construct path as the user wrote it (``prod/Support``; the generated child's path only
  for errors about an L1 construct the user created or touched directly), or the helper;
* the attribute path (``tools[1].function.name``);
* the rule broken or the type expected;
* what was received: type and a short repr, and for a sensitive attribute its type and
  length only, never its value;
* the fix, when there is an obvious one (``did you mean 'function'?``).

Each class also derives from the built-in exception Python code would expect, so
``except TypeError`` / ``except ValueError`` written against plain Python keeps working, and
:class:`ConstructIdError` is a ``RuntimeError`` like cdktf's own duplicate-id error.

Nothing is changed by an operation that raises one of these: the construct tree, the
construct and every ``Metadata.of`` registry are as they were before the call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "AttributeTypeError",
    "CodegenError",
    "ConstructIdError",
    "ConstructTypeError",
    "HclOutputError",
    "ForgottenReferenceError",
    "LocalFileError",
    "OpenAIConstructsError",
    "OutputFolderError",
    "RetiredApiWarning",
    "RuntimeSelectionError",
    "SensitiveValueError",
    "StateFileError",
    "TestingInputError",
    "ValidationError",
]


class OpenAIConstructsError(Exception):
    """Base of every error openai_constructs raises for input it refuses.

    ``except OpenAIConstructsError`` catches all of them; the subclasses say what kind of
    mistake it is.
    """


class ValidationError(OpenAIConstructsError, ValueError):
    """Values that break rules of the OpenAI API, all problems of one construct at once.

    ``construct_path`` is the construct (or the helper, ``FunctionTool``); ``violations``
    one entry per broken rule, each printed as ``<attribute path>: <rule> (got ...)``::

        openai_constructs: 1 problem in prod/Support:
          - temperature: between 0 and 2 (got 3)
    """

    def __init__(self, construct_path: str, violations: Sequence[Any]) -> None:
        self.construct_path = construct_path
        self.violations = tuple(violations)
        count = len(self.violations)
        lines = [
            f"openai_constructs: {count} problem{'s' if count != 1 else ''} in {construct_path}:"
        ]
        lines += [f"  - {v}" for v in self.violations]
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.construct_path, self.violations))


class AttributeTypeError(OpenAIConstructsError, TypeError):
    """A value of the wrong type or shape: a wrong type, an unknown key (with the closest
    valid one), a missing required attribute, a set where order matters, a bare string where
    a list is expected, a reference in a place where it cannot be resolved::

        Assistant 'prod/Support': tools[0]: unknown key 'fucntion'; did you mean 'function'?

    Also the arguments Python itself refuses, raised before anything is created: an unknown
    keyword argument (with the closest valid one), a missing required argument, too many
    positional arguments::

        BetaAssistant 'prod/a': unexpected keyword argument 'modle'; did you mean 'model'?
    """


class ConstructTypeError(AttributeTypeError):
    """A parameter that takes a construct of one kind got something else: a thread where an
    assistant is expected, an id string where a construct is expected::

        Thread.run 'prod/Welcome': assistant: expects an assistant (IAssistant), got Thread
        'prod/Other'; to run an assistant known by its id, pass
        Assistant.from_assistant_id(scope, "Id", "asst_...")
    """


class ConstructIdError(OpenAIConstructsError, ValueError, RuntimeError):
    """A construct id that cannot be used: already used by a sibling, empty, a reference or
    reserved (``Default``). A ``RuntimeError`` as cdktf's own duplicate-id error is, and a
    ``ValueError`` as before (an id that is not a string is an ``AttributeTypeError``)::

        Assistant 'prod/Support': the id 'Support' is already used by a sibling; construct
        ids must be unique within their scope
    """


class SensitiveValueError(OpenAIConstructsError, ValueError):
    """A secret about to be written where it should not be: a literal (or a constant reached
    through locals or ``Fn.*`` calls) for a sensitive attribute, or a ``TerraformOutput`` of
    a sensitive value without ``sensitive=True``. The message shows the value's type and
    length, never the value::

        OpenaiProvider 'prod/openai': api_key: is sensitive and refuses a literal value
        (got str of 51 characters), ...
    """


class HclOutputError(OpenAIConstructsError, ValueError):
    """A stack that cannot be written exactly as Terraform native syntax (``hcl_output``).

    Raised by ``App.synth()`` before anything is written, with every problem of the stack:
    the construct (or block), the argument and why, e.g. an object of a resource type whose
    schema is unknown (block or attribute?). The JSON form (the default) has no such limits.
    """

    def __init__(self, stack: str, problems: Sequence[str]) -> None:
        self.stack = stack
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [f"openai_constructs: {count} problem{'s' if count != 1 else ''} writing stack "
                 f"{stack!r} as HCL (hcl_output):"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.stack, self.problems))


class RuntimeSelectionError(OpenAIConstructsError, RuntimeError):
    """The CDK runtime cannot be chosen (unknown name, not installed, or already bound)."""


class OutputFolderError(OpenAIConstructsError, RuntimeError):
    """The output folder could not be updated, or cleaned up after an update (``App.synth()``
    and ``App(outdir=...)``; also exported by ``openai_constructs.cdk``, beside ``App``).

    The message says what happened to the folder: left exactly as it was, or updated with
    leftovers named (which the next synth removes).
    """


class CodegenError(OpenAIConstructsError, ValueError):
    """The generator (``python -m openai_constructs.codegen``) refuses a schema or an output
    folder, before it writes anything: a schema it cannot read, a name that would not give an
    importable package (two types that map to one module or class, a name Python cannot
    use), a generated package that does not compile or import, or an output folder where it
    would overwrite or delete a file it did not generate. The message names the schema file
    and the JSON path in it (or the file in the way)::

        codegen: schema.json: provider_schemas["registry.terraform.io/acme/x"]
        .resource_schemas["x_data_x_a"] and .data_source_schemas["x_a"]: both map to the
        module 'data_x_a' (one would overwrite the other)
    """


class TestingInputError(OpenAIConstructsError, ValueError):
    """Bad input to the testing kit (``openai_constructs.testing``), refused before anything
    is checked: a matcher where a literal value is expected, a resource or data source type
    the provider schema does not know (with the closest name), a file or text that is not a
    Terraform document (malformed HCL or JSON, with the position), a remote-state fixture for
    a stack the app does not have, a capture read before it captured anything.

    An assertion that runs and finds a difference raises ``AssertionError`` instead.
    """

    __test__ = False  # not a test class for pytest, whatever its name
class ForgottenReferenceError(OpenAIConstructsError, ValueError):
    """Something still refers to an object ``Retire.of(scope).forget()`` forgets: an output,
    a local, another resource or data source. The forgotten object is no longer in the
    configuration (a resource is a ``removed`` block, a data source is gone), so Terraform
    could not resolve the reference. Raised at synth, before anything is written, naming
    both construct paths::

        openai_constructs: 1 reference to a forgotten object in stack 'prod':
          - output 'prod/support_id' (output.support_id) refers to 'prod/Support/Default'
            (openai_beta_assistant.Support), a resource that Retire.of('prod').forget()
            forgets; remove the reference, or leave its type out of forget()
            (exclude_resource_types)
    """

    def __init__(self, stack: str, problems: Sequence[str]) -> None:
        self.stack = stack
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [f"openai_constructs: {count} reference{'s' if count != 1 else ''} to a "
                 f"forgotten object in stack {stack!r}:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.stack, self.problems))


class RetiredApiWarning(UserWarning):
    """The Python warning a stack that declares types of a retired OpenAI API gets at synth,
    once per stack and API (the same text as its warning annotation). A ``UserWarning``, so
    ``python main.py`` shows it by default; silence it with the acknowledgement
    (``openai-constructs:acknowledgeRetiredApis``, see ``openai_constructs.api_status``) or
    ``warnings.filterwarnings("ignore", category=RetiredApiWarning)``.
    """


class StateFileError(OpenAIConstructsError, ValueError):
    """A Terraform state the testing kit cannot plan against
    (``terraform_runner().plan(..., state=...)``, ``assert_plans(..., state=...)``): not
    JSON, not version 4 (as ``terraform state pull`` writes it), resources not shaped as
    version 4 writes them, or *foreign* resources, of a provider or type the runner's schema
    does not have. Raised before Terraform runs, with every problem::

        openai_constructs: 1 problem in the Terraform state prod.tfstate:
          - resources[2] (aws_s3_bucket.logs): foreign provider
            'registry.terraform.io/hashicorp/aws'; the kit serves only ...
    """

    def __init__(self, where: str, problems: Sequence[str]) -> None:
        self.where = where
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [f"openai_constructs: {count} problem{'s' if count != 1 else ''} in the "
                 f"Terraform state {where}:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.where, self.problems))


class LocalFileError(OpenAIConstructsError, ValueError):
    """A local file given to a construct (``File.from_path``) that cannot be declared: missing,
    not a regular file, not UTF-8 text (Terraform's ``file()`` reads text only and the
    provider's ``file`` attribute is a string) or over the API's 512 MB. Raised at declaration,
    before anything is created or written::

        File.from_path 'prod/Handbook': path: no file at 'docs/handbook.md' (resolved to
        '/repo/docs/handbook.md')
    """
