"""Scaling out from Terraform variables: one support thread per locale and one ChatKit
session per tenant, for as many entries as the workspace's variables hold (none included).

The same code serves every workspace: ``locales`` maps a locale to the greeting that opens its
thread, ``tenants`` maps a tenant to the user id of its ChatKit session. Each locale also gets
an assistant with instructions in that locale, runs it on its thread, and the thread ids,
run ids and (sensitive) client secrets come out as maps by key:

    terraform plan -var='locales={"en" = "Hello!", "de" = "Hallo!"}' \\
                   -var='tenants={"acme" = "user-acme"}'

Run it from this folder with ``python main.py`` (or ``cdktf synth``); it writes
``cdk.tf.json`` under ``$CDKTF_OUTDIR`` or ``./cdktf.out``.
"""

from __future__ import annotations

import os

from openai_constructs import Assistant, Metadata, Thread
from openai_constructs.cdk import (
    App,
    Construct,
    Fn,
    TerraformIterator,
    TerraformOutput,
    TerraformStack,
    TerraformVariable,
    Token,
)
from openai_constructs.l1.provider import OpenaiProvider
from openai_constructs.patterns import ChatKitSessions

WORKFLOW = "wf_support"


class ScalingOutStack(TerraformStack):
    """Per-locale assistants, threads, messages and runs; per-tenant ChatKit sessions."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        OpenaiProvider(self, "openai")  # credentials come from the environment
        Metadata.of(self).add("managed_by", "terraform")

        locales = TerraformVariable(
            self,
            "locales",
            type="map(string)",
            default={"en": "Hello! Where is my order?", "de": "Hallo! Wo ist meine Bestellung?"},
            description="Locale -> the greeting that opens its support thread.",
        )
        tenants = TerraformVariable(
            self,
            "tenants",
            type="map(string)",
            default={"acme": "user-acme"},
            description="Tenant -> the user id of its ChatKit session.",
        )

        each_locale = TerraformIterator.from_map(Token.as_string_map(locales.value))
        # One assistant per locale: the iterator's key appears in its free text, whose
        # literal parts ("${order}" here) are still sent as written.
        support = Assistant(
            self,
            "support",
            model="gpt-4o",
            name=Fn.format("Support (%s)", [each_locale.key]),
            instructions=Fn.format(
                "Answer in the language of locale %s. Order numbers look like ${order}.",
                [each_locale.key],
            ),
            metadata={"locale": each_locale.key},
            for_each=each_locale,
        )
        # One thread per locale, seeded with its greeting; the message and the run declared
        # on it are one per thread instance too, and the run pairs each thread with the
        # assistant of the same locale (both iterate each_locale).
        thread = Thread(
            self,
            "conversation",
            messages=[each_locale.value],
            metadata={"locale": each_locale.key},
            for_each=each_locale,
        )
        thread.add_message("It was ordered last week.")
        run = thread.run(support, additional_instructions="Be brief.")

        ChatKitSessions(
            self,
            "tenant",
            workflow_id=WORKFLOW,
            users=tenants,
            state_variables={"plan": "pro"},
            state_variables_for=lambda user: {"user": user},
            expires_after_seconds=900,
        )

        TerraformOutput(self, "thread_ids", value=thread.thread_ids)
        TerraformOutput(self, "run_ids", value=run.run_ids)


def main() -> None:
    app = App(outdir=os.environ.get("CDKTF_OUTDIR", "cdktf.out"))
    ScalingOutStack(app, "scaling-out")
    app.synth()


if __name__ == "__main__":
    main()
