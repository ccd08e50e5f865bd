"""Snapshot normalization removes what differs between machines, and nothing else."""

from __future__ import annotations

from openai_constructs.testing.document import normalize


def test_the_default_local_backend_path_is_cut_to_its_file_name() -> None:
    document = {
        "terraform": {
            "backend": {"local": {"path": "/home/ci/work/terraform.app.tfstate"}},
            "required_providers": {"openai": {"source": "stainless-sdks/openai"}},
        },
        "//": {"metadata": {"version": "0.21.0"}},
    }
    assert normalize(document) == {
        "terraform": {
            "backend": {"local": {"path": "terraform.app.tfstate"}},
            "required_providers": {"openai": {"source": "stainless-sdks/openai"}},
        },
    }


def test_a_relative_backend_path_is_kept() -> None:
    document = {"terraform": {"backend": {"local": {"path": "state/app.tfstate"}}}}
    assert normalize(document) == document
