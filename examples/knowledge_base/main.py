"""A support knowledge base of the Responses era: the team's Markdown documents uploaded as
files, one vector store holding them for the file_search tool, and a seeded conversation.

The documents are read by Terraform at plan time (``File.from_path`` copies each one into the
stack's folder as an asset and sets ``file = file("assets/...")``), so the synthesized JSON
stays small and a changed document is a changed plan. Run it from this folder with ``python
main.py`` (or ``cdktf synth``); it writes under ``$CDKTF_OUTDIR`` or ``./cdktf.out``.
"""

from __future__ import annotations

import os
from pathlib import Path

from openai_constructs import Conversation, File, Metadata, VectorStore
from openai_constructs.cdk import App, Construct, TerraformOutput, TerraformStack
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.values import Message, StaticChunking

DOCS = Path(__file__).resolve().parent / "docs"


class KnowledgeBaseStack(TerraformStack):
    """The documents, their vector store and a conversation to start from."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        OpenaiProvider(self, "openai")  # credentials come from the environment
        Metadata.of(self).add("team", "support")

        documents = [
            File.from_path(self, path.stem.capitalize(), path, purpose="assistants")
            for path in sorted(DOCS.glob("*.md"))
        ]
        store = VectorStore(
            self,
            "SupportDocs",
            name="Support documents",
            description="Returns and shipping policies, one file per policy.",
            files=documents,
            chunking=StaticChunking(max_chunk_size_tokens=400, chunk_overlap_tokens=100),
            expires_after_days=365,
        )
        welcome = Conversation(
            self,
            "Welcome",
            items=[
                {"content": "Answer from the support documents only.", "role": "developer"},
                "Hi! Can I still return the shoes I bought?",
                Message("Yes: within 30 days of delivery.", role="assistant"),
            ],
            metadata={"channel": "web"},
        )
        TerraformOutput(self, "vector_store_id", value=store.vector_store_id)
        TerraformOutput(self, "conversation_id", value=welcome.conversation_id)


def main() -> None:
    app = App(outdir=os.environ.get("CDKTF_OUTDIR", "cdktf.out"))
    KnowledgeBaseStack(app, "knowledge-base")
    app.synth()


if __name__ == "__main__":
    main()
