"""ChatKit sessions for the beta testers of a support workflow, sharing one configuration,
plus a longer-lived session for the on-call engineer.

Each session's client secret is a sensitive output: ``terraform output -raw
<name>_client_secret`` hands it to the web front end; plans and logs never show it.
Run it from this folder with ``python main.py`` (or ``cdktf synth``); it writes
``cdk.tf.json`` under ``$CDKTF_OUTDIR`` or ``./cdktf.out``.
"""

from __future__ import annotations

import os

from openai_constructs import ChatKitSession
from openai_constructs.cdk import App, Construct, TerraformOutput, TerraformStack
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.patterns import ChatKitSessions
from openai_constructs.values import ChatKitConfiguration, FileUpload, History

WORKFLOW = "wf_support_beta"

TESTERS = {
    "ana": "ana@example.com",
    "bo": "bo@example.com",
    "chen": "chen@example.com",
}


def plan_of(user: str) -> dict[str, str | int | float | bool]:
    """Per-user state: which plan the tester is on."""
    return {"plan": "pro" if user.startswith("chen") else "free"}


class ChatKitStack(TerraformStack):
    """Sessions for the testers and the on-call engineer."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        OpenaiProvider(self, "openai")  # credentials come from the environment

        ChatKitSessions(
            self,
            "beta",
            workflow_id=WORKFLOW,
            users=TESTERS,
            state_variables={"locale": "en", "beta": True},
            state_variables_for=plan_of,
            chatkit_configuration=ChatKitConfiguration(
                automatic_thread_titling=True,
                file_upload=FileUpload(max_files=5, max_file_size=20),
                history=History(recent_threads=10),
            ),
            expires_after_seconds=900,
            max_requests_per_minute=30,
        )

        on_call = ChatKitSession(
            self,
            "on-call",
            workflow_id=WORKFLOW,
            workflow_version="3",
            user="oncall@example.com",
            tracing=False,
            expires_after_seconds=3_600,
        )
        TerraformOutput(self, "on_call_client_secret", value=on_call.client_secret, sensitive=True)


def main() -> None:
    app = App(outdir=os.environ.get("CDKTF_OUTDIR", "cdktf.out"))
    ChatKitStack(app, "chatkit-deployment")
    app.synth()


if __name__ == "__main__":
    main()
