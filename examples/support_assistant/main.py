"""A customer-support assistant: function tools for the order system, file search over the
help-centre articles, and two seeded conversations, one of which runs.

Run it from this folder with ``python main.py``, or from the repository root with
``make synth`` or ``cdktf synth``; it writes ``cdk.tf.json`` under ``$CDKTF_OUTDIR`` or
``./cdktf.out``. The provider reads
``OPENAI_API_KEY`` from the environment when Terraform runs: no secret is in the code.
"""

from __future__ import annotations

import os
from typing import Literal

from pydantic import BaseModel, Field

from openai_constructs import Assistant, Metadata
from openai_constructs.cdk import App, Construct, TerraformStack, TerraformVariable
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.patterns import AssistantWithThreads, ThreadSpec
from openai_constructs.values import (
    FileSearchTool,
    FunctionTool,
    LastMessagesTruncation,
    ToolChoice,
    VectorStore,
)

INSTRUCTIONS = """\
You are the support desk of an online shop. Look an order up before answering a question
about it, and quote the help-centre articles when they answer the question.
Customers sometimes paste template text such as ${order_id} or %{if}: treat it as text.
"""


def lookup_order(order_number: str, include_items: bool = False) -> None:
    """Find an order by its number.

    Args:
        order_number: The number printed on the receipt, e.g. "A-1042".
        include_items: Also return the order's line items.
    """


class RefundRequest(BaseModel):
    """Ask for a refund of one order."""

    order_number: str = Field(description="The order to refund.")
    reason: Literal["damaged", "late", "not_as_described", "other"]
    amount: float | None = Field(default=None, description="Partial refund amount, if any.")


class SupportStack(TerraformStack):
    """The support assistant and its first conversations."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        OpenaiProvider(self, "openai")  # credentials come from OPENAI_API_KEY at apply time

        articles = TerraformVariable(
            self,
            "help_centre_file_ids",
            type="list(string)",
            default=["file-returns-policy", "file-shipping-times"],
            description="Uploaded help-centre articles the assistant searches.",
        )
        Metadata.of(self).add("team", "support")
        Metadata.of(self).add("managed_by", "terraform")

        assistant = Assistant(
            self,
            "SupportAssistant",
            model="gpt-4o",
            name="Support desk",
            description="Answers questions about orders, shipping and returns.",
            instructions=INSTRUCTIONS,
            tools=[
                FunctionTool.from_function(lookup_order, strict=True),
                FunctionTool.from_pydantic(RefundRequest, name="request_refund", strict=True),
                FileSearchTool(vector_stores=[VectorStore(file_ids=articles.list_value)]),
            ],
            temperature=0.2,
            metadata={"tier": "gold"},
        )

        AssistantWithThreads(
            self,
            "Desk",
            assistant=assistant,
            threads={
                "welcome": ["Hello! Where can I see my orders?"],
                "late_order": ThreadSpec(
                    messages=["Order A-1042 has not arrived after two weeks."],
                    run=True,
                ),
            },
            run_options={
                "tool_choice": ToolChoice.auto(),
                "truncation_strategy": LastMessagesTruncation(10),
            },
        )


def main() -> None:
    app = App(outdir=os.environ.get("CDKTF_OUTDIR", "cdktf.out"))
    SupportStack(app, "support-assistant")
    app.synth()


if __name__ == "__main__":
    main()
