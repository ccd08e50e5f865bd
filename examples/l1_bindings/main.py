"""Every OpenAI beta object declared with the generated L1 bindings, and one lookup.

The L1 layer mirrors the provider one-to-one: the same attribute names, nested values as
structs or plain dicts. Run it from this folder with ``python main.py``; it writes
``cdk.tf.json`` under ``$CDKTF_OUTDIR`` (set by ``cdktf synth``) or ``./cdktf.out``.
"""

from __future__ import annotations

import os

from openai_constructs.cdk import App, Construct, TerraformOutput, TerraformStack
from openai_constructs.l1.beta_assistant import (
    BetaAssistant,
    BetaAssistantTools,
    BetaAssistantToolsFunction,
)
from openai_constructs.l1.beta_chatkit_session import BetaChatkitSession
from openai_constructs.l1.beta_thread import BetaThread
from openai_constructs.l1.beta_thread_message import BetaThreadMessage
from openai_constructs.l1.beta_thread_run import BetaThreadRun
from openai_constructs.l1.data_openai_beta_assistant import DataOpenaiBetaAssistant
from openai_constructs.l1.data_openai_beta_assistants import DataOpenaiBetaAssistants
from openai_constructs.l1.provider import OpenaiProvider


class SupportDeskL1(TerraformStack):
    """A support assistant, a seeded thread, a run, a follow-up message, a ChatKit session,
    and two lookups of assistants that already exist."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        # No secrets here: the provider reads OPENAI_API_KEY when the stack is applied.
        OpenaiProvider(self, "openai")

        assistant = BetaAssistant(
            self,
            "support",
            model="gpt-4o",
            name="Support desk",
            description="Answers customer questions about orders.",
            instructions="You are a courteous support agent. Look orders up before answering.",
            temperature=0.2,
            metadata={"team": "support", "tier": "gold"},
            tools=[
                BetaAssistantTools(
                    type="function",
                    function=BetaAssistantToolsFunction(
                        name="lookup_order",
                        description="Find an order by its number.",
                        parameters={
                            "type": "object",
                            "properties": {"order_number": {"type": "string"}},
                            "required": ["order_number"],
                        },
                        strict=True,
                    ),
                ),
                {"type": "code_interpreter"},
            ],
            tool_resources={"code_interpreter": {"file_ids": ["file-returns-policy"]}},
        )

        thread = BetaThread(
            self,
            "welcome",
            messages=[{"role": "user", "content": "Where is my order 1234?"}],
            metadata={"assistant": assistant.id},
        )

        BetaThreadRun(
            self,
            "first-run",
            thread_id=thread.id,
            assistant_id=assistant.id,
            truncation_strategy={"type": "last_messages", "last_messages": 10},
            tool_choice="auto",
        )

        BetaThreadMessage(
            self,
            "follow-up",
            thread_id=thread.id,
            role="user",
            content="It was shipped to Berlin.",
            attachments=[{"file_id": "file-invoice", "tools": [{"type": "file_search"}]}],
        )

        session = BetaChatkitSession(
            self,
            "web-chat",
            user="customer-42",
            workflow={"id": "wf_support", "tracing": {"enabled": True}},
            chatkit_configuration={"file_upload": {"enabled": True, "max_files": 5}},
            expires_after={"anchor": "created_at", "seconds": 600},
        )

        existing = DataOpenaiBetaAssistants(self, "existing", order="desc", max_items=20)
        triage = DataOpenaiBetaAssistant(self, "triage", assistant_id="asst_triage")

        TerraformOutput(self, "assistant_id", value=assistant.id)
        TerraformOutput(self, "existing_assistants", value=existing.items)
        TerraformOutput(self, "triage_model", value=triage.model)
        TerraformOutput(self, "chat_client_secret", value=session.client_secret, sensitive=True)


def main() -> None:
    app = App(outdir=os.environ.get("CDKTF_OUTDIR", "cdktf.out"))
    SupportDeskL1(app, "support-desk-l1")
    app.synth()


if __name__ == "__main__":
    main()
