"""The stack before the move: an assistant of the retired Assistants API with file search over
an inline vector store and a function tool, and a thread seeded with messages.

This is what a team's infra repo holds today, and what its Terraform state holds objects of.
Run it from this folder with ``python before.py``; it writes under ``$CDKTF_OUTDIR`` or
``./cdktf.out``.
"""

from __future__ import annotations

import os

from openai_constructs import Assistant, Thread
from openai_constructs.cdk import App, Construct, TerraformStack
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.values import (
    FileSearchTool,
    FunctionTool,
    InlineVectorStore,
    Message,
    StaticChunking,
)


class SupportStack(TerraformStack):
    """The support desk as declared for the Assistants API."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        OpenaiProvider(self, "openai")  # credentials come from the environment
        self.assistant = Assistant(
            self,
            "Support",
            model="gpt-4o",
            instructions="Answer from the help centre. ${order_id} is text, not a template.",
            tools=[
                FunctionTool("lookup_order", "Find an order by its number.", {
                    "type": "object",
                    "properties": {"number": {"type": "string"}},
                    "required": ["number"],
                }),
                FileSearchTool(vector_stores=[InlineVectorStore(
                    file_ids=["file-faq", "file-returns"],
                    chunking_strategy=StaticChunking(600, 200),
                    metadata={"source": "help-centre"},
                )]),
            ],
            temperature=0.2,
            metadata={"team": "support"},
        )
        self.thread = Thread(
            self,
            "Welcome",
            messages=["Where is order 42?", Message("Let me look that up.", role="assistant")],
            metadata={"channel": "web"},
        )
        self.thread.add_message("It left the warehouse yesterday.", role="assistant")


def main() -> None:
    app = App(outdir=os.environ.get("CDKTF_OUTDIR", "cdktf.out"))
    SupportStack(app, "support")
    app.synth()


if __name__ == "__main__":
    main()
